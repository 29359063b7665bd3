package action

import (
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"

	actions "github.com/rose/actions"
)

// Metadata is the part of an action.yml the runtime and the repository's checks need.
type Metadata struct {
	Name        string                    `yaml:"name"`
	Description string                    `yaml:"description"`
	Author      string                    `yaml:"author"`
	Branding    map[string]string         `yaml:"branding"`
	Inputs      map[string]InputMetadata  `yaml:"inputs"`
	Outputs     map[string]OutputMetadata `yaml:"outputs"`
	Runs        struct {
		Using      string   `yaml:"using"`
		Image      string   `yaml:"image"`
		Entrypoint string   `yaml:"entrypoint"`
		Args       []string `yaml:"args"`
	} `yaml:"runs"`
}

// InputMetadata describes one declared input.
type InputMetadata struct {
	Description string  `yaml:"description"`
	Required    bool    `yaml:"required"`
	Default     *string `yaml:"default"`
}

// OutputMetadata describes one declared output.
type OutputMetadata struct {
	Description string `yaml:"description"`
}

// ParseMetadata decodes an action.yml.
func ParseMetadata(b []byte) (*Metadata, error) {
	var m Metadata
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("parse action.yml: %w", err)
	}
	return &m, nil
}

// LoadMetadata returns the embedded metadata of the named action.
func LoadMetadata(name string) (*Metadata, error) {
	b, err := actions.Metadata(name)
	if err != nil {
		return nil, err
	}
	m, err := ParseMetadata(b)
	if err != nil {
		return nil, fmt.Errorf("action %q: %w", name, err)
	}
	return m, nil
}

// InputNames returns the declared input names, sorted.
func (m *Metadata) InputNames() []string { return sortedKeys(m.Inputs) }

// OutputNames returns the declared output names, sorted.
func (m *Metadata) OutputNames() []string { return sortedKeys(m.Outputs) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
