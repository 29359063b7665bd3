package secretstest

import (
	"reflect"
	"strings"
	"testing"
)

func TestChecksum(t *testing.T) {
	// GitHub's published example token ends with this checksum.
	if got := Checksum("zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ"); got != "0mLq17" {
		t.Errorf("Checksum = %q, want 0mLq17", got)
	}
}

func TestCorpus(t *testing.T) {
	pos, traps := Corpus(1)
	pos2, traps2 := Corpus(1)
	stable := func(cs []Case) []Case {
		var out []Case
		for _, c := range cs {
			if c.Name != "private-key/rsa" && c.Name != "private-key/ec" {
				out = append(out, c)
			}
		}
		return out
	}
	if !reflect.DeepEqual(stable(pos), stable(pos2)) || !reflect.DeepEqual(traps, traps2) {
		t.Error("the same seed gave different corpora")
	}
	names := map[string]bool{}
	for _, c := range append(pos, traps...) {
		if names[c.Name] {
			t.Errorf("duplicate case name %s", c.Name)
		}
		names[c.Name] = true
		if c.Path == "" || c.Text == "" {
			t.Errorf("%s: empty path or text", c.Name)
		}
	}
	for _, c := range pos {
		if c.Rule == "" || c.Secret == "" || c.Line() < 1 {
			t.Errorf("%s: positive without rule, secret or line", c.Name)
		}
		if strings.Contains(c.Name, c.Secret) {
			t.Errorf("%s: the name contains the secret", c.Name)
		}
	}
	for _, c := range traps {
		if c.Rule != "" || c.Line() != 0 {
			t.Errorf("%s: a trap with a rule", c.Name)
		}
	}
	if len(pos) < 60 || len(traps) < 60 {
		t.Errorf("%d positives, %d traps", len(pos), len(traps))
	}
}

func TestGitHubToken(t *testing.T) {
	g := NewGen(3)
	tok := g.GitHubToken("ghp_")
	if len(tok) != 40 || Checksum(tok[4:34]) != tok[34:] {
		t.Errorf("token of length %d with a bad checksum", len(tok))
	}
}
