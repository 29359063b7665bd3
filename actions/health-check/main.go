// Command health-check is the program of the health-check action (see health-check/action.yml and docs/actions/health-check.md).
package main

import (
	"os"

	"github.com/rose/actions/pkg/action"
)

func main() { os.Exit(action.Main(action.OSEnv(), "health-check", run)) }
