// basic is the target most integration tests stop: a few goroutines blocked on a channel,
// package variables with known values, and a function (main.stop) to break at.
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

var (
	counter  = 0
	greeting = "hello from basic"
	items    = []int{1, 2, 3}
)

func worker(id int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	results <- id * id
}

//go:noinline
func stop(step int) int {
	return step + 1
}

func main() {
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go worker(i, results, &wg)
	}
	time.Sleep(50 * time.Millisecond)
	counter = 42
	fmt.Println("basic: ready")
	stop(1)
	sum := 0
	for i := 0; i < 5; i++ {
		sum += <-results
	}
	wg.Wait()
	counter = sum
	stop(2)
	fmt.Println("basic: sum", sum)
	if len(os.Args) > 1 && os.Args[1] == "wait" {
		time.Sleep(time.Hour)
	}
}
