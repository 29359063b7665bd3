// Command containertest builds the released image through the Dockerfile's final stage and runs every
// action in it as the GitHub runner does. scripts/container-test.sh runs it with a Docker engine.
package main

import (
	"os"

	"github.com/rose/actions/internal/containertest"
)

func main() { os.Exit(containertest.Main(os.Args[1:], os.Stdout, os.Stderr)) }
