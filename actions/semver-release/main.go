// Command semver-release is the program of the semver-release action (see semver-release/action.yml and docs/actions/semver-release.md).
package main

import (
	"os"

	"github.com/rose/actions/pkg/action"
)

func main() { os.Exit(action.Main(action.OSEnv(), "semver-release", run)) }
