package secrets

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
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
		// The text as a file, and as generated documentation (token formats only).
		all := d.Scan(Fragment{Path: "f.txt", Text: b, StartLine: start})
		tokens := d.Scan(Fragment{Path: "f.html", Text: b, StartLine: start, TokensOnly: GeneratedFile("f.html", b) || GeneratedFile("f.map", b) || GeneratedFile("f.js", b) || GeneratedFile("f.go", b)})
		for _, fd := range append(all, tokens...) {
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

// FuzzParseAssignment checks the generic rule's parser against its regular
// expression: whatever the parser reads at a keyword, the expression anchored
// at the same name must read too, with the same name and value.
func FuzzParseAssignment(f *testing.F) {
	for _, s := range []string{
		`api_key = "abcdefgh12345678"`, `"clientSecret": 'x1y2z3w4v5u6'`, `tokenString: abcdefghijk`,
		`PASSWORD:=hunter2hunter2`, `--token=abc`, `secrets_2 => \"Zm9vYmFyYmF6\"`, `"token" , "abcdefghij"`,
		`<password>abcdefghij</password>`, `a.b.token   :   'qwertyuiop'`,
	} {
		f.Add(s)
	}
	d, err := NewDetector(Config{})
	if err != nil {
		f.Fatal(err)
	}
	var gp *pattern
	var gpi int32
	for i, p := range d.patterns {
		if p.parse != nil {
			gp, gpi = p, int32(i)
		}
	}
	anchored := regexp.MustCompile(`^(?:` + gp.expr().String() + `)`)
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n") {
			return
		}
		b := []byte(line)
		var tmp [3][]hit
		for _, h := range d.ac.scan(b, nil, &tmp) {
			if !slices.Contains(d.byKW[h.kw], gpi) {
				continue // another rule's keyword (r8_, sk-): the parser only runs at its own
			}
			ks, ke := h.end-d.kwLen[h.kw], h.end
			m, ok := gp.parse(b, ks, ke)
			if !ok {
				continue
			}
			r := anchored.FindSubmatchIndex(b[m[2]:])
			if r == nil {
				t.Fatalf("parser read name %q value %q, the expression nothing", b[m[2]:m[3]], b[m[4]:m[5]])
			}
			if r[3]+m[2] != m[3] || r[4]+m[2] != m[4] || r[5]+m[2] != m[5] {
				t.Fatalf("parser: name %q value %q; expression: name %q value %q",
					b[m[2]:m[3]], b[m[4]:m[5]], b[m[2]:m[2]+r[3]], b[m[2]+r[4]:m[2]+r[5]])
			}
		}
	})
}

// FuzzAnchored checks the anchored attempts against the expressions they
// stand for: at every keyword hit of a pattern that runs anchored, the
// attempt must find exactly the match that the pattern's own expression
// finds starting at or before the keyword (from the same window start), with
// the same secret.
func FuzzAnchored(f *testing.F) {
	g := secretstest.NewGen(41)
	for _, s := range []string{
		"token = " + g.GitHubToken("ghp_"), "https://user:" + g.String(secretstest.Alnum, 12) + "@host.example/x",
		"x" + g.GitHubToken("ghp_"), `"DATADOG_API_KEY": "` + g.String("0123456789abcdef", 32) + `"`,
		"shared_access_key.password = " + g.String(secretstest.Alnum, 20), "[mailgun]\napi_key = key-" + g.String("0123456789abcdef", 32),
	} {
		f.Add(s)
	}
	d, err := NewDetector(Config{})
	if err != nil {
		f.Fatal(err)
	}
	exprs := make([]*regexp.Regexp, len(d.patterns)) // the detector keeps only the anchored copies
	for i, p := range d.patterns {
		exprs[i] = p.expr()
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n") || len(line) > 4096 {
			return
		}
		b := []byte(line)
		var tmp [3][]hit
		for _, h := range d.ac.scan(b, nil, &tmp) {
			ks := h.end - d.kwLen[h.kw]
			for _, pi := range d.byKW[h.kw] {
				p := d.patterns[pi]
				a := p.anch
				if a == nil || p.after > 0 {
					continue
				}
				as := ks
				if a.back != nil {
					for as > 0 && ks-as < maxBackRun && a.back[b[as-1]] {
						as--
					}
				}
				if a.prefix > 0 {
					as = max(0, as-a.prefix-1)
				}
				m := a.match(b[as:])
				r := exprs[pi].FindSubmatchIndex(b[as:])
				g2 := 2 * p.group
				switch {
				case m != nil && (r == nil || r[0] != m[0] || r[g2] != m[g2] || r[g2+1] != m[g2+1]):
					t.Fatalf("%s at %d: anchored %v, expression %v", p.rule.ID, ks, m, r)
				case m == nil && r != nil && r[0] <= ks-as:
					t.Fatalf("%s at %d: anchored nothing, expression %v", p.rule.ID, ks, r)
				}
			}
		}
	})
}
