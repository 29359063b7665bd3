package action

import (
	"errors"
	"fmt"
	"strings"
)

// Exit codes of every action.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the check failed, or a runtime error
	ExitUsage   = 2 // bad input or configuration
)

// ErrNotImplemented is returned by an action whose logic does not exist yet. It exits 2: an unimplemented
// action must never look like a passing check.
var ErrNotImplemented = usageError{msg: "this action is not implemented yet: it checks nothing and must not be relied on"}

// InputError lists every input that could not be read.
type InputError struct {
	Problems []InputProblem
}

// InputProblem is one bad input: its name, the value given and what is accepted.
type InputProblem struct {
	Input    string
	Value    string
	Accepted string
	Secret   bool // the value is not repeated in messages
}

func (e *InputError) Error() string {
	lines := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		value := fmt.Sprintf("%q", p.Value)
		if p.Secret {
			value = "(hidden)"
		}
		if p.Value == "" && !p.Secret {
			lines = append(lines, fmt.Sprintf("input %q is empty: %s", p.Input, p.Accepted))
			continue
		}
		lines = append(lines, fmt.Sprintf("input %q has value %s: %s", p.Input, value, p.Accepted))
	}
	return strings.Join(lines, "\n")
}

// usageError is bad configuration found after the inputs were read (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Usagef reports bad input or configuration: the action exits 2.
func Usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// failure is a check that failed (exit 1).
type failure struct{ msg string }

func (e failure) Error() string { return e.msg }

// Failf reports that the action's check failed: the action exits 1 and the message is shown as an error.
func Failf(format string, args ...any) error {
	return failure{msg: fmt.Sprintf(format, args...)}
}

// ExitCode maps an error returned by an action to its exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ie *InputError
	var ue usageError
	if errors.As(err, &ie) || errors.As(err, &ue) {
		return ExitUsage
	}
	return ExitFailure
}
