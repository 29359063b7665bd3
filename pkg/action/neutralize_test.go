package action_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

// commandLine reports whether the runner would read line as a workflow command.
func commandLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") || strings.Contains(line, "##[")
}

var lineBreak = regexp.MustCompile("\r\n|\r|\n")

func checkNeutral(t *testing.T, in string) {
	t.Helper()
	out := action.NeutralizeCommands(in)
	for _, l := range lineBreak.Split(out, -1) {
		if commandLine(l) {
			t.Fatalf("NeutralizeCommands(%q) leaves the command line %q", in, l)
		}
	}
	// Nothing else changes: without the zero-width spaces, the text is the input with its line breaks as \n.
	want := lineBreak.ReplaceAllString(in, "\n")
	if got := strings.ReplaceAll(out, "\u200b", ""); got != strings.ReplaceAll(want, "\u200b", "") {
		t.Fatalf("NeutralizeCommands(%q) = %q: the text changed", in, out)
	}
}

func TestNeutralizeCommands(t *testing.T) {
	for _, in := range []string{
		"plain build log line",
		"Step 3/7\n::set-output name=deployed::true\n::add-mask::x",
		"  \t::error::indented",
		"done\r::warning::after a lone CR",
		"crlf\r\n::stop-commands::token",
		"legacy ##[set-output name=x;]y",
		"::",
		"a ::notice:: in the middle is harmless",
		"\u00a0::error::after a no-break space",
	} {
		checkNeutral(t, in)
	}
}

func FuzzNeutralizeCommands(f *testing.F) {
	f.Add("::set-output name=x::y")
	f.Add("log\r\n  ::add-mask::z\r##[error]w")
	f.Fuzz(func(t *testing.T, in string) { checkNeutral(t, in) })
}

// An outside text printed through Infof adds no output, no mask and no annotation.
func TestInfofCarriesOutNoCommand(t *testing.T) {
	hostile := "Build OK\n::set-output name=healthy::true\n::error::fake failure\r::add-mask::Build"
	res := actiontest.Run(t, actiontest.Options{Action: testAction, Run: func(_ context.Context, rt *action.Runtime) error {
		rt.Infof("railway: %s", hostile)
		return nil
	}})
	for _, l := range lineBreak.Split(res.Stdout, -1) {
		if commandLine(l) {
			t.Errorf("command line in the log: %q", l)
		}
	}
	if len(res.Outputs) != 0 {
		t.Errorf("outputs %v", res.Outputs)
	}
}
