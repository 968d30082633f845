// goroutines has a known structure for goroutine-graph's tests:
// 7 senders stuck on channel stuck (nobody ever receives), 3 senders on channel busy,
// 4 receivers on channel idle, 2 goroutines waiting for a locked mutex, one select on two
// channels and 2 sleepers. Then main stops in main.stop, leaks 5 more senders, and stops again.
package main

import (
	"sync"
	"time"
)

var (
	stuck = make(chan int)
	busy  = make(chan string)
	idle  = make(chan bool)
	left  = make(chan int)
	right = make(chan int)
	gate  sync.Mutex
)

func sender(id int) { stuck <- id }

func busySender(id int) { busy <- "x" }

func receiver() { <-idle }

func locker() {
	gate.Lock()
	gate.Unlock()
}

func selector() {
	select {
	case <-left:
	case right <- 1:
	}
}

func sleeper() { time.Sleep(time.Hour) }

//go:noinline
func stop() {}

func main() {
	gate.Lock()
	for i := 0; i < 7; i++ {
		go sender(i)
	}
	for i := 0; i < 3; i++ {
		go busySender(i)
	}
	for i := 0; i < 4; i++ {
		go receiver()
	}
	for i := 0; i < 2; i++ {
		go locker()
	}
	go selector()
	for i := 0; i < 2; i++ {
		go sleeper()
	}
	time.Sleep(100 * time.Millisecond)
	stop()
	// The leak between the two stops: five more senders on the stuck channel.
	for i := 0; i < 5; i++ {
		go sender(100 + i)
	}
	time.Sleep(100 * time.Millisecond)
	stop()
	gate.Unlock()
}
