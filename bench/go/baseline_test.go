// Go baselines for gort's JMH benchmarks (bench/README.md): the same workloads on Debian's Go,
// measured on the same machine, so the README can report gort's figures as ratios.
//
//	cd bench/go && GOMAXPROCS=1 go test -run '^$' -bench . -benchtime 2s -count 5
package baseline

import (
	"runtime"
	"sync"
	"testing"
)

// One op = one switch: two goroutines hand the only P to each other with Gosched.
func BenchmarkGoschedSwitch(b *testing.B) {
	var wg sync.WaitGroup
	wg.Add(2)
	n := b.N / 2
	for i := 0; i < 2; i++ {
		go func() {
			for j := 0; j < n; j++ {
				runtime.Gosched()
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// One op = one round trip over two unbuffered channels.
func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	for i := 0; i < b.N; i++ {
		ping <- i
		<-pong
	}
	close(ping)
}

// One op = 100,000 goroutines created, all blocked on one channel, released by close, finished.
func BenchmarkHundredThousandGoroutines(b *testing.B) {
	for i := 0; i < b.N; i++ {
		const n = 100000
		release := make(chan int)
		var wg sync.WaitGroup
		wg.Add(n)
		for j := 0; j < n; j++ {
			go func() {
				<-release
				wg.Done()
			}()
		}
		close(release)
		wg.Wait()
	}
}

// grow recurses with a 1 KiB frame until depth frames exist, then returns.
func grow(depth int) int {
	var pad [1024 - 64]byte
	pad[depth%len(pad)] = byte(depth)
	if depth == 0 {
		return int(pad[0])
	}
	return grow(depth-1) + int(pad[depth%len(pad)])
}

// One op = a fresh goroutine whose stack grows to 64 MiB by recursion.
func BenchmarkStackGrow64MiB(b *testing.B) {
	for i := 0; i < b.N; i++ {
		done := make(chan int)
		go func() { done <- grow(64 << 10) }()
		<-done
	}
}

// One op = 64 goroutines, each growing its stack to 1 MiB.
func BenchmarkStack64x1MiB(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		wg.Add(64)
		for j := 0; j < 64; j++ {
			go func() { grow(1 << 10); wg.Done() }()
		}
		wg.Wait()
	}
}

// One op = runtime.Callers filling 100 pcs at the bottom of a 110-deep recursion: the same
// walk as gort's TracebackBench.gcallers100 (the recursion is made once, outside the timing).
func BenchmarkCallers100(b *testing.B) {
	pcs := make([]uintptr, 100)
	var n int
	callersDown(110, func() {
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			n = runtime.Callers(0, pcs)
		}
		b.StopTimer()
	})
	if n != 100 {
		b.Fatalf("Callers filled %d pcs, want 100", n)
	}
}

//go:noinline
func callersDown(depth int, atBottom func()) int {
	if depth == 0 {
		atBottom()
		return 0
	}
	return callersDown(depth-1, atBottom) + 1
}

// Heap baselines for MallocBench: one op = one new(T) that escapes to a package variable, so the
// compiler cannot keep it on the stack. Run with GOGC=off so that only allocation is timed:
//
//	cd bench/go && GOGC=off GOMAXPROCS=1 go test -run '^$' -bench New -benchtime 1s -count 5
type scalar16 struct{ a, b int64 }

type pointers64 struct {
	p    [4]*int
	x, y int64
	q, r *int
}

var (
	sinkScalar16   *scalar16
	sinkPointers64 *pointers64
)

func BenchmarkNewScalar16(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkScalar16 = new(scalar16)
	}
}

func BenchmarkNewPointers64(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkPointers64 = new(pointers64)
	}
}
