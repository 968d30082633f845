// launch is the program the F5 tests (DapLaunchTests) debug through dlvx dap, as an editor would:
// it prints its arguments, an environment variable, its working folder and a note the build may set
// (-ldflags=-X main.buildNote=...) to stdout, one line to stderr, and calls checkpoint, where the
// tests break.
package main

import (
	"fmt"
	"os"
	"strings"
)

var (
	counter   = 0
	buildNote = "none"
)

//go:noinline
func checkpoint(total int) int {
	counter = total * 2 // breakpoint line: the tests look for "breakpoint line"
	return counter
}

func main() {
	wd, _ := os.Getwd()
	fmt.Printf("launch: args %s\n", strings.Join(os.Args[1:], "|"))
	fmt.Printf("launch: env %s\n", os.Getenv("DLVX_LAUNCH_GREETING"))
	fmt.Printf("launch: cwd %s\n", wd)
	fmt.Printf("launch: build note %s\n", buildNote)
	fmt.Fprintln(os.Stderr, "launch: to stderr")
	checkpoint(21)
	fmt.Printf("launch: done %d\n", counter)
}
