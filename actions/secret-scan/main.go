// Command secret-scan is the program of the secret-scan action (see secret-scan/action.yml and docs/actions/secret-scan.md).
package main

import (
	"os"
	"runtime/debug"

	"github.com/rose/actions/pkg/action"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A history scan reads every file version of the history, and keeps little: bounded
		// caches, buffers it uses again, and a small record per commit and file version.
		// Collecting when the heap has grown by 35%, not doubled, keeps the peak memory well
		// under the size of .git for a few percent of CPU (docs/actions/secret-scan.md).
		// GOGC in the environment overrides it.
		debug.SetGCPercent(35)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit from the size of the repository's packs (memory.go).
		limitMemory = func(packBytes int64) { debug.SetMemoryLimit(memoryLimit(packBytes)) }
	}
	os.Exit(action.Main(action.OSEnv(), "secret-scan", run))
}
