// largeobjects is the target of the heap walk's large-object test: each kind of typed reference
// held in a container larger than the walk's 1 MiB scan window (a slice's backing array, a map's
// bucket array), with element sizes that do not divide a mebibyte, so windows cut elements and
// references in two. It keeps exactly `count` objects of a type of its own behind each, runs a
// collection, records runtime.ReadMemStats in ms and stops.
package main

import (
	"runtime"
	"runtime/debug"
	"strconv"
)

const count = 100_000

type viaPointer struct{ id, a int64 }         // 16 bytes
type viaInterface struct{ id, a, b int64 }    // 24 bytes
type viaMap struct{ id, a, b, c int64 }       // 32 bytes
type viaSlice struct{ id, a, b, c, d int64 }  // 40 bytes
type viaBox struct{ id, a, b, c, d, e int64 } // 48 bytes

// record is 72 bytes: a string, an interface, a pointer and a slice, each at an offset that moves
// against the window boundaries from one window to the next (2^20 mod 72 is 40).
type record struct {
	weight int64
	label  string
	box    any
	item   *viaPointer
	many   []viaSlice
}

// boxed is 24 bytes: 2^20 mod 24 is 16, so the first window boundary of a []boxed falls between an
// interface's type word and its data word.
type boxed struct {
	n   int64
	box any
}

var (
	records []record
	boxes   []boxed
	table   = map[int]*viaMap{}
	ms      runtime.MemStats
)

//go:noinline
func stop() {}

// build fills the globals. It is a function of its own so that main's frame holds none of the
// loop's variables when the program stops.
func build() {
	records = make([]record, count)
	for i := range records {
		records[i] = record{
			weight: int64(i),
			label:  "label-" + strconv.Itoa(i), // at least 7 bytes: a heap string, never a static one
			box:    &viaInterface{id: int64(i)},
			item:   &viaPointer{id: int64(i)},
			many:   make([]viaSlice, 1),
		}
		table[i] = &viaMap{id: int64(i)}
		boxes = append(boxes, boxed{n: int64(i), box: &viaBox{id: int64(i)}})
	}
}

func main() {
	debug.SetGCPercent(-1)
	build()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	stop()
	runtime.KeepAlive(records)
	runtime.KeepAlive(boxes)
}
