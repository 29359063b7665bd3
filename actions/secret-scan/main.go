// Command secret-scan is the program of the secret-scan action (see secret-scan/action.yml and docs/actions/secret-scan.md).
package main

import (
	"os"

	"github.com/rose/actions/pkg/action"
)

func main() { os.Exit(action.Main(action.OSEnv(), "secret-scan", run)) }
