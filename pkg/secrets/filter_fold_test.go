package secrets

import (
	"bytes"
	"testing"
)

// asciiLowerAll lowers ASCII letters only, as indexFold compares.
func asciiLowerAll(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = lower(c)
	}
	return out
}

func TestIndexFold(t *testing.T) {
	for _, tc := range []struct {
		s, needle string
		want      int
	}{
		{"", "a", -1},
		{"abc", "", 0},
		{"xxTOKENyy", "token", 2},
		{"tokToKen", "token", 3},
		{"TTTToken", "token", 3},
		{"ttttoKEN", "token", 3},
		{"tok", "token", -1},
		{"a://b", "://", 1},
		{"Example sample", "sample", 8},
		{"\xffSECRET", "secret", 1},
	} {
		if got := indexFold([]byte(tc.s), tc.needle); got != tc.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tc.s, tc.needle, got, tc.want)
		}
	}
}

// FuzzIndexFold checks indexFold against a search of the lowered text.
func FuzzIndexFold(f *testing.F) {
	f.Add([]byte("xxTOKENyy tOkEn"), "token")
	f.Add([]byte("a://b"), "://")
	f.Fuzz(func(t *testing.T, s []byte, needle string) {
		needle = string(asciiLowerAll([]byte(needle)))
		want := bytes.Index(asciiLowerAll(s), []byte(needle))
		if got := indexFold(s, needle); got != want {
			t.Fatalf("indexFold(%q, %q) = %d, want %d", s, needle, got, want)
		}
	})
}
