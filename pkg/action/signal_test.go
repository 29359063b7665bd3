package action_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rose/actions/pkg/action"
)

// When the test binary is started with this variable, it runs an action that waits for cancellation, the way
// a deploy waits for Railway, so the parent test can send it the runner's SIGTERM.
const childEnv = "ROSE_ACTION_SIGNAL_CHILD"

func init() {
	if os.Getenv(childEnv) != "1" {
		return
	}
	os.Exit(action.Main(action.OSEnv(), "health-check", func(ctx context.Context, rt *action.Runtime) error {
		rt.Infof("waiting")
		select {
		case <-ctx.Done():
			return errors.New("stopped: the runner cancelled the step")
		case <-time.After(time.Minute):
			return nil
		}
	}))
}

func TestSIGTERMCancelsTheContext(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "GITHUB_ACTIONS=true")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "waiting" {
		t.Fatalf("child did not start: %q", sc.Text())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var rest strings.Builder
	for sc.Scan() {
		rest.WriteString(sc.Text() + "\n")
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != action.ExitFailure {
		t.Fatalf("exit: %v, want code 1", err)
	}
	if !strings.Contains(rest.String(), "::error::stopped") {
		t.Errorf("no error reported after SIGTERM: %q", rest.String())
	}
}
