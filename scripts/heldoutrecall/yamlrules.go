package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// extractYAMLRules reads rule files in the YAML layout Nosey Parker and
// Kingfisher share (rules: - id, examples, negative_examples) and returns
// each example as a case: true for examples, false for negative examples.
// The rule's ID is the case's detector.
func extractYAMLRules(files []string) ([]tcase, error) {
	var out []tcase
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var doc struct {
			Rules []struct {
				ID               string   `yaml:"id"`
				Examples         []string `yaml:"examples"`
				NegativeExamples []string `yaml:"negative_examples"`
			} `yaml:"rules"`
		}
		// A file that is not a rule file (a ruleset listing rule IDs) is
		// skipped, not an error.
		if err := yaml.Unmarshal(b, &doc); err != nil {
			fmt.Fprintf(os.Stderr, "heldoutrecall: %s skipped: %v\n", filepath.Base(p), firstLine(err.Error()))
			continue
		}
		for _, r := range doc.Rules {
			for _, ex := range r.Examples {
				out = append(out, tcase{Detector: r.ID, Name: "example", Input: ex, Want: []string{"secret"}})
			}
			for _, ex := range r.NegativeExamples {
				out = append(out, tcase{Detector: r.ID, Name: "negative example", Input: ex})
			}
		}
	}
	return out, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
