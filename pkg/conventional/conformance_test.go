package conventional

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var corpusFile = flag.String("corpus", "testdata/conformance.jsonl",
	"JSON lines {repo, sha, message, want: {type, scope, breaking}} written by scripts/conformance")

// corpusCase is one line of the conformance corpus.
type corpusCase struct {
	Repo    string `json:"repo"`
	SHA     string `json:"sha"`
	Message string `json:"message"`
	Want    struct {
		Type     string `json:"type"`
		Scope    string `json:"scope"`
		Breaking bool   `json:"breaking"`
	} `json:"want"`
}

// loadKnownDifferences reads testdata/differences.tsv: the commits of the corpus where Parse deliberately
// disagrees with conventional-commits-parser, each with the kind of difference.
func loadKnownDifferences(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("testdata/differences.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sha, rest, _ := strings.Cut(line, "\t")
		why, _, _ := strings.Cut(rest, "\t")
		known[sha] = why
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return known
}

// TestConformance compares Parse with the answers of conventional-commits-parser (conventionalcommits preset)
// on real commit messages. Every disagreement must be a documented, deliberate difference.
func TestConformance(t *testing.T) {
	f, err := os.Open(*corpusFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known := loadKnownDifferences(t)
	seen := map[string]bool{}
	var total, agree int
	dec := json.NewDecoder(f)
	for dec.More() {
		var c corpusCase
		if err := dec.Decode(&c); err != nil {
			t.Fatal(err)
		}
		total++
		got := Parse(c.Message)
		// Compare what the changelog JSON reports: no type for a non-conventional header.
		typ, scope := got.Type, got.Scope
		if !got.Conventional {
			typ = ""
		}
		if typ == c.Want.Type && scope == c.Want.Scope && got.Breaking == c.Want.Breaking {
			agree++
			if _, ok := known[c.SHA]; ok {
				t.Errorf("%s %s: listed in differences.tsv but agrees now", c.Repo, c.SHA)
			}
			continue
		}
		if why, ok := known[c.SHA]; ok {
			seen[c.SHA] = true
			t.Logf("%s %s: deliberate difference (%s)", c.Repo, c.SHA[:min(12, len(c.SHA))], why)
			continue
		}
		t.Errorf("%s %s %q:\n got type=%q scope=%q breaking=%v\nwant type=%q scope=%q breaking=%v",
			c.Repo, c.SHA, firstLine(c.Message), typ, scope, got.Breaking, c.Want.Type, c.Want.Scope, c.Want.Breaking)
	}
	if total == 0 {
		t.Fatal("empty corpus")
	}
	rate := float64(agree) / float64(total)
	t.Logf("agreement with conventional-commits-parser: %d/%d = %.3f%%", agree, total, 100*rate)
	if rate < 0.995 {
		t.Errorf("agreement %.3f%% is below 99.5%%", 100*rate)
	}
	if *corpusFile == "testdata/conformance.jsonl" {
		for sha := range known {
			if !seen[sha] {
				t.Errorf("differences.tsv lists %s, which is not a disagreement in the corpus", sha)
			}
		}
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
