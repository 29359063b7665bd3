// Command pr-lint is the program of the pr-lint action (see pr-lint/action.yml and docs/actions/pr-lint.md).
package main

import (
	"os"

	"github.com/rose/actions/pkg/action"
)

func main() { os.Exit(action.Main(action.OSEnv(), "pr-lint", run)) }
