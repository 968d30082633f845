package main

import (
	"fmt"
	"testing"
)

func TestCheckpoint(t *testing.T) {
	if got := checkpoint(21); got != 42 {
		t.Fatalf("checkpoint(21) = %d, want 42", got)
	}
	fmt.Println("launch: test ran")
}
