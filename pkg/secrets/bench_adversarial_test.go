package secrets

import (
	"runtime"
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
	// sb_secret_: a prefix whose own characters continue its token, so every
	// hit's match runs to the end of the attempt's window.
	for _, unit := range []string{"token=", "password:", "ghp_", "AKIA", "eyJ", "://a:b@", "-----BEGIN PRIVATE KEY-----", "secret_key = '", "sb_secret_"} {
		b.Run(strings.Trim(unit, "-:/= '"), func(b *testing.B) {
			text := []byte(strings.Repeat(unit, (1<<20)/len(unit)))
			benchFragments(b, []Fragment{{Path: "gen/data.txt", Text: text}})
		})
	}
}

// BenchmarkScanEveryKeyword scans every eighth keyword of the rule set
// repeated over 1 MiB, alone and followed by =, and reports the slowest of
// those fragments: the worst case over the rule set, not over the few
// keywords of BenchmarkScanKeywordRepeats.
func BenchmarkScanEveryKeyword(b *testing.B) {
	kws := allKeywords(b)
	d := newTestDetector(b, Config{})
	var frags [][]byte
	for i := 0; i < len(kws); i += 8 {
		for _, sep := range []string{"", "="} {
			unit := kws[i] + sep
			frags = append(frags, []byte(strings.Repeat(unit, (1<<20)/len(unit)+1)))
		}
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	worst, total := 1e18, 0
	for i := 0; i < b.N; i++ {
		for _, f := range frags {
			cpu := threadCPU()
			d.Scan(Fragment{Path: "gen/data.txt", Text: f})
			if sec := (threadCPU() - cpu).Seconds(); sec > 0 {
				worst = min(worst, float64(len(f))/1e6/sec)
			}
			total += len(f)
		}
	}
	b.SetBytes(int64(total / b.N))
	b.ReportMetric(worst, "worst-MB/cpu-s")
}

// TestDenseCredentialsNotLimited: a file packed with real-looking
// credentials in the usual syntaxes (the corpus's positives and traps, one
// after another) is dense in keywords without being hostile. The budget of
// work must not limit it, and every secret found in a case alone is found in
// the whole.
func TestDenseCredentialsNotLimited(t *testing.T) {
	pos, traps := secretstest.Corpus(5)
	d := newTestDetector(t, Config{})
	var all strings.Builder
	want := map[string]bool{}
	for _, c := range append(pos, traps...) {
		for _, f := range d.Scan(Fragment{Path: "config/app.env", Text: []byte(c.Text)}) {
			want[f.RuleID+"\x00"+f.Secret] = true
		}
		all.WriteString(c.Text)
		all.WriteString("\n\n")
	}
	text := []byte(all.String())
	before := d.workSpent.Load()
	got := map[string]bool{}
	for _, f := range d.Scan(Fragment{Path: "config/app.env", Text: text}) {
		got[f.Secret] = true
	}
	t.Logf("%d KiB, %.1f units of work a byte", len(text)>>10, float64(d.workSpent.Load()-before)/float64(len(text)))
	if lim, n := d.Limits(); n > 0 {
		t.Fatalf("%d KiB of credentials limited at line %d", len(text)>>10, lim[0].Line)
	}
	missed := 0
	for k := range want {
		if !got[k[strings.IndexByte(k, 0)+1:]] {
			missed++
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d secrets found in their own case are missed in the %d KiB whole", missed, len(want), len(text)>>10)
	}
}

// typedocPage builds about n bytes of an API reference page the way TypeDoc
// writes one, on one line: the members of an authentication client, each
// with credential names in its signature, its parameters and its example.
func typedocPage(n int, seed uint64) []byte {
	g := secretstest.NewGen(seed)
	names := []string{"clientSecret", "accessToken", "refreshToken", "password", "apiKey", "privateKey", "secret", "token", "authorization", "credentials"}
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html class="default" lang="en"><head><meta charset="utf-8"/><title>AuthClient | SDK</title>` +
		`<script async src="../assets/search.js" id="tsd-search-script"></script></head><body>`)
	for sb.Len() < n {
		a, c := names[g.IntN(len(names))], names[g.IntN(len(names))]
		sb.WriteString(`<section class="tsd-member"><h3>` + a + `</h3><div class="tsd-signature">` + a + `(<span>` + c +
			`</span>: string): Promise&lt;` + c + `Response&gt;</div><ul class="tsd-parameters"><li><h5>` + c +
			`: <span class="tsd-signature-type">string</span></h5><p>The ` + c + ` of the application.</p></li></ul>` +
			`<pre><code>const { ` + a + ` } = await auth.` + a + `({ ` + c + `: &#39;` + g.String(secretstest.Alnum, 12) +
			`&#39; });</code></pre></section>`)
	}
	return []byte(sb.String())
}

// BenchmarkScanGenerated scans 2 MiB of a TypeDoc page read whole and read
// for token formats only (what the action does with generated files).
func BenchmarkScanGenerated(b *testing.B) {
	text := typedocPage(2<<20, 91)
	if !GeneratedFile("docs/classes/AuthClient.html", text) {
		b.Fatal("the page is not recognised as generated")
	}
	for _, only := range []bool{false, true} {
		name := "whole"
		if only {
			name = "tokens-only"
		}
		b.Run(name, func(b *testing.B) {
			benchFragments(b, []Fragment{{Path: "docs/classes/AuthClient.html", Text: text, TokensOnly: only}})
		})
	}
}

// BenchmarkScanDatabaseURLs scans a CI workflow that connects to its
// service containers by URL on every line: each URL is read by the
// database-URL rules and its password judged.
func BenchmarkScanDatabaseURLs(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 200; i++ {
		sb.WriteString(`          psql postgresql://postgres:sentry@postgres:5432 -c "create database ${DB_NAME};" || true` + "\n")
	}
	benchFragments(b, []Fragment{{Path: ".github/workflows/test.yml", Text: []byte(sb.String())}})
}
