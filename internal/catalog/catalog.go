// Package catalog renders action-catalog.md — every action's inputs and outputs — from the action.yml files,
// so the catalog can never drift from the metadata (a repository test compares them).
package catalog

import (
	"fmt"
	"strings"

	"github.com/rose/actions/pkg/action"
)

// Render returns the catalog of the named actions.
func Render(names []string, load func(string) (*action.Metadata, error)) (string, error) {
	var b strings.Builder
	b.WriteString("# Action catalog\n\n")
	b.WriteString("<!-- Generated from the action.yml files by `go test . -run TestCatalog -update`; do not edit by hand. -->\n\n")
	b.WriteString("Every action runs as `uses: rose/actions/<action>@v1`. Inputs are read from `with:`; an input left out takes\n")
	b.WriteString("the default shown. Sizes accept `B`, `KB`/`MB`/`GB` (powers of 1000) and `KiB`/`MiB`/`GiB` (powers of 1024);\n")
	b.WriteString("durations are Go durations (`30s`, `5m`, `1h30m`); lists are comma- or newline-separated.\n")
	b.WriteString("Exit codes: 0 success, 1 the check failed, 2 bad input or configuration.\n\n")
	for _, n := range names {
		fmt.Fprintf(&b, "- [%s](#%s)\n", n, n)
	}
	for _, n := range names {
		m, err := load(n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", n, m.Description)
		fmt.Fprintf(&b, "```yaml\n- uses: rose/actions/%s@v1\n```\n\n", n)
		fmt.Fprintf(&b, "Documentation: [docs/actions/%s.md](docs/actions/%s.md)\n\n", n, n)
		b.WriteString("### Inputs\n\n| input | required | default | description |\n| --- | --- | --- | --- |\n")
		for _, in := range m.InputNames() {
			spec := m.Inputs[in]
			def := "—"
			if spec.Default != nil && *spec.Default != "" {
				def = "`" + cell(*spec.Default) + "`"
			}
			req := "no"
			if spec.Required {
				req = "yes"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", in, req, def, cell(spec.Description))
		}
		b.WriteString("\n### Outputs\n\n| output | description |\n| --- | --- |\n")
		for _, out := range m.OutputNames() {
			fmt.Fprintf(&b, "| `%s` | %s |\n", out, cell(m.Outputs[out].Description))
		}
	}
	return b.String(), nil
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
