package secretreport

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestInTestPath checks that a finding in a test path says so in every rendering (JSON field,
// SARIF message, summary row), and that other findings do not.
func TestInTestPath(t *testing.T) {
	r := sample()
	r.Findings[0].InTestPath = true
	r.Findings[0].File = "internal/pipe/testdata/credentials.json"

	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct {
			File     string `json:"file"`
			TestPath *bool  `json:"test_path"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(js, &rep); err != nil {
		t.Fatal(err)
	}
	if tp := rep.Findings[0].TestPath; tp == nil || !*tp {
		t.Errorf("JSON: finding in %s has test_path %v, want true", rep.Findings[0].File, tp)
	}
	if rep.Findings[1].TestPath != nil {
		t.Errorf("JSON: finding in %s has test_path, want none", rep.Findings[1].File)
	}

	sarif, err := SARIF(r, rules(), Tool{Name: "secret-scan", Version: "1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Message struct{ Text string } `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarif, &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if !strings.Contains(res[0].Message.Text, TestPathNote) || strings.Contains(res[1].Message.Text, TestPathNote) {
		t.Errorf("SARIF messages: %q, %q: want %q in the first only", res[0].Message.Text, res[1].Message.Text, TestPathNote)
	}

	md := Markdown(r, SummaryOptions{Mode: "history"})
	for _, line := range strings.Split(md, "\n") {
		if strings.Contains(line, "credentials.json") != strings.Contains(line, TestPathNote) {
			t.Errorf("summary row %q: the note %q belongs to the test-path row only", line, TestPathNote)
		}
	}
}
