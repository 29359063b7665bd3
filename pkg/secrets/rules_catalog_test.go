package secrets

import (
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// TestCatalogNames runs every provider name of the service-api-key rule
// through a credential assignment, which must be reported, and through
// ordinary code and prose that names the provider without a credential,
// stand-ins and values read in part, which it must not report (other rules
// may: the generic rule decides on values of its own).
func TestCatalogNames(t *testing.T) {
	d := newTestDetector(t, Config{})
	g := secretstest.NewGen(11)
	for _, name := range strings.Fields(catalogProviders) {
		up := strings.ToUpper(name)
		alphabet, n := secretstest.Alnum, 32
		if catalogShapes[name] != nil {
			alphabet, n = secretstest.HexLower, 40 // the shapes are hexadecimal
		}
		key := g.String(alphabet, n)
		for countsOrRepeats(key) {
			key = g.String(alphabet, n)
		}
		for _, pos := range []string{up + "_API_KEY=" + key, name + "-SECRET-" + key} {
			got := d.Scan(Fragment{Path: examplePath, Text: []byte(pos), StartLine: 1})
			if len(got) != 1 || got[0].RuleID != "service-api-key" || got[0].Secret != key {
				t.Errorf("%s: %q: got %d findings, want one service-api-key", name, strings.ReplaceAll(pos, key, "«key»"), len(got))
			}
		}
		for _, neg := range []string{
			name + "_url = \"https://api." + name + ".com/v1/\"",
			"client := " + name + ".NewClient(" + name + "APIKey, " + name + "Timeout)",
			"# Set " + up + "_API_KEY in the environment; the token is on the " + name + " settings page.",
			name + "_token = os.environ[\"" + up + "_TOKEN\"]",
			name + "_cache_key = \"" + name + ":\" + user.ID",
			name + "_api_key = \"abcd1234efgh5678ijkl9012mnop3456\"",
			up + "_SECRET=" + strings.Repeat("0123456789", 3),
			name + "_key: \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0." + key + "\"",
			up + "_TOKEN=" + key[:16] + "?" + key[16:],
			"import " + name + "-api-key-rotation-handler-for-staging from './" + name + "-access-token-refresh-worker'",
		} {
			for _, f := range d.Scan(Fragment{Path: examplePath, Text: []byte(neg), StartLine: 1}) {
				if f.RuleID == "service-api-key" {
					t.Errorf("%s: reported in %q", name, strings.ReplaceAll(neg, key, "«key»"))
				}
			}
		}
	}
}

// TestCountsOrRepeats checks the stand-in test on typed stand-ins and on
// generated values, which it must pass nearly always.
func TestCountsOrRepeats(t *testing.T) {
	for _, v := range []string{
		"abcdef123456abcdef123456", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "ABCD1234EFGH5678IJKL9012MNOP3456",
		"abcd1234abcd1234abcd1234abcd1234", "zyxwvutsrqponmlkjihgfedcba987654", "abcd1234-xyz9876uvw2345rst8901qpo6789ijkL",
		"1234567-ABC1234-XYZ5678-0123456", "123e4567e89b12d3a456426614174000", "k9l8m7n6o5p4q3r2s1t0a1b2c3d4e5f6",
	} {
		if !countsOrRepeats(v) {
			t.Errorf("countsOrRepeats(%q) = false, want true", v)
		}
	}
	g := secretstest.NewGen(3)
	for _, alphabet := range []string{secretstest.HexLower, secretstest.Alnum, secretstest.B64, secretstest.UpperDigits} {
		const n = 20000
		bad := 0
		for range n {
			if countsOrRepeats(g.String(alphabet, 32)) {
				bad++
			}
		}
		if bad*200 > n { // 0.5%
			t.Errorf("%d of %d generated values over %q read as stand-ins", bad, n, alphabet)
		}
		t.Logf("%q: %d of %d", alphabet[:10], bad, n)
	}
}

// FuzzGluedCredential checks that the glued-label parser returns a value
// inside the line, after a dash or a dot, of 20 to 100 key characters, and
// that it reads no further than the value.
func FuzzGluedCredential(f *testing.F) {
	for _, s := range []string{
		"pandadoc-SECRET-Zx8kQ2mV9pLw4RtY7nBc3HsJ6dFg1Ae5", "hellosignACCESS-TOKEN-Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7==",
		"wistia.api_key.access-token.key-Ab3dE6gH9jK2mN5pQ8sT1vW4", "signupgeniusPRIVATE.", "nylas-key-key-key-key-key",
	} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, line string, ke int) {
		if ke < 0 || ke > len(line) {
			return
		}
		m, ok := parseGluedCredential([]byte(line), 0, ke)
		if !ok {
			return
		}
		if len(m) != 4 || m[0] != 0 || m[1] != m[3] || m[2] <= ke || m[3] > len(line) {
			t.Fatalf("offsets %v for a name ending at %d in a line of %d bytes", m, ke, len(line))
		}
		v := line[m[2]:m[3]]
		if len(v) < 20 || len(v) > 100 || strings.Trim(v, secretstest.Alnum+"_+/=-") != "" || !strings.ContainsRune("-.", rune(line[m[2]-1])) {
			t.Fatalf("value of %d bytes after %q", len(v), line[m[2]-1])
		}
	})
}

func TestCredentialWords(t *testing.T) {
	for _, tc := range []struct {
		w        string
		ok, cred bool
	}{
		{"SECRET", true, true}, {"secretKey", true, true}, {"APIKEY", true, true}, {"PRIVATEkey", true, true},
		{"api", true, false}, {"ClientApp", true, false}, {"apis", false, false}, {"keynote", false, false},
		{"tokenizer", false, false}, {"", false, false}, {strings.Repeat("key", 9), false, false},
	} {
		if ok, cred := credentialWords([]byte(tc.w)); ok != tc.ok || cred != tc.cred {
			t.Errorf("credentialWords(%q) = %v, %v, want %v, %v", tc.w, ok, cred, tc.ok, tc.cred)
		}
	}
}
