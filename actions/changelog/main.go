// Command changelog is the program of the changelog action (see changelog/action.yml and docs/actions/changelog.md).
package main

import (
	"os"

	"github.com/rose/actions/pkg/action"
)

func main() { os.Exit(action.Main(action.OSEnv(), "changelog", run)) }
