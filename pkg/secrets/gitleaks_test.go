package secrets

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

var gitleaksBin = flag.String("gitleaks", "", "path of a gitleaks binary: TestCompareGitleaks measures it on the same corpus")

// corpusLine is a planted secret's location in a written corpus.
type corpusLine struct {
	file string
	line int
}

// writeCorpus writes the labelled corpus of the given seeds under dir, one
// folder per case, and returns the planted lines (secret and companion
// lines), the number of planted secrets and the trap files.
func writeCorpus(t *testing.T, dir string, seeds []uint64) (planted map[corpusLine]bool, primary []corpusLine, trapFiles int) {
	t.Helper()
	planted = map[corpusLine]bool{}
	n := 0
	write := func(c secretstest.Case) string {
		n++
		rel := filepath.Join(fmt.Sprintf("c%04d", n), filepath.FromSlash(c.Path))
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c.Text), 0o600); err != nil {
			t.Fatal(err)
		}
		return filepath.ToSlash(rel)
	}
	for _, seed := range seeds {
		pos, trapCases := secretstest.Corpus(seed)
		for _, c := range pos {
			rel := write(c)
			l := corpusLine{rel, c.Line()}
			planted[l] = true
			primary = append(primary, l)
			if c.Also == "aws-access-key-id" {
				for i, ln := range strings.Split(c.Text, "\n") {
					if awsKeyIDRe.MatchString(ln) {
						planted[corpusLine{rel, i + 1}] = true
					}
				}
			}
		}
		for _, c := range trapCases {
			write(c)
			trapFiles++
		}
	}
	return planted, primary, trapFiles
}

// score counts found planted secrets and false positives among reported
// (file, line) pairs.
func score(planted map[corpusLine]bool, primary []corpusLine, reported map[corpusLine]bool) (found, fp int) {
	for _, l := range primary {
		if reported[l] {
			found++
		}
	}
	for l := range reported {
		if !planted[l] {
			fp++
		}
	}
	return found, fp
}

// TestCompareGitleaks scans a corpus written to files, as the action's files mode reads them, and holds
// this detector to recall ≥ 0.98 with no false positive. Given -gitleaks=/path/to/gitleaks (v8.30: go
// install github.com/zricethezav/gitleaks/v8@v8.30.1 into a temporary GOBIN) it also runs gitleaks over the
// same files and prints both tools' recall and false positives.
func TestCompareGitleaks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "corpus")
	planted, primary, trapFiles := writeCorpus(t, root, []uint64{100, 101, 102, 103, 104})

	// This detector, over the files as the action's files mode reads them.
	d := newTestDetector(t, Config{})
	ours := map[corpusLine]bool{}
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// Skip decisions use the path inside the case folder.
		inner := rel[strings.IndexByte(rel, '/')+1:]
		if d.SkipPath(inner) {
			return nil
		}
		for _, f := range d.Scan(Fragment{Path: rel, Text: data, StartLine: 1}) {
			ours[corpusLine{rel, f.Line}] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	of, ofp := score(planted, primary, ours)
	if n := len(primary); float64(of) < 0.98*float64(n) || ofp > 0 {
		t.Errorf("written corpus of %d secrets and %d trap files: recall %d/%d, %d false positives; want ≥ 0.98 and none",
			n, trapFiles, of, n, ofp)
	}
	if *gitleaksBin == "" {
		return // the comparison needs a gitleaks binary; this detector's own bar was checked above
	}

	report := filepath.Join(dir, "gitleaks.json")
	cmd := exec.Command(*gitleaksBin, "dir", root, "--report-format", "json", "--report-path", report,
		"--no-banner", "--exit-code", "0", "--log-level", "error")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gitleaks: %v: %s", err, out)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var glFindings []struct {
		RuleID    string
		File      string
		StartLine int
	}
	if err := json.Unmarshal(data, &glFindings); err != nil {
		t.Fatal(err)
	}
	theirs := map[corpusLine]bool{}
	fpRules := map[string]int{}
	for _, f := range glFindings {
		rel, err := filepath.Rel(root, f.File)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = f.File
		}
		l := corpusLine{filepath.ToSlash(rel), f.StartLine}
		theirs[l] = true
		if !planted[l] {
			fpRules[f.RuleID]++
		}
	}

	gf, gfp := score(planted, primary, theirs)
	n := len(primary)
	msg := fmt.Sprintf("corpus of %d planted secrets and %d trap files:\n  secrets: recall %.4f (%d/%d), false positives %d\n  gitleaks: recall %.4f (%d/%d), false positives %d (by rule: %v)",
		n, trapFiles, float64(of)/float64(n), of, n, ofp, float64(gf)/float64(n), gf, n, gfp, fpRules)
	t.Log(msg)
	fmt.Println(msg)
	if of < gf || ofp > gfp {
		t.Errorf("this detector does worse than gitleaks on its own corpus")
	}
}
