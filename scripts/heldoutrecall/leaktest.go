package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// leaktest scores secret-scan's and gitleaks' reports over a leak-test
// repository against its labels: a CSV of file, number of lines holding a
// planted secret (the format of Plazmaz/leaky-repo's secrets.csv, whose
// third column, lines of merely informative data, is ignored; # starts a
// comment). A file's planted lines count as found up to the number of
// distinct lines a tool reported in it; lines reported beyond that, and
// in files with nothing planted, are counted apart.
func leaktest(args []string) error {
	fs := flag.NewFlagSet("leaktest", flag.ExitOnError)
	labels := fs.String("labels", "", "labels CSV (file,planted lines[,informative lines])")
	ours := fs.String("ours", "", "secret-scan JSON report")
	theirs := fs.String("gitleaks", "", "gitleaks JSON report")
	name := fs.String("name", "", "name printed before the figures")
	verbose := fs.Bool("v", false, "list the files where a tool found fewer lines than planted")
	fs.Parse(args)
	planted, err := readLabels(*labels)
	if err != nil {
		return err
	}
	o, err := reportLines(*ours, false)
	if err != nil {
		return err
	}
	g, err := reportLines(*theirs, true)
	if err != nil {
		return err
	}
	total := 0
	for _, n := range planted {
		total += n
	}
	for _, t := range []struct {
		tool  string
		lines map[string]map[int]bool
	}{{"secret-scan", o}, {"gitleaks   ", g}} {
		found, beyond, elsewhere := 0, 0, 0
		var short []string
		for f, n := range planted {
			k := len(t.lines[f])
			found += min(k, n)
			beyond += max(k-n, 0)
			if k < n {
				short = append(short, fmt.Sprintf("%s %d/%d", f, k, n))
			}
		}
		for f, ls := range t.lines {
			if _, ok := planted[f]; !ok {
				elsewhere += len(ls)
			}
		}
		fmt.Printf("%s: %s recall %.3f (%d/%d planted lines), %d lines beyond the planted count, %d lines in files with nothing planted\n",
			*name, t.tool, float64(found)/float64(max(total, 1)), found, total, beyond, elsewhere)
		if *verbose {
			sort.Strings(short)
			fmt.Printf("  short: %s\n", strings.Join(short, ", "))
		}
	}
	return nil
}

func readLabels(path string) (map[string]int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows []string
	for _, ln := range strings.Split(string(b), "\n") {
		if t := strings.TrimSpace(ln); t != "" && !strings.HasPrefix(t, "#") {
			rows = append(rows, t)
		}
	}
	recs, err := csv.NewReader(strings.NewReader(strings.Join(rows, "\n"))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]int{}
	for _, r := range recs {
		n, err := strconv.Atoi(strings.TrimSpace(r[1]))
		if err != nil || len(r) < 2 {
			return nil, fmt.Errorf("%s: row %q: want file,count", path, strings.Join(r, ","))
		}
		out[filepath.ToSlash(strings.TrimPrefix(strings.TrimSpace(r[0]), "/"))] += n
	}
	return out, nil
}

// reportLines reads the distinct (file, line) pairs of a secret-scan
// report ({"findings": [{"file", "line"}]}) or a gitleaks report
// ([{"File", "StartLine"}]).
func reportLines(path string, gitleaks bool) (map[string]map[int]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]map[int]bool{}
	add := func(f string, l int) {
		if out[f] == nil {
			out[f] = map[int]bool{}
		}
		out[f][l] = true
	}
	if gitleaks {
		var rep []struct {
			File      string
			StartLine int
		}
		if err := json.Unmarshal(b, &rep); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, f := range rep {
			add(f.File, f.StartLine)
		}
		return out, nil
	}
	var rep struct {
		Findings []struct {
			File string
			Line int
		}
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, f := range rep.Findings {
		add(f.File, f.Line)
	}
	return out, nil
}
