package secrets

import (
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
