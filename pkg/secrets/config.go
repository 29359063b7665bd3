package secrets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"

	"github.com/rose/actions/pkg/suggest"
	"gopkg.in/yaml.v3"
)

// DefaultConfigPath is where the action looks for a configuration file when
// none is given.
const DefaultConfigPath = ".github/secret-scan.yml"

// Config customises a Detector. The zero value means the built-in rules and
// path allowlist only.
//
//	rules:            # extra rules
//	  - id: rose-internal-token
//	    description: Rose internal service token
//	    regex: '\b(rose_[a-z0-9]{32})\b'
//	    keywords: [rose_]
//	    entropy: 3.5
//	disabled: [generic-secret]
//	allow-paths: ['docs/**', '**/testdata/**']
//	ignores:         # rule + SHA-256 of the secret, as reported in "fingerprint"
//	  - generic-secret:3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b
type Config struct {
	// Rules are extra rules added to the built-in ones.
	Rules []RuleConfig `yaml:"rules"`
	// Disabled lists rule IDs that are not run.
	Disabled []string `yaml:"disabled"`
	// AllowPaths are glob patterns (with **) of paths that are never scanned,
	// added to the built-in list (lockfiles, vendored and binary files). A
	// pattern without a slash also matches a file's base name.
	AllowPaths []string `yaml:"allow-paths"`
	// NoDefaultAllowPaths turns the built-in path allowlist off.
	NoDefaultAllowPaths bool `yaml:"no-default-allow-paths"`
	// Ignores are fingerprints ("rule:sha256hex", see Fingerprint) of
	// findings to suppress wherever they occur.
	Ignores []string `yaml:"ignores"`
}

// RuleConfig is an extra rule from the configuration file.
type RuleConfig struct {
	ID          string `yaml:"id"`
	Description string `yaml:"description"`
	Help        string `yaml:"help"`
	// Regex is an RE2 expression; the secret is submatch SecretGroup, or
	// the first submatch when there is one, or the whole match.
	Regex       string   `yaml:"regex"`
	SecretGroup *int     `yaml:"secret-group"`
	Keywords    []string `yaml:"keywords"`
	// Entropy is the minimum Shannon entropy of the secret in bits per byte.
	Entropy float64 `yaml:"entropy"`
}

// LoadConfig reads a YAML configuration file. A missing file is an error
// wrapping fs.ErrNotExist: the caller decides whether that matters (it does
// not at the default path). Unknown fields are errors.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("read secret-scan config: %w", err)
	}
	cfg, err := ParseConfig(data)
	var ke *KeyError
	if errors.As(err, &ke) {
		return Config{}, fmt.Errorf("%s:%d: %w", path, ke.Line, err)
	}
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// ParseConfig parses the YAML of a configuration file and validates it. A key
// the configuration does not know is a *KeyError that names the valid keys.
func ParseConfig(data []byte) (Config, error) {
	var cfg Config
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("parse secret-scan config: %w", err)
	}
	if len(doc.Content) == 0 {
		return cfg, nil // empty file
	}
	if top := doc.Content[0]; top.Kind != yaml.MappingNode && !(top.Kind == yaml.ScalarNode && top.Tag == "!!null") {
		return Config{}, fmt.Errorf("line %d: the configuration is a YAML mapping with the keys %s", top.Line, strings.Join(yamlKeys(reflect.TypeFor[Config]()), ", "))
	}
	// Unknown keys first, so that the message lists the valid ones rather than the
	// decoder's "field x not found in type secrets.Config".
	if err := checkKeys(doc.Content[0], reflect.TypeFor[Config](), ""); err != nil {
		return Config{}, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("parse secret-scan config: %w", err)
	}
	if err := cfg.validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

var fingerprintRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*:[0-9a-f]{64}$`)
var ruleIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

func (c Config) validate() error {
	for i, r := range c.Rules {
		if !ruleIDRe.MatchString(r.ID) {
			return fmt.Errorf("rules[%d]: id %q: want lower-case letters, digits, '-', '_' or '.'", i, r.ID)
		}
		if r.Regex == "" {
			return fmt.Errorf("rules[%d] (%s): regex is required", i, r.ID)
		}
		re, err := regexp.Compile(r.Regex)
		if err != nil {
			return fmt.Errorf("rules[%d] (%s): regex: %w", i, r.ID, err)
		}
		if g := r.SecretGroup; g != nil && (*g < 0 || *g > re.NumSubexp()) {
			return fmt.Errorf("rules[%d] (%s): secret-group %d: the regex has %d groups", i, r.ID, *g, re.NumSubexp())
		}
		if r.Entropy < 0 || r.Entropy > 8 {
			return fmt.Errorf("rules[%d] (%s): entropy %g: want 0 to 8 bits per byte", i, r.ID, r.Entropy)
		}
	}
	for _, ig := range c.Ignores {
		if !fingerprintRe.MatchString(strings.TrimSpace(ig)) {
			return fmt.Errorf("ignores: %q: want a fingerprint \"rule-id:<64 hex digits of SHA-256>\"", ig)
		}
	}
	for _, p := range c.AllowPaths {
		if !validGlob(p) {
			return fmt.Errorf("allow-paths: %q: not a valid glob pattern", p)
		}
	}
	return nil
}

// KeyError is an unknown key in a configuration file.
type KeyError struct {
	Key   string   // the key as written
	Where string   // "" for the top level, else e.g. "rules[2]"
	Line  int      // 1-based line of the key
	Valid []string // the keys accepted there
}

func (e *KeyError) Error() string {
	msg := fmt.Sprintf("unknown key %q", e.Key)
	if e.Where != "" {
		msg += " in " + e.Where
	}
	msg += ": valid keys are " + strings.Join(e.Valid, ", ")
	if s := closest(e.Key, e.Valid); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

// checkKeys compares the keys of the YAML mappings under n with the yaml tags of
// t, descending into nested structs and lists of structs.
func checkKeys(n *yaml.Node, t reflect.Type, where string) error {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := map[string]reflect.Type{}
		valid := yamlKeys(t)
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			fields[name] = t.Field(i).Type
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				return &KeyError{Key: k.Value, Where: where, Line: k.Line, Valid: valid}
			}
			sub := k.Value
			if where != "" {
				sub = where + "." + k.Value
			}
			if err := checkKeys(n.Content[i+1], ft, sub); err != nil {
				return err
			}
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, c := range n.Content {
			if err := checkKeys(c, t.Elem(), fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
	}
	return nil // a shape mismatch is the decoder's to report
}

// yamlKeys lists the yaml keys of a struct's fields in declaration order.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// closest returns the valid key nearest to key when it is a likely typo (edit
// distance at most 2, or one is a prefix of the other), else "".
func closest(key string, valid []string) string {
	best, bestD := "", 3
	for _, v := range valid {
		d := suggest.Distance(strings.ToLower(key), v)
		if strings.HasPrefix(v, strings.ToLower(key)) || strings.HasPrefix(strings.ToLower(key), v) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = v, d
		}
	}
	return best
}
