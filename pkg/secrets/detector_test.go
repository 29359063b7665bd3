package secrets

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

func TestFingerprint(t *testing.T) {
	got := Fingerprint("github-pat", "abc")
	want := "github-pat:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got != want {
		t.Errorf("Fingerprint = %q, want %q", got, want)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "…"},
		{"short", "…"},
		{"123456789", "12…"},
		{"ghp_0123456789abcdefghij0123456789abcdef", "ghp_…"},
		{"abcdefghijklmnopq", "abc…"},
		{"ééééééééééé", "éé…"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(len %d) = %q, want %q", len(tt.in), got, tt.want)
		}
	}
}

func TestChecksum(t *testing.T) {
	// GitHub's published example token.
	if !validTokenChecksum("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", 4) {
		t.Error("documented token: checksum rejected")
	}
	if validTokenChecksum("ghp_zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq18", 4) {
		t.Error("altered token: checksum accepted")
	}
}

func TestLineAndColumn(t *testing.T) {
	d := newTestDetector(t, Config{})
	g := secretstest.NewGen(7)
	tok := g.GitHubToken("ghp_")
	text := "a\nb\n  token: " + tok + "\n"
	got := d.Scan(Fragment{Path: "x.yml", Text: []byte(text), StartLine: 40})
	if len(got) != 1 {
		t.Fatalf("%d findings, want 1", len(got))
	}
	f := got[0]
	if f.Line != 42 || f.Column != 10 || f.RuleID != "github-pat" || f.Path != "x.yml" {
		t.Errorf("got rule %s at %s:%d:%d, want github-pat at x.yml:42:10", f.RuleID, f.Path, f.Line, f.Column)
	}
	if f.Fingerprint != Fingerprint("github-pat", tok) || f.Description == "" {
		t.Errorf("bad fingerprint or description")
	}
}

func TestInlineAllow(t *testing.T) {
	d := newTestDetector(t, Config{})
	g := secretstest.NewGen(8)
	tok := g.GitHubToken("ghp_")
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"allowed", "TOKEN=" + tok + " # secret-scan:allow\n", 0},
		{"gitleaks-marker", "TOKEN=" + tok + " # gitleaks:allow\n", 0},
		{"detect-secrets-marker", "TOKEN = '" + tok + "'  # pragma: allowlist secret\n", 0},
		{"detect-secrets-marker-elsewhere", "# pragma: allowlist secret\nTOKEN=" + tok + "\n", 1},
		{"next-line-not-allowed", "# secret-scan:allow\nTOKEN=" + tok + "\n", 1},
		{"other-line-allowed", "TOKEN=" + tok + "\nX=1 # secret-scan:allow\n", 1},
	} {
		if got := len(d.Scan(Fragment{Text: []byte(tc.text)})); got != tc.want {
			t.Errorf("%s: %d findings, want %d", tc.name, got, tc.want)
		}
	}
}

func TestOverlapPrefersProvider(t *testing.T) {
	d := newTestDetector(t, Config{})
	g := secretstest.NewGen(9)
	tok := g.GitHubToken("ghp_")
	got := d.Scan(Fragment{Text: []byte("https://deploy:" + tok + "@github.com/rose/app.git\nGITHUB_TOKEN=\"" + tok + "\"\n")})
	if len(got) != 2 {
		t.Fatalf("%d findings, want 2", len(got))
	}
	for _, f := range got {
		if f.RuleID != "github-pat" {
			t.Errorf("line %d: rule %s, want github-pat", f.Line, f.RuleID)
		}
	}
}

