package secrets

import (
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

func TestCountingStandIn(t *testing.T) {
	for v, want := range map[string]bool{
		"a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8NRAL": true,
		"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":   true,
		"1a2b3c4d5e6f7a8b":                         true,
		"a1b2c3":                                   false, // too short to tell
	} {
		if got := countingStandIn(v); got != want {
			t.Errorf("countingStandIn(%q) = %v, want %v", v, got, want)
		}
	}
	// Random values of the shapes the check guards do not trip it.
	g := secretstest.NewGen(1)
	for i := 0; i < 2000; i++ {
		if v := g.String(secretstest.HexLower, 36); countingStandIn(v) {
			t.Fatalf("random hex %d read as a stand-in", i)
		}
	}
}

func TestAzdoPATCheck(t *testing.T) {
	g := secretstest.NewGen(2)
	issued := g.String(secretstest.Alnum, 52) + "JQQJ99BEACAAAAAAAAAAAAASAZDO" + g.String(secretstest.Alnum, 4)
	if !azdoPATCheck(issued, nil) {
		t.Error("an issued 84-character PAT (random head, A runs after it) was rejected")
	}
	standIn := "aQwErTy123456789AbCdEf0123456789AbCdEf0123456789AbCdEf0123456789AbCdEf012345AZDOabc1"
	if azdoPATCheck(standIn, nil) {
		t.Error("a typed stand-in PAT was accepted")
	}
}

func TestAppleAppPasswordCheck(t *testing.T) {
	for v, want := range map[string]bool{
		"abcd-efgh-ijkl-mnop": false, // counts
		"make-sure-this-home": false, // words
		"xxxx-xxxx-xxxx-xxxx": false,
		"ucis-elaf-xijx-truv": true,
	} {
		if got := appleAppPasswordCheck(v, nil); got != want {
			t.Errorf("appleAppPasswordCheck(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestServiceAccountKeyJSON(t *testing.T) {
	g := secretstest.NewGen(3)
	key, _ := g.Expand(`{"type": "service_account", "private_key": "«pemjson:ed25519»\n"}`)
	if !serviceAccountKeyJSON(key) {
		t.Error("a service account key file with a private key was rejected")
	}
	for _, v := range []string{
		`{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"}`,
		`{"type": "authorized_user", "refresh_token": "x"}`,
		`not json`,
	} {
		if serviceAccountKeyJSON(v) {
			t.Errorf("accepted %q", v)
		}
	}
}

func TestLeadBytes(t *testing.T) {
	for _, tc := range []struct {
		re   string
		n    int // positions fixed
		lead []string
		not  []string
	}{
		{`api-[a-z0-9]{8}-[a-z0-9]{4}`, 17, []string{"api-0a1b2c3d-9f8e"}, []string{"api-guide/auth", "API-0a1b2c3d-9f8e", "api-0a1b2c3d_9f8e", "api-0a1b"}},
		{`API-[A-Z0-9]{26}`, 24, []string{"API-" + strings.Repeat("Q7", 13)}, []string{"api-" + strings.Repeat("Q7", 13), "API-documentation-page-xx"}},
		{`pat[A-Za-z0-9]{14}\.[a-f0-9]{64}`, 24, []string{"patAbCdEfGh012345.0f"}, []string{"pattern-matching.", "patAbCdEfGh01234.0f"}},
		// Positions stop at a choice, an optional part or a range of counts.
		{`sk-(?:proj|svcacct)-[A-Za-z0-9]{20}`, 3, []string{"sk-proj-", "sk-svcacct-"}, []string{"sk_proj"}},
		{`glc_[A-Za-z0-9+/]{32,400}={0,2}`, 24, []string{"glc_" + strings.Repeat("aB3+", 5)}, []string{"glc_config"}},
		{`(?i:x)[a-c]?y`, 1, []string{"Xy", "xay"}, []string{"y"}},
		// A folded k also matches the Kelvin sign, a wider character.
		{`(?i:k)ey_[0-9]{4}`, 0, []string{"\u212aey_1234"}, nil},
	} {
		sets := leadBytes(tc.re, 24)
		if len(sets) != tc.n {
			t.Errorf("%s: %d positions, want %d", tc.re, len(sets), tc.n)
		}
		for _, s := range tc.lead {
			if !leads([]byte(s+strings.Repeat("0", 30)), 0, sets) {
				t.Errorf("%s: %q does not lead", tc.re, s)
			}
		}
		for _, s := range tc.not {
			if leads([]byte(s), 0, sets) {
				t.Errorf("%s: %q leads", tc.re, s)
			}
		}
	}
}

// The gate is exact: wherever a built-in expression with a literal prefix
// matches in its rule's examples, the bytes it fixes are there.
func TestLeadBytesMatchExamples(t *testing.T) {
	checked := 0
	for _, def := range builtinRuleDefs() {
		for _, p := range def.patterns {
			re := p.expr()
			if re == nil {
				continue
			}
			if lit, _ := re.LiteralPrefix(); lit == "" {
				continue
			}
			sets := leadBytes(re.String(), 24)
			for i, ex := range def.examples {
				for seed := uint64(0); seed < 4; seed++ {
					text, _ := secretstest.NewGen(uint64(i)*131 + seed + 7).Expand(ex.text)
					for _, m := range re.FindAllStringIndex(text, -1) {
						checked++
						if !leads([]byte(text), m[0], sets) {
							t.Errorf("%s: example %d matches where its leading bytes are not", def.rule.ID, i)
						}
					}
				}
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d matches checked", checked)
	}
}
