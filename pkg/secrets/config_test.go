package secrets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseConfigUnknownKey checks that a key the configuration does not know is reported with
// its line, where it sits, every valid key there and the likely intended one, instead of the
// YAML decoder's Go type names.
func TestParseConfigUnknownKey(t *testing.T) {
	top := "rules, disabled, allow-paths, no-default-allow-paths, ignores"
	rule := "id, description, help, regex, secret-group, keywords, entropy"
	for _, tc := range []struct {
		name, yaml string
		key, where string
		line       int
		valid      string
		suggest    string // "" when no key is close
	}{
		{"top-level typo", "disabled: []\nignore:\n  - x\n", "ignore", "", 2, top, "ignores"},
		{"underscore", "allow_paths: ['docs/**']\n", "allow_paths", "", 1, top, "allow-paths"},
		{"unrelated", "colour: red\n", "colour", "", 1, top, ""},
		{"in a rule", "rules:\n  - id: a\n    regex: b\n  - id: c\n    regexp: d\n", "regexp", "rules[1]", 5, rule, "regex"},
		{"case", "Rules: []\n", "Rules", "", 1, top, "rules"},
		{"flow style", "rules: [{id: a, regex: b, entropi: 3}]\n", "entropi", "rules[0]", 1, rule, "entropy"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tc.yaml))
			var ke *KeyError
			if !errors.As(err, &ke) {
				t.Fatalf("ParseConfig: error %v, want a *KeyError", err)
			}
			if ke.Key != tc.key || ke.Where != tc.where || ke.Line != tc.line || strings.Join(ke.Valid, ", ") != tc.valid {
				t.Errorf("got key %q where %q line %d valid %v; want %q %q %d %s", ke.Key, ke.Where, ke.Line, ke.Valid, tc.key, tc.where, tc.line, tc.valid)
			}
			msg := err.Error()
			if !strings.Contains(msg, "valid keys are "+tc.valid) {
				t.Errorf("message %q does not list the valid keys", msg)
			}
			if strings.Contains(msg, "secrets.") || strings.Contains(msg, "not found in type") {
				t.Errorf("message %q shows Go type names", msg)
			}
			if got := strings.Contains(msg, "did you mean"); got != (tc.suggest != "") || !strings.Contains(msg, `mean "`+tc.suggest+`"?`) && tc.suggest != "" {
				t.Errorf("message %q: want suggestion %q", msg, tc.suggest)
			}
		})
	}
}

// TestLoadConfigNamesFileAndLine checks the message a user sees: the file, the line and the key.
func TestLoadConfigNamesFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret-scan.yml")
	if err := os.WriteFile(path, []byte("# comment\nignore:\n  - github-pat:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadConfig(path)
	want := path + `:2: unknown key "ignore": valid keys are rules, disabled, allow-paths, no-default-allow-paths, ignores (did you mean "ignores"?)`
	if err == nil || err.Error() != want {
		t.Errorf("LoadConfig error:\n got %v\nwant %s", err, want)
	}
}

// TestParseConfigShape checks that a document that is not a mapping says what the file holds.
func TestParseConfigShape(t *testing.T) {
	for _, doc := range []string{"- rules\n", "just text\n"} {
		_, err := ParseConfig([]byte(doc))
		if err == nil || !strings.Contains(err.Error(), "a YAML mapping with the keys rules, disabled") {
			t.Errorf("ParseConfig(%q): error %v, want one describing the mapping", doc, err)
		}
	}
	for _, doc := range []string{"", "# only a comment\n", "---\n", "~\n"} {
		if _, err := ParseConfig([]byte(doc)); err != nil {
			t.Errorf("ParseConfig(%q): %v, want the empty configuration", doc, err)
		}
	}
}
