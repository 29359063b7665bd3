package action_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/rose/actions/pkg/action"
)

// A program reads and validates all its inputs first, then works, then sets its outputs.
func ExampleMainContext() {
	env := map[string]string{"INPUT_URL": "https://example.com/health", "INPUT_MAX-ATTEMPTS": "3"}
	code := action.MainContext(context.Background(), action.Env{
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		Stdout:    os.Stdout,
	}, "health-check", func(ctx context.Context, rt *action.Runtime) error {
		in := rt.Inputs()
		urls := in.List("url")
		attempts := in.Int("max-attempts", 1, 100)
		method := in.String("method") // not set: the default declared in health-check/action.yml
		if err := in.Err(); err != nil {
			return err // exit 2, naming every bad input
		}
		rt.Infof("%s %s, %d attempts", method, strings.Join(urls, " "), attempts)
		return rt.SetOutput("attempts", "1")
	})
	fmt.Println("exit", code)
	// Output:
	// GET https://example.com/health, 3 attempts
	// output attempts=1
	// exit 0
}
