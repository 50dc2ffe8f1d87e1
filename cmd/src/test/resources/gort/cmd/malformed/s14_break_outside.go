// Branches: break outside a loop and an unused label (gc's CheckBranches).
package main

func main() {
	break
L:
	for {
	}
}
