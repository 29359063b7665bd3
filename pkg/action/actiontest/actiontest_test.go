package actiontest_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/rose/actions/pkg/action/actiontest"
)

func TestParseOutputs(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    map[string]string
		wantErr bool
	}{
		{"empty", "", map[string]string{}, false},
		{"plain", "a=1\nb=x=y\n", map[string]string{"a": "1", "b": "x=y"}, false},
		{"heredoc", "a<<D1\nline 1\nline 2\nD1\nb<<D2\n\nD2\n", map[string]string{"a": "line 1\nline 2", "b": ""}, false},
		{"later value wins", "a=1\na<<D\n2\nD\n", map[string]string{"a": "2"}, false},
		{"unclosed heredoc", "a<<D\nvalue\n", nil, true},
		{"garbage line", "just text\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := actiontest.ParseOutputs(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !tt.wantErr && !maps.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInputEnv(t *testing.T) {
	for in, want := range map[string]string{"max-file-size": "INPUT_MAX-FILE-SIZE", "token": "INPUT_TOKEN", "a b": "INPUT_A_B"} {
		if got := actiontest.InputEnv(in); got != want {
			t.Errorf("InputEnv(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLeaks(t *testing.T) {
	const secret = "planted-value-123"
	res := actiontest.Result{
		Stdout:     "::add-mask::" + secret + "\nok\nuses " + secret + "\n",
		Summary:    "token " + secret,
		OutputFile: "x<<D\nclean\nD\n",
	}
	got := actiontest.Leaks(res, secret)
	want := []string{"stdout line 3", "summary"}
	if !slices.Equal(got, want) {
		t.Errorf("Leaks = %q, want %q", got, want)
	}
	if got := actiontest.Leaks(actiontest.Result{Stdout: "::add-mask::" + secret + "\n"}, secret); len(got) != 0 {
		t.Errorf("the mask command counted as a leak: %q", got)
	}
}
