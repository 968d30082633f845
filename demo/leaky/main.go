// leaky is the program `dlvx demo` debugs: a small "service" that leaks goroutines and memory
// the way real ones do. Each request starts a worker that sends its result on an unbuffered
// channel nobody reads after a timeout, and a cache keeps every response forever.
package main

import (
	"fmt"
	"sync"
	"time"
)

type Session struct {
	ID      int
	User    string
	Payload []byte
}

var (
	// cache grows without bound: the memory leak.
	cache = map[int]*Session{}
	// history holds every payload: more of the leak, as byte slices.
	history [][]byte
	mu      sync.Mutex
	handled int
)

// handle answers one request; when the worker is slower than the timeout its goroutine stays
// blocked on the send forever: the goroutine leak.
func handle(id int) {
	results := make(chan *Session)
	go func() {
		s := &Session{ID: id, User: fmt.Sprintf("user-%d", id%7), Payload: make([]byte, 512+id%3*256)}
		if id%3 == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		results <- s
	}()
	select {
	case s := <-results:
		mu.Lock()
		cache[id] = s
		history = append(history, s.Payload)
		handled++
		mu.Unlock()
	case <-time.After(2 * time.Millisecond):
	}
}

// holdLock keeps a mutex locked so that goroutines queue on it, as a slow critical section would.
func holdLock(gate *sync.Mutex, release chan struct{}) {
	gate.Lock()
	<-release
	gate.Unlock()
}

//go:noinline
func checkpoint(round int) int {
	return round
}

func main() {
	var gate sync.Mutex
	release := make(chan struct{})
	go holdLock(&gate, release)
	time.Sleep(time.Millisecond)
	for i := 0; i < 3; i++ {
		go func() {
			gate.Lock()
			gate.Unlock()
		}()
	}
	for round := 1; round <= 3; round++ {
		for i := 0; i < 200; i++ {
			handle(round*1000 + i)
		}
		time.Sleep(20 * time.Millisecond)
		checkpoint(round)
	}
	close(release)
	fmt.Println("leaky: handled", handled)
}
