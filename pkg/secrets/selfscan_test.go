package secrets

import (
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// TestOwnRepositoryTraps holds look-alikes that the scan of this repository's own history reported before:
// fingerprints in ignore lists, and prose assigned to a credential name. Real values beside them still count.
func TestOwnRepositoryTraps(t *testing.T) {
	d := newTestDetector(t, Config{})
	g := secretstest.NewGen(11)
	pw := g.Password(20)
	tests := []struct {
		name, path, text string
		want             int
	}{
		{"fingerprint in a YAML ignore list", ".github/secret-scan.yml",
			"ignores:\n  - generic-secret:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b\n", 0},
		{"fingerprint in a Go comment", "config.go",
			"//\t  - generic-secret:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b\n", 0},
		{"prose assigned to a token name", "run.go",
			"const noToken = \"railway-deploy needs a Railway token to deploy, and none was given. Either:\\n\" +\n", 0},
		{"prose in single quotes", "app.py",
			"missing_token = 'service-account needs access to the bucket first'\n", 0},
		{"a real password still counts", "settings.py",
			"DB_PASSWORD = \"" + pw + "\"\n", 1},
		{"a hex secret after a colon without a rule id", "deploy.sh",
			"curl -u admin:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" + " https://x\n", 1},
	}
	for _, tt := range tests {
		got := d.Scan(Fragment{Path: tt.path, Text: []byte(tt.text), StartLine: 1})
		if len(got) != tt.want {
			rules := make([]string, len(got))
			for i, f := range got {
				rules[i] = f.RuleID
			}
			t.Errorf("%s: %d findings %v, want %d", tt.name, len(got), rules, tt.want)
		}
	}
}
