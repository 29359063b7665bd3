package prlint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ConfigKeys are the settings a config file may hold: the action's inputs that configure a repository's
// policy (not the per-run ones such as token, title or head).
var ConfigKeys = []string{
	"types", "scopes", "disallow-scopes", "require-scope", "subject-pattern", "subject-pattern-error",
	"header-pattern", "header-pattern-correspondence", "max-title-length", "allow-wip", "ignore-labels",
	"branch-pattern", "branch-exempt", "branch-targets", "required-files", "forbidden-paths", "max-file-size",
	"large-files", "single-commit-matches-title", "single-commit-same-as-title", "comment",
}

// ParseConfig reads a pr-lint config file (YAML) and returns each setting in the form of the input of the
// same name: scalars as written, lists joined with newlines, and the branch-targets map as
// `glob: base, base` lines. Unknown keys and misplaced structures are errors that name the key.
func ParseConfig(b []byte) (map[string]string, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return map[string]string{}, nil
		}
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if len(doc.Content) == 0 {
		return map[string]string{}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: the file must be a mapping of settings (e.g. `types: [feat, fix]`)", root.Line)
	}
	known := map[string]bool{}
	for _, k := range ConfigKeys {
		known[k] = true
	}
	out := map[string]string{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if !known[key] {
			return nil, fmt.Errorf("line %d: unknown setting %q; known settings: %s", k.Line, key, strings.Join(ConfigKeys, ", "))
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("line %d: setting %q appears twice", k.Line, key)
		}
		val, err := configValue(key, v)
		if err != nil {
			return nil, fmt.Errorf("line %d: %s: %w", v.Line, key, err)
		}
		out[key] = val
	}
	return out, nil
}

func configValue(key string, v *yaml.Node) (string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return "", nil
		}
		return strings.TrimSpace(v.Value), nil
	case yaml.SequenceNode:
		var items []string
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return "", fmt.Errorf("list items must be plain values")
			}
			items = append(items, strings.TrimSpace(item.Value))
		}
		return strings.Join(items, "\n"), nil
	case yaml.MappingNode:
		if key != "branch-targets" {
			return "", fmt.Errorf("a mapping is only accepted for branch-targets")
		}
		m := map[string][]string{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			head, bases := v.Content[i].Value, v.Content[i+1]
			switch bases.Kind {
			case yaml.ScalarNode:
				for _, b := range strings.Split(bases.Value, ",") {
					if b = strings.TrimSpace(b); b != "" {
						m[head] = append(m[head], b)
					}
				}
			case yaml.SequenceNode:
				for _, b := range bases.Content {
					m[head] = append(m[head], strings.TrimSpace(b.Value))
				}
			default:
				return "", fmt.Errorf("%q: want a base branch or a list of them", head)
			}
		}
		heads := make([]string, 0, len(m))
		for h := range m {
			heads = append(heads, h)
		}
		sort.Strings(heads)
		var lines []string
		for _, h := range heads {
			lines = append(lines, h+": "+strings.Join(m[h], ", "))
		}
		return strings.Join(lines, "\n"), nil
	}
	return "", fmt.Errorf("unsupported value (a YAML alias or anchor reference); accepted: a plain value or a list of plain values")
}
