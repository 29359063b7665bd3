package secrets

import (
	"flag"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// examplePath is where an example without its own path is scanned: a
// neutral file, neither a test, a fixture nor an example.
const examplePath = "app/settings.conf"

// exampleSeeds: each example is expanded with several seeds, so that a rule
// does not pass by the luck of one random value.
var exampleSeeds = flag.Uint64("example-seeds", 4, "seeds each rule example is expanded with (TestRuleExamples)")

// TestRuleExamples runs every rule's true and false examples: each true
// example must be reported, with the rule's ID and exactly the marked
// secret, and no other rule may report that secret again (other planted
// values, such as an AWS key ID beside its secret, may be reported); no rule
// may report anything in a false example.
// Failures name the rule, the example template and the rules that fired,
// never the generated value.
func TestRuleExamples(t *testing.T) {
	d := newTestDetector(t, Config{})
	for _, def := range builtinRuleDefs() {
		t.Run(def.rule.ID, func(t *testing.T) {
			for i, ex := range def.examples {
				path := ex.path
				if path == "" {
					path = examplePath
				}
				for seed := uint64(0); seed < *exampleSeeds; seed++ {
					g := secretstest.NewGen(uint64(i)*131 + seed + 7)
					text, secret := g.Expand(ex.text)
					got := d.Scan(Fragment{Path: path, Text: []byte(text), StartLine: 1})
					var rules []string
					found, dup := false, false
					for _, f := range got {
						rules = append(rules, f.RuleID)
						if ex.match && f.RuleID == def.rule.ID && (secret == "" || f.Secret == secret) {
							found = true
						} else if secret != "" && (strings.Contains(f.Secret, secret) || strings.Contains(secret, f.Secret)) {
							dup = true
						}
					}
					switch {
					case ex.match && !found:
						t.Errorf("true example %d (seed %d) not reported as %s (reported: %v): %s", i, seed, def.rule.ID, rules, ex.text)
					case ex.match && dup:
						t.Errorf("true example %d (seed %d): the secret is reported again by another rule %v: %s", i, seed, rules, ex.text)
					case !ex.match && len(got) > 0:
						t.Errorf("false example %d (seed %d) reported by %v: %s", i, seed, rules, ex.text)
					}
				}
			}
		})
	}
}

// TestRulesComplete holds every built-in rule to the shape the rules page and
// the prefilter rely on: a kebab-case unique ID, a description, a help text,
// keywords on every pattern (a pattern without keywords would run over every
// byte scanned), and at least one true and one false example.
func TestRulesComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, def := range builtinRuleDefs() {
		r := def.rule
		if seen[r.ID] {
			t.Errorf("rule %s defined twice", r.ID)
		}
		seen[r.ID] = true
		if r.ID != strings.ToLower(r.ID) || strings.ContainsAny(r.ID, " _.") {
			t.Errorf("rule %s: ID must be kebab-case", r.ID)
		}
		if r.Description == "" || len(r.Help) < 40 {
			t.Errorf("rule %s: missing description or help", r.ID)
		}
		for i, p := range def.patterns {
			// A pattern restricted to some files may read them whole.
			if len(p.keywords) == 0 && p.files == nil {
				t.Errorf("rule %s: pattern %d has no keywords", r.ID, i)
			}
			for _, k := range p.keywords {
				if k != strings.ToLower(k) || len(k) < 2 {
					t.Errorf("rule %s: keyword %q must be lower-case and at least 2 bytes", r.ID, k)
				}
			}
		}
		var npos, nneg int
		for _, ex := range def.examples {
			if ex.match {
				npos++
				if strings.Count(ex.text, "⟦") != 1 {
					t.Errorf("rule %s: true example must mark its secret once with ⟦…⟧: %s", r.ID, ex.text)
				}
			} else {
				nneg++
			}
		}
		if npos == 0 || nneg == 0 {
			t.Errorf("rule %s: %d true and %d false examples, want at least one of each", r.ID, npos, nneg)
		}
	}
	if n := len(seen); n < 200 {
		t.Logf("%d built-in rules", n)
	}
}