func TestLoadConfig(t *testing.T) {
	cfg, err := LoadConfig("testdata/config.yml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Rules) != 1 || cfg.Rules[0].ID != "rose-internal-token" || len(cfg.Disabled) != 1 ||
		len(cfg.AllowPaths) != 2 || len(cfg.Ignores) != 1 {
		t.Fatalf("unexpected config %+v", cfg)
	}
	_, err = LoadConfig(filepath.Join(t.TempDir(), "missing.yml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error %v, want fs.ErrNotExist", err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown-field", "rulez: []\n", "rulez"},
		{"bad-regex", "rules:\n  - id: x\n    regex: '('\n", "regex"},
		{"no-regex", "rules:\n  - id: x\n", "regex is required"},
		{"bad-id", "rules:\n  - id: 'Bad ID'\n    regex: x\n", "id"},
		{"bad-group", "rules:\n  - id: x\n    regex: 'a(b)'\n    secret-group: 2\n", "secret-group"},
		{"bad-entropy", "rules:\n  - id: x\n    regex: 'ab'\n    entropy: 9\n", "entropy"},
		{"bad-ignore", "ignores: [github-pat:1234]\n", "fingerprint"},
		{"bad-glob", "allow-paths: ['a/[']\n", "glob"},
	} {
		_, err := ParseConfig([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tc.name, err, tc.want)
		}
	}
	if _, err := ParseConfig(nil); err != nil {
		t.Errorf("empty config: %v", err)
	}
}

func TestNewDetectorConfigErrors(t *testing.T) {
	if _, err := NewDetector(Config{Disabled: []string{"no-such-rule"}}); err == nil || !strings.Contains(err.Error(), "no-such-rule") {
		t.Errorf("unknown disabled rule: error %v", err)
	}
	if _, err := NewDetector(Config{Rules: []RuleConfig{{ID: "github-pat", Regex: "x"}}}); err == nil {
		t.Error("extra rule reusing a built-in id: no error")
	}
}

func TestConfigBehaviour(t *testing.T) {
	cfg, err := LoadConfig("testdata/config.yml")
	if err != nil {
		t.Fatal(err)
	}
	g := secretstest.NewGen(11)
	url := g.URLPassword(16)
	urlSecret := "postgres://app:" + url + "@db.internal/app"
	cfg.Ignores = append(cfg.Ignores, Fingerprint("url-credentials", url))
	d := newTestDetector(t, cfg)

	for _, r := range d.Rules() {
		if r.ID == "generic-secret" {
			t.Error("disabled rule generic-secret still listed")
		}
	}
	custom := "rose_" + strings.ToLower(g.String(secretstest.HexLower+"ghijklmnop", 32))
	text := "A=" + custom + "\nDB_PASSWORD=" + g.Password(20) + "\nDATABASE_URL=" + urlSecret + "\n"
	got := d.Scan(Fragment{Path: "app.env", Text: []byte(text)})
	if len(got) != 1 || got[0].RuleID != "rose-internal-token" || got[0].Secret != custom {
		t.Errorf("got %d findings (want only the custom rule's)", len(got))
		for _, f := range got {
			t.Logf("rule %s line %d", f.RuleID, f.Line)
		}
	}
	unused := d.UnusedIgnores()
	if len(unused) != 1 || !strings.HasPrefix(unused[0], "url-credentials:0000") {
		t.Errorf("UnusedIgnores = %v, want the all-zero fingerprint only", unused)
	}

	for _, tc := range []struct {
		path string
		skip bool
	}{
		{"docs/guide/setup.md", true},
		{"tests/__snapshots__/a.snap", true},
		{"package-lock.json", true},
		{"web/yarn.lock", true},
		{"go.sum", true},
		{"vendor/github.com/x/y.go", true},
		{"web/node_modules/x/index.js", true},
		{"assets/logo.PNG", true},
		{"src/main.go", false},
		{"docs.go", false},
		{"src/vendored.go", false},
	} {
		if got := d.SkipPath(tc.path); got != tc.skip {
			t.Errorf("SkipPath(%q) = %v, want %v", tc.path, got, tc.skip)
		}
	}
	d2 := newTestDetector(t, Config{NoDefaultAllowPaths: true})
	if d2.SkipPath("package-lock.json") {
		t.Error("no-default-allow-paths: lockfile still skipped")
	}
}

func TestCustomRuleWithoutKeywords(t *testing.T) {
	d := newTestDetector(t, Config{Rules: []RuleConfig{{ID: "internal-id", Regex: `[0-9]{4}-SECRET-[0-9]{4}`}}})
	got := d.Scan(Fragment{Text: []byte("nothing\nvalue 1234-SECRET-5678 here\n")})
	if len(got) != 1 || got[0].Line != 2 || got[0].Secret != "1234-SECRET-5678" {
		t.Errorf("got %d findings, want one at line 2", len(got))
	}
}

func TestRulesMetadata(t *testing.T) {
	d := newTestDetector(t, Config{})
	seen := map[string]bool{}
	rules := d.Rules()
	if len(rules) < 40 {
		t.Errorf("%d rules", len(rules))
	}
	for i, r := range rules {
		if !ruleIDRe.MatchString(r.ID) || seen[r.ID] {
			t.Errorf("bad or duplicate rule id %q", r.ID)
		}
		seen[r.ID] = true
		if r.Description == "" || len(r.Help) < 40 || len(r.Keywords) == 0 {
			t.Errorf("rule %s: missing description, help or keywords", r.ID)
		}
		if i > 0 && rules[i-1].ID >= r.ID {
			t.Errorf("rules not sorted at %s", r.ID)
		}
	}
}

// TestConcurrentScan runs many scans at once (meaningful under -race) and
// checks they agree with a sequential scan.
func TestConcurrentScan(t *testing.T) {
	d := newTestDetector(t, Config{Ignores: []string{Fingerprint("x", "y")}})
	cases, _ := secretstest.Corpus(12)
	want := make([]int, len(cases))
	for i, c := range cases {
		want[i] = len(scanFile(d, c.Path, c.Text))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(cases))
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range cases {
				if got := len(scanFile(d, c.Path, c.Text)); got != want[i] {
					errs <- c.Name
				}
			}
			_ = d.UnusedIgnores()
		}()
	}
	wg.Wait()
	close(errs)
	for name := range errs {
		t.Errorf("%s: concurrent scan disagrees with sequential scan", name)
	}
}

