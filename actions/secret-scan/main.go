// Command secret-scan is the program of the secret-scan action (see secret-scan/action.yml and docs/actions/secret-scan.md).
package main

import (
	"os"
	"runtime/debug"

	"github.com/rose/actions/pkg/action"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A history scan allocates a lot (every file version it reads) and keeps little (bounded
		// caches): collecting when the heap has grown by half, not doubled, keeps the peak memory
		// near the size of .git for a few percent of CPU. GOGC in the environment overrides it.
		debug.SetGCPercent(50)
	}
	os.Exit(action.Main(action.OSEnv(), "secret-scan", run))
}
