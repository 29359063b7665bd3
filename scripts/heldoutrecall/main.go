// Command heldoutrecall measures secret-scan's rules on labelled examples
// that nobody here wrote: the true and false examples of gitleaks' default
// rules (as its rule generator produces them) and the pattern tests of
// trufflehog's detectors. Run it through scripts/heldout-recall.sh, which
// fetches both projects at pinned commits.
//
//	heldoutrecall extract-trufflehog FILE...   # *_test.go of pkg/detectors -> JSON cases
//	heldoutrecall extract-yaml FILE...         # Nosey Parker / Kingfisher rule files -> JSON cases
//	heldoutrecall jsonl FILE                  # gitleaks' dump (JSON lines) -> JSON cases
//	heldoutrecall write -cases C.json -dir D  # one file per case, for gitleaks dir
//	heldoutrecall score -cases C.json [-gitleaks REPORT -dir D] [-split] [-families F]
//	heldoutrecall leaktest -labels L.csv -ours R.json -gitleaks G.json  # leak-test repositories
//
// score prints recall (true examples with at least one finding) and the
// false examples with a finding, for this package and, given gitleaks' JSON
// report over the written files, for gitleaks. -split also scores the two
// halves of the detectors (by CRC32 of the detector's name) separately: the
// even half was used while tuning the rules, the odd half was not. Secrets
// are never printed: only counts and detector names.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rose/actions/pkg/secrets"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "extract-trufflehog":
		err = writeJSON(extractTrufflehog(os.Args[2:]))
	case "extract-yaml":
		var cs []tcase
		if cs, err = extractYAMLRules(os.Args[2:]); err == nil {
			err = writeJSON(cs)
		}
	case "jsonl":
		err = jsonl(os.Args[2:])
	case "write":
		err = write(os.Args[2:])
	case "score":
		err = score(os.Args[2:])
	case "leaktest":
		err = leaktest(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "heldoutrecall:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: heldoutrecall extract-trufflehog FILE... | extract-yaml FILE... | jsonl FILE | write -cases C -dir D | score -cases C [-gitleaks R -dir D] [-split] [-families F] | leaktest -labels L -ours R -gitleaks G")
	os.Exit(2)
}

func writeJSON(v any) error {
	return json.NewEncoder(os.Stdout).Encode(v)
}

func readCases(path string) ([]tcase, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cs []tcase
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cs, nil
}

func jsonl(args []string) error {
	if len(args) != 1 {
		usage()
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var out []tcase
	for _, ln := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var c tcase
		if err := json.Unmarshal([]byte(ln), &c); err != nil {
			return err
		}
		out = append(out, c)
	}
	return writeJSON(out)
}

func caseFile(dir string, i int) string {
	return filepath.Join(dir, fmt.Sprintf("c%05d", i), "config.txt")
}

func write(args []string) error {
	fs := flag.NewFlagSet("write", flag.ExitOnError)
	casesPath := fs.String("cases", "", "cases JSON")
	dir := fs.String("dir", "", "folder to write")
	fs.Parse(args)
	cs, err := readCases(*casesPath)
	if err != nil {
		return err
	}
	for i, c := range cs {
		p := caseFile(*dir, i)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(c.Input), 0o600); err != nil {
			return err
		}
	}
	return nil
}

type tally struct{ pos, hit, neg, flagged int }

func (t tally) String() string {
	return fmt.Sprintf("recall %.3f (%d/%d), false examples reported %d/%d",
		float64(t.hit)/float64(max(t.pos, 1)), t.hit, t.pos, t.flagged, t.neg)
}

func (t *tally) add(c tcase, found bool) {
	if len(c.Want) > 0 {
		t.pos++
		if found {
			t.hit++
		}
		return
	}
	t.neg++
	if found {
		t.flagged++
	}
}

func score(args []string) error {
	fs := flag.NewFlagSet("score", flag.ExitOnError)
	casesPath := fs.String("cases", "", "cases JSON")
	report := fs.String("gitleaks", "", "gitleaks JSON report over the written files (optional)")
	split := fs.Bool("split", false, "also score the tuned (even) and held-out (odd) halves of the detectors")
	families := fs.String("families", "", "file of detector names (comma-separated): also score only these")
	fs.Parse(args)
	cs, err := readCases(*casesPath)
	if err != nil {
		return err
	}
	d, err := secrets.NewDetector(secrets.Config{})
	if err != nil {
		return err
	}
	ours := make([]bool, len(cs))
	for i, c := range cs {
		ours[i] = len(d.Scan(secrets.Fragment{Path: "app/config.txt", Text: []byte(c.Input), StartLine: 1})) > 0
	}
	var theirs []bool
	if *report != "" {
		theirs, err = gitleaksFound(*report, len(cs))
		if err != nil {
			return err
		}
	}
	inFamily := func(string) bool { return true }
	if *families != "" {
		b, err := os.ReadFile(*families)
		if err != nil {
			return err
		}
		set := map[string]bool{}
		for _, f := range strings.Split(strings.TrimSpace(string(b)), ",") {
			set[f] = true
		}
		inFamily = func(det string) bool { return set[det] }
	}
	type sel struct {
		name string
		keep func(tcase) bool
	}
	sels := []sel{{"all", func(tcase) bool { return true }}}
	if *families != "" {
		sels = append(sels, sel{"families", func(c tcase) bool { return inFamily(c.Detector) }})
	}
	if *split {
		odd := func(c tcase) bool { return crc32.ChecksumIEEE([]byte(c.Detector))%2 == 1 }
		sels = append(sels, sel{"held-out half", odd}, sel{"tuned half", func(c tcase) bool { return !odd(c) }})
		if *families != "" {
			sels = append(sels, sel{"held-out half, families", func(c tcase) bool { return odd(c) && inFamily(c.Detector) }})
		}
	}
	for _, s := range sels {
		var o, g tally
		dets := map[string][2]int{}
		for i, c := range cs {
			if !s.keep(c) {
				continue
			}
			o.add(c, ours[i])
			if theirs != nil {
				g.add(c, theirs[i])
			}
			if len(c.Want) > 0 {
				x := dets[c.Detector]
				x[0]++
				if ours[i] {
					x[1]++
				}
				dets[c.Detector] = x
			}
		}
		macro, n := 0.0, 0
		for _, x := range dets {
			macro += float64(x[1]) / float64(x[0])
			n++
		}
		fmt.Printf("%s: secret-scan %s; per-detector mean recall %.3f over %d detectors\n", s.name, o, macro/float64(max(n, 1)), n)
		if theirs != nil {
			fmt.Printf("%s: gitleaks    %s\n", s.name, g)
		}
	}
	if os.Getenv("MISSES") != "" {
		miss := map[string]int{}
		for i, c := range cs {
			if len(c.Want) > 0 && !ours[i] {
				miss[c.Detector]++
			}
		}
		var ks []string
		for k := range miss {
			ks = append(ks, k+"="+strconv.Itoa(miss[k]))
		}
		sort.Strings(ks)
		fmt.Println("missed:", strings.Join(ks, " "))
	}
	return nil
}

var caseDir = regexp.MustCompile(`c([0-9]{5})[/\\]config\.txt$`)

// gitleaksFound reads a gitleaks JSON report over the files of write and
// returns, by case, whether gitleaks reported anything in it.
func gitleaksFound(path string, n int) ([]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep []struct{ File string }
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, err
	}
	out := make([]bool, n)
	for _, f := range rep {
		if m := caseDir.FindStringSubmatch(f.File); m != nil {
			if i, _ := strconv.Atoi(m[1]); i < n {
				out[i] = true
			}
		}
	}
	return out, nil
}
