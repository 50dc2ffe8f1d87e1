// Switch: duplicate case, mismatched case, non-bool case in a tagless switch.
package main

func main() {
	x := 1
	switch x {
	case 1:
	case 1:
	case "a":
	}
	switch {
	case x:
	}
}
