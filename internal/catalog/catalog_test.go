package catalog

import (
	"errors"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/action"
)

func TestRender(t *testing.T) {
	def := "a|b"
	empty := ""
	meta := &action.Metadata{
		Description: "Does a thing.",
		Inputs: map[string]action.InputMetadata{
			"zeta":  {Description: "Last\n  input.", Default: &empty},
			"alpha": {Description: "Pipe | inside.", Default: &def},
			"must":  {Description: "Required.", Required: true},
		},
		Outputs: map[string]action.OutputMetadata{"result": {Description: "The result."}},
	}
	got, err := Render([]string{"demo"}, func(string) (*action.Metadata, error) { return meta, nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| `alpha` | no | `a\\|b` | Pipe \\| inside. |",
		"| `must` | yes | — | Required. |",
		"| `zeta` | no | — | Last input. |",
		"| `result` | The result. |",
		"- uses: rose/actions/demo@v1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("catalog lacks %q:\n%s", want, got)
		}
	}
	if strings.Index(got, "`alpha`") > strings.Index(got, "`zeta`") {
		t.Error("inputs are not sorted")
	}
	if _, err := Render([]string{"x"}, func(string) (*action.Metadata, error) { return nil, errors.New("boom") }); err == nil {
		t.Error("a metadata error was swallowed")
	}
}
