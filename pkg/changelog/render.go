package changelog

import (
	"encoding/json"
	"os"
	"strings"
)

func markdown(entries []Entry, opts Options) string {
	var b strings.Builder
	b.WriteString("## " + opts.Version + "\n")
	for _, e := range entries {
		b.WriteString("* " + e.Commit.Description + "\n")
	}
	return b.String()
}

type jsonCommit struct {
	SHA          string `json:"sha"`
	Type         string `json:"type"`
	Scope        string `json:"scope"`
	Subject      string `json:"subject"`
	Breaking     bool   `json:"breaking"`
	Conventional bool   `json:"conventional"`
}

type jsonDoc struct {
	Version string       `json:"version"`
	From    string       `json:"from"`
	To      string       `json:"to"`
	Commits []jsonCommit `json:"commits"`
}

func renderJSON(version, from, to string, entries []Entry) ([]byte, error) {
	doc := jsonDoc{Version: version, From: from, To: to, Commits: []jsonCommit{}}
	for _, e := range entries {
		if e.Commit.Merge {
			continue
		}
		doc.Commits = append(doc.Commits, jsonCommit{SHA: e.SHA, Type: e.Commit.Type, Scope: e.Commit.Scope,
			Subject: e.Commit.Description, Breaking: e.Commit.Breaking, Conventional: e.Commit.Conventional})
	}
	return json.MarshalIndent(doc, "", "  ")
}

func updateFile(path, version, section string) error {
	return os.WriteFile(path, []byte(section), 0o644)
}
