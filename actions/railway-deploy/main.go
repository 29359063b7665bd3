// Command railway-deploy is the program of the railway-deploy action (see railway-deploy/action.yml and docs/actions/railway-deploy.md).
package main

import (
	"os"

	"github.com/rose/actions/pkg/action"
)

func main() { os.Exit(action.Main(action.OSEnv(), "railway-deploy", run)) }
