package secrets

import (
	"bytes"
	"github.com/rose/actions/pkg/secrets/secretstest"
	"testing"
)

// FuzzScan checks that scanning arbitrary text never panics and that every
// finding points at its secret.
func FuzzScan(f *testing.F) {
	pos, trapCases := secretstest.Corpus(21)
	for _, c := range pos {
		f.Add(c.Text, 1)
	}
	for _, c := range trapCases {
		f.Add(c.Text, 3)
	}
	f.Add("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----", 0)
	f.Add("\n\n\nghp_\nAKIA\n\x00\xff://:@", -5)
	d, err := NewDetector(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, start int) {
		b := []byte(text)
		for _, fd := range d.Scan(Fragment{Path: "f.txt", Text: b, StartLine: start}) {
			if fd.Secret == "" || !bytes.Contains(b, []byte(fd.Secret)) {
				t.Fatalf("finding %s: secret not in the text", fd.RuleID)
			}
			first := max(start, 1)
			if fd.Line < first || fd.Line > first+bytes.Count(b, []byte{'\n'}) || fd.Column < 1 {
				t.Fatalf("finding %s: position %d:%d out of range", fd.RuleID, fd.Line, fd.Column)
			}
			_ = Redact(fd.Secret)
		}
	})
}

// FuzzParseConfig checks that no configuration text panics the parser or
// the detector built from an accepted configuration.
func FuzzParseConfig(f *testing.F) {
	f.Add("rules:\n  - id: x\n    regex: 'a(b)'\n    keywords: [a]\n")
	f.Add("ignores: [github-pat:" + "0000000000000000000000000000000000000000000000000000000000000000]\nallow-paths: ['**/x']\n")
	f.Fuzz(func(t *testing.T, y string) {
		cfg, err := ParseConfig([]byte(y))
		if err != nil {
			return
		}
		d, err := NewDetector(cfg)
		if err != nil {
			return
		}
		d.Scan(Fragment{Text: []byte(y)})
		d.SkipPath(y)
	})
}
