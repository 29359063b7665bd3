package actiontest_test

import (
	"maps"
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
