package secrets

import (
	"sort"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// allKeywords returns every keyword of every enabled rule, sorted.
func allKeywords(tb testing.TB) []string {
	d := newTestDetector(tb, Config{})
	seen := map[string]bool{}
	for _, p := range d.patterns {
		for _, k := range p.keywords {
			seen[k] = true
		}
	}
	var kws []string
	for k := range seen {
		kws = append(kws, k)
	}
	sort.Strings(kws)
	return kws
}

// adversarialText builds about n bytes of hostile input from every rule's
// keywords: each keyword assigned a value in the usual syntaxes, followed by
// near-miss values (the right prefix, too short, or one character off),
// chains of = and :, URLs with user information, unterminated PEM headers.
// newlineEvery is the number of items per line; 0 writes one huge line.
func adversarialText(kws []string, n, newlineEvery int, seed uint64) []byte {
	g := secretstest.NewGen(seed)
	var sb strings.Builder
	sb.Grow(n + 1024)
	item := 0
	seps := []string{"=", ": ", `":"`, " := ", " => ", `', '`, "=\"", ">", ":", "=="}
	for sb.Len() < n {
		k := kws[g.IntN(len(kws))]
		switch g.IntN(8) {
		case 0: // name = value
			sb.WriteString("x_" + k + seps[g.IntN(len(seps))] + g.String(secretstest.Alnum, 8+g.IntN(40)))
		case 1: // near miss: the keyword as a prefix of a value that is too short
			sb.WriteString(k + g.String(secretstest.Alnum, g.IntN(12)))
		case 2: // chains of assignments
			for i := 0; i < 6; i++ {
				sb.WriteString(k + seps[g.IntN(len(seps))])
			}
			sb.WriteString(g.String(secretstest.B64, 30))
		case 3: // URL with user information
			sb.WriteString("https://" + k + ":" + g.String(secretstest.Alnum, 16) + "@host" + k + ".example/" + k)
		case 4: // unterminated PEM header
			sb.WriteString("-----BEGIN RSA PRIVATE KEY-----\\n" + g.String(secretstest.B64, 64) + "\\n")
		case 5: // keyword soup without separators
			sb.WriteString(k + k + k)
		case 6: // JWT-looking and base64-looking values
			sb.WriteString(`"` + k + `": "eyJ` + g.String(secretstest.B64URL, 20) + ".eyJ" + g.String(secretstest.B64URL, 20) + `."`)
		default: // a quoted key/value pair of JSON
			sb.WriteString(`{"name":"` + k + `","value":"` + g.String(secretstest.Alnum, 24) + `"}`)
		}
		sb.WriteByte(' ')
		item++
		if newlineEvery > 0 && item%newlineEvery == 0 {
			sb.WriteByte('\n')
		}
	}
	return []byte(sb.String())
}

// BenchmarkScanAdversarial scans hostile, keyword-dense input: the worst case
// the per-core throughput bar (20 MB/s) applies to.
func BenchmarkScanAdversarial(b *testing.B) {
	kws := allKeywords(b)
	for _, bc := range []struct {
		name         string
		size, everyN int
	}{
		{"lines", 2 << 20, 4},        // short lines, every item a keyword
		{"long-lines", 2 << 20, 200}, // lines of several KiB
		{"one-line", 2 << 20, 0},     // a 2 MiB single line (minified, generated)
	} {
		b.Run(bc.name, func(b *testing.B) {
			text := adversarialText(kws, bc.size, bc.everyN, 77)
			benchFragments(b, []Fragment{{Path: "gen/data.txt", Text: text}})
		})
	}
}

// BenchmarkScanKeywordRepeats scans the same keyword repeated with each
// separator: the densest possible hits of one pattern.
func BenchmarkScanKeywordRepeats(b *testing.B) {
	for _, unit := range []string{"token=", "password:", "ghp_", "AKIA", "eyJ", "://a:b@", "-----BEGIN PRIVATE KEY-----", "secret_key = '"} {
		b.Run(strings.Trim(unit, "-:/= '"), func(b *testing.B) {
			text := []byte(strings.Repeat(unit, (1<<20)/len(unit)))
			benchFragments(b, []Fragment{{Path: "gen/data.txt", Text: text}})
		})
	}
}
