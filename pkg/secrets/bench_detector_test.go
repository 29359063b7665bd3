package secrets

import (
	"runtime"
	"sync"
	"testing"
)

// BenchmarkNewDetector reports what building a detector costs and the heap
// it keeps: right after the build (live-MB) and once every rule has run over
// text packed with every keyword, read whole (full-MB). That heap is the
// fixed part of a history scan's memory (docs/actions/secret-scan.md,
// "Memory").
func BenchmarkNewDetector(b *testing.B) {
	b.ReportAllocs()
	var live, full float64
	kws := allKeywords(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// As in a new process: the plans and readers that detectors share
		// are part of the first one's heap and build.
		anchorCache, namedReaders, followReaders = sync.Map{}, sync.Map{}, sync.Map{}
		before := heapInUse()
		b.StartTimer()
		d, err := NewDetector(Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		live = float64(heapInUse()-before) / 1e6
		old := workBase
		workBase = [2]int{1 << 40, 1 << 40}
		for _, every := range []int{4, 0} {
			d.Scan(Fragment{Path: "gen/data.txt", Text: adversarialText(kws, 256<<10, every, 77)})
		}
		workBase = old
		full = float64(heapInUse()-before) / 1e6
		runtime.KeepAlive(d)
		b.StartTimer()
	}
	b.ReportMetric(live, "live-MB")
	b.ReportMetric(full, "full-MB")
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
