// edgekinds is the target of the heap walk's edge-kind tests: it keeps exactly 1,000 objects of a
// type of their own behind each kind of reference the garbage collector follows (a channel's
// queue, closures' captures, unsafe.Pointers, interfaces, map values, an array of structs, a
// finalizer's closure), then runs a collection, records runtime.ReadMemStats in ms and stops. With
// nothing allocated since the collection, every allocated heap slot is reachable.
//
// The objects reached only through untyped references (closures, unsafe.Pointer, finalizers) hold a
// pointer and are larger than 512 bytes, so that from Go 1.22 a malloc header names their type
// (objects without pointers never get one); they are of sizes no other type here has, so before
// Go 1.22 their size class tells them apart.
package main

import (
	"runtime"
	"runtime/debug"
	"unsafe"
)

const count = 1000

type viaChannel struct{ id, a, b, c, d, e, f, g int64 }               // 64 bytes
type viaMap struct{ id, a, b, c, d, e, f, g, h, i int64 }             // 80 bytes
type viaInterface struct{ id, a, b, c, d, e, f, g, h, i, j, k int64 } // 96 bytes
type viaArray struct {
	id   int64
	rest [13]int64
} // 112 bytes
type viaClosure struct {
	id   int64
	link *anchor
	rest [142]int64
} // 1152 bytes
type viaUnsafe struct {
	id   int64
	link *anchor
	rest [158]int64
} // 1280 bytes
type viaFinalizer struct {
	id   int64
	link *anchor
	rest [174]int64
} // 1408 bytes

type unsafeHolder struct{ p unsafe.Pointer }

type arrayEntry struct {
	weight int64
	item   *viaArray
}

type anchor struct{ id int64 }

var (
	queue   = make(chan *viaChannel, count)
	table   = map[int]*viaMap{}
	boxes   []any
	entries [count]arrayEntry
	actions []func() int64
	holders []unsafeHolder
	anchors []*anchor
	ms      runtime.MemStats
	garbage int
)

type garbageNode struct {
	next *garbageNode
	pad  [5]int64
}

//go:noinline
func stop() {}

// makeGarbage builds a chain of 500 nodes and drops it, on a goroutine that then exits, so no
// register or live stack slot keeps any of them.
func makeGarbage(done chan<- int) {
	var head *garbageNode
	for i := 0; i < 500; i++ {
		head = &garbageNode{next: head}
	}
	n := 0
	for p := head; p != nil; p = p.next {
		n++
	}
	done <- n
}

// build fills the globals. It is a function of its own so that main's frame, which the walk scans
// as the collector does, holds none of the loop's variables when the program stops.
func build() {
	for i := 0; i < count; i++ {
		queue <- &viaChannel{id: int64(i)}
		table[i] = &viaMap{id: int64(i)}
		boxes = append(boxes, &viaInterface{id: int64(i)})
		entries[i] = arrayEntry{weight: int64(i), item: &viaArray{id: int64(i)}}
		captured := &viaClosure{id: int64(i)}
		actions = append(actions, func() int64 { return captured.id })
		holders = append(holders, unsafeHolder{p: unsafe.Pointer(&viaUnsafe{id: int64(i)})})
		held := &viaFinalizer{id: int64(i)}
		a := &anchor{id: int64(i)}
		runtime.SetFinalizer(a, func(*anchor) { held.id = -1 })
		anchors = append(anchors, a)
	}
}

func main() {
	debug.SetGCPercent(-1)
	build()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	stop()

	done := make(chan int)
	go makeGarbage(done)
	garbage = <-done
	// The goroutine may still be on its way out after the send, its frame still holding the chain:
	// wait until it is gone, so that nothing but garbage is left of it.
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	stop()
	runtime.KeepAlive(anchors)
}
