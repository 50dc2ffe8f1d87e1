// The go command's check of the package clause (go/parser wording, name as given).
func main() {
}
