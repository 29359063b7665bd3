package main

// A history scan's memory is mostly a fixed part (the program, the detector, bounded caches) and
// garbage between collections; what it keeps grows little with the history (docs/actions/
// secret-scan.md, "Memory"). Without a limit the collector lets the heap grow past what the scan
// keeps, and holds on to freed pages for a while: on express (19 MB of .git) the peak was 49 MB,
// on codecov-action (29 MB) 66 MB. A soft limit scaled from the size of the packs makes it
// collect, and give pages back, sooner when the heap nears the limit: 37 to 40 and 58 MB, for
// 13 to 31% and no more CPU. Where the history is large, the limit is above what the scan needs
// and costs nothing.
const (
	// memoryLimitQuarters is the limit per byte of packs, in quarters: 7/4. At 3/2, express
	// peaked at 38 MB but took 65% more CPU, the limit being close to what its scan keeps.
	memoryLimitQuarters = 7
	// minMemoryLimit keeps the collector from running without end on a small repository, where
	// the fixed part alone takes about 18 MB (the runtime's metadata, the detector, the caches).
	// At 24 MiB ripgrep's scan took 7% more CPU than without a limit (31 MB instead of 37).
	// Since the detector's heap was cut by 1.6 MB, 22 MiB costs ripgrep 5% more CPU than 24 for
	// 2 MB less (29 MB); 21 MiB 10% for 0.5 MB less again, and 20 MiB 40%.
	minMemoryLimit = 22 << 20
)

// limitMemory, when set, is given the size of the packs of the repository about to be scanned.
// The program sets it (main.go) unless GOMEMLIMIT is in the environment; tests leave it nil, so
// that a test binary's collector is left alone.
var limitMemory func(packBytes int64)

// memoryLimit returns the soft memory limit (debug.SetMemoryLimit) of a scan of a repository
// whose packs take packBytes: seven quarters of that, and at least minMemoryLimit.
func memoryLimit(packBytes int64) int64 {
	return max(minMemoryLimit, packBytes/4*memoryLimitQuarters)
}
