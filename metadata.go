// Package actions holds the metadata (action.yml) of every action in this repository, embedded so that each
// program knows its declared inputs, their defaults and its outputs without reading the file system.
package actions

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

//go:embed */action.yml
var metadataFS embed.FS

// Metadata returns the raw action.yml of the named action (its folder name, e.g. "pr-lint").
func Metadata(name string) ([]byte, error) {
	b, err := metadataFS.ReadFile(path.Join(name, "action.yml"))
	if err != nil {
		return nil, fmt.Errorf("no action.yml for action %q: %w", name, err)
	}
	return b, nil
}

// Names lists the actions of the repository, sorted.
func Names() []string {
	matches, err := fs.Glob(metadataFS, "*/action.yml")
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	names := make([]string, 0, len(matches))
	for _, m := range matches {
		names = append(names, path.Dir(m))
	}
	sort.Strings(names)
	return names
}