func TestLongLines(t *testing.T) {
	d := newTestDetector(t, Config{})
	g := secretstest.NewGen(13)
	tok := g.GitHubToken("ghp_")
	// A minified bundle: one huge line, the token deep inside it.
	line := strings.Repeat("var a=function(b){return b+1};", 20000) + "x=\"" + tok + "\";" + strings.Repeat("c(d);", 20000)
	got := d.Scan(Fragment{Path: "app.min.js", Text: []byte(line)})
	if len(got) != 1 || got[0].Column != strings.Index(line, tok)+1 {
		t.Errorf("got %d findings, want the token at its column", len(got))
	}
}

func TestFragmentsOfHunks(t *testing.T) {
	d := newTestDetector(t, Config{})
	g := secretstest.NewGen(14)
	key := g.String(secretstest.B64, 40)
	id := "AKIA" + g.String(secretstest.Base32, 16)
	// The key ID and the secret in one hunk, lines 100-101 of the file.
	got := d.Scan(Fragment{Path: "cfg.ini", Text: []byte("id = " + id + "\nkey = " + key + "\n"), StartLine: 100})
	rules := map[string]int{}
	for _, f := range got {
		rules[f.RuleID] = f.Line
	}
	if rules["aws-access-key-id"] != 100 || rules["aws-secret-access-key"] != 101 {
		t.Errorf("got %v, want the key ID at line 100 and the secret at 101", rules)
	}
}

func TestNoSecretInTestNames(t *testing.T) {
	// Case names of the corpus must not carry secrets (they are printed).
	pos, _ := secretstest.Corpus(15)
	for _, c := range pos {
		if strings.Contains(c.Name, c.Secret) {
			t.Errorf("case name contains its secret")
		}
	}
}

func TestLongLinePEM(t *testing.T) {
	d := newTestDetector(t, Config{})
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	block := strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})))
	// A service-account JSON minified onto one long line, the key escaped.
	line := `{"padding":"` + strings.Repeat("abc def ", 600) + `","private_key":"` + strings.ReplaceAll(block, "\n", `\n`) + `\n","client_email":"ci@rose.iam.gserviceaccount.com"}`
	got := d.Scan(Fragment{Path: "sa.json", Text: []byte(line)})
	if len(got) != 1 || got[0].RuleID != "private-key" {
		t.Fatalf("got %d findings, want the private key", len(got))
	}
}

// TestMediaDataURIsAreNotRead: the base64 payload of an image or font data URI is not
// searched for keywords (SVG and CSS files embed them by the hundred kilobytes), while the
// same payload under another media type, and the text around it, still is.
func TestMediaDataURIsAreNotRead(t *testing.T) {
	g := secretstest.NewGen(9)
	// An AWS key ID is spelled in base64's alphabet: it can sit inside a payload.
	tok := "AKIA" + g.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
	payload := g.String(secretstest.B64, 200) + "/" + tok + "+" + g.String(secretstest.B64, 200)
	d := newTestDetector(t, Config{})
	for _, tc := range []struct {
		name, text string
		found      int
	}{
		{"svg image", `<image href="data:image/png;base64,` + payload + `"/>`, 0},
		{"css font", `src: url(data:font/woff2;base64,` + payload + `) format("woff2");`, 0},
		{"text payload", `<a href="data:text/plain;base64,` + payload + `">`, 1},
		{"token after the image", `<image href="data:image/png;base64,` + payload + `"/>` + "\nAWS_ACCESS_KEY_ID=" + tok + "\n", 1},
	} {
		if got := d.Scan(Fragment{Path: "web/logo.svg", Text: []byte(tc.text)}); len(got) != tc.found {
			t.Errorf("%s: %d findings, want %d", tc.name, len(got), tc.found)
		}
	}
}
