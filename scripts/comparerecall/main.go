// Command comparerecall measures the recall and false positives of the
// secret-scan action and of gitleaks on labelled git histories.
//
// For each seed it builds a git repository (with the git CLI) from
// secretstest.Corpus(seed): the planted fake credentials and the look-alike
// traps are committed across many commits, some on topic branches merged
// with merge commits, some deleted later, deleted and re-added, renamed, or
// added to a file that already existed. The labels (seed, rule, path,
// secret) are written to labels.json in the work folder. Both scanners then
// scan every history (secret-scan: mode history, redact false; gitleaks:
// `gitleaks git`) and the program prints, for each: the labelled secrets
// found (recall), the findings matching no label (false positives), the
// duplicate reports of labelled secrets, and the wall time.
//
// Run it through scripts/compare-recall.sh, which builds both scanners. The
// credentials are generated at run time and never written outside the work
// folder.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// label is one planted secret.
type label struct {
	Seed     uint64   `json:"seed"`
	Name     string   `json:"name"`
	Rule     string   `json:"rule"`
	Path     string   `json:"path"`
	Paths    []string `json:"paths"` // every path the file lived at
	Secret   string   `json:"secret"`
	Also     string   `json:"also,omitempty"`
	Scenario string   `json:"scenario"`
	Variant  string   `json:"variant,omitempty"` // CRLF line endings, an unusual path
}

// finding is one reported secret, from either tool.
type finding struct {
	Rule, File, Secret, Commit string
	Line                       int
}

func main() {
	work := flag.String("work", "", "work folder (repositories, labels, reports)")
	ours := flag.String("ours", "", "secret-scan binary")
	gitleaks := flag.String("gitleaks", "", "gitleaks binary")
	seedList := flag.String("seeds", "101,202,303,404,505", "comma-separated corpus seeds")
	verbose := flag.Bool("v", false, "list misses and false positives (rule, file; never the secret)")
	flag.Parse()
	if *work == "" || *ours == "" || *gitleaks == "" {
		fmt.Fprintln(os.Stderr, "usage: comparerecall -work DIR -ours BIN -gitleaks BIN [-seeds 1,2,3] [-v]")
		os.Exit(2)
	}
	if err := run(*work, *ours, *gitleaks, *seedList, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "comparerecall:", err)
		os.Exit(1)
	}
}

func run(work, ours, gitleaks, seedList string, verbose bool) error {
	var seeds []uint64
	for _, s := range strings.Split(seedList, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return fmt.Errorf("bad seed %q: %w", s, err)
		}
		seeds = append(seeds, n)
	}
	var labels []label
	var repos []string
	var commits, trapFiles int
	for _, seed := range seeds {
		dir := filepath.Join(work, fmt.Sprintf("repo-%d", seed))
		ls, n, traps, err := buildHistory(dir, seed)
		if err != nil {
			return fmt.Errorf("seed %d: %w", seed, err)
		}
		labels = append(labels, ls...)
		repos = append(repos, dir)
		commits += n
		trapFiles += traps
	}
	lb, err := json.MarshalIndent(labels, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(work, "labels.json"), lb, 0o600); err != nil {
		return err
	}
	fmt.Printf("%d histories (seeds %s): %d commits, %d planted secrets, %d trap files; labels in %s\n",
		len(repos), seedList, commits, len(labels), trapFiles, filepath.Join(work, "labels.json"))

	tools := []struct {
		name string
		scan func(repo, report string) ([]finding, error)
	}{
		{"secret-scan", func(repo, report string) ([]finding, error) { return scanOurs(ours, repo, report) }},
		{"gitleaks", func(repo, report string) ([]finding, error) { return scanGitleaks(gitleaks, repo, report) }},
	}
	fmt.Printf("\n%-12s %8s %14s %8s %6s %11s %10s\n", "tool", "recall", "found/planted", "located", "FP", "duplicates", "time")
	for _, tool := range tools {
		var per [][]finding
		var elapsed time.Duration
		for i, repo := range repos {
			start := time.Now()
			fs, err := tool.scan(repo, filepath.Join(work, fmt.Sprintf("%s-%d.json", tool.name, seeds[i])))
			elapsed += time.Since(start)
			if err != nil {
				return fmt.Errorf("%s on %s: %w", tool.name, repo, err)
			}
			per = append(per, fs)
		}
		var found, located, fp, dup int
		var misses, fps []string
		byScenario := map[string][2]int{} // found, planted
		for i, seed := range seeds {
			var ls []*label
			for j := range labels {
				if labels[j].Seed == seed {
					ls = append(ls, &labels[j])
				}
			}
			hits := map[*label]int{}
			at := map[*label]bool{}
			for _, f := range per[i] {
				l := matchLabel(f, ls)
				switch {
				case l != nil:
					hits[l]++
					if !at[l] && locatedAt(repos[i], f, l) {
						at[l] = true
						located++
					}
				case alsoFile(f, ls):
					// the AWS key ID planted next to its secret key
				default:
					fp++
					fps = append(fps, fmt.Sprintf("seed %d: %s in %s", seed, f.Rule, f.File))
				}
			}
			for _, l := range ls {
				n := byScenario[l.Scenario]
				n[1]++
				if hits[l] > 0 {
					n[0]++
				}
				byScenario[l.Scenario] = n
				if l.Variant != "" {
					n := byScenario[l.Variant]
					n[1]++
					if hits[l] > 0 {
						n[0]++
					}
					byScenario[l.Variant] = n
				}
				if hits[l] > 0 {
					found++
					dup += hits[l] - 1
				} else {
					misses = append(misses, fmt.Sprintf("seed %d: %s (%s, %s) in %s", seed, l.Rule, l.Name, l.Scenario, l.Path))
				}
			}
		}
		fmt.Printf("%-12s %8.4f %14s %8d %6d %11d %9.2fs\n", tool.name, float64(found)/float64(len(labels)),
			fmt.Sprintf("%d/%d", found, len(labels)), located, fp, dup, elapsed.Seconds())
		var names []string
		for k := range byScenario {
			names = append(names, k)
		}
		sort.Strings(names)
		var parts []string
		for _, k := range names {
			parts = append(parts, fmt.Sprintf("%s %d/%d", k, byScenario[k][0], byScenario[k][1]))
		}
		fmt.Printf("  by scenario: %s\n", strings.Join(parts, "; "))
		if verbose {
			sort.Strings(misses)
			sort.Strings(fps)
			for _, m := range misses {
				fmt.Println("  missed:", m)
			}
			for _, m := range fps {
				fmt.Println("  false positive:", m)
			}
		}
	}
	fmt.Println("\nrecall: planted secrets reported at least once; FP: findings matching no planted secret;")
	fmt.Println("located: found in the file that introduced it, at a line of that commit's version holding it;")
	fmt.Println("duplicates: extra reports of a planted secret (re-added, other rule, other commit).")
	return nil
}

// matchLabel returns the planted secret f reports, or nil. A finding matches
// when its secret is the planted one, contains it, or (private keys) holds
// its first 40 characters.
func matchLabel(f finding, ls []*label) *label {
	for _, l := range ls {
		s := l.Secret
		switch {
		case f.Secret == s, strings.Contains(f.Secret, s):
			return l
		case l.Rule == "private-key" && len(s) > 40 && strings.Contains(f.Secret, s[:40]):
			return l
		case len(f.Secret) >= 20 && strings.Contains(s, f.Secret):
			return l
		}
	}
	return nil
}

// locatedAt reports whether f names the file where l was introduced and a
// line of f's commit's version of it that holds (the start of) the secret.
func locatedAt(repo string, f finding, l *label) bool {
	if f.File != l.Paths[0] || f.Line < 1 || f.Commit == "" {
		return false
	}
	out, err := exec.Command("git", "-C", repo, "show", f.Commit+":"+f.File).Output()
	if err != nil {
		return false
	}
	lines := strings.Split(string(out), "\n")
	first, _, _ := strings.Cut(l.Secret, "\n")
	if len(first) > 40 {
		first = first[:40]
	}
	return f.Line <= len(lines) && strings.Contains(lines[f.Line-1], first)
}

// alsoFile reports whether f is in the file of a planted secret that has a
// second planted credential next to it (Case.Also).
func alsoFile(f finding, ls []*label) bool {
	for _, l := range ls {
		if l.Also == "" {
			continue
		}
		for _, p := range l.Paths {
			if p == f.File {
				return true
			}
		}
	}
	return false
}

func scanOurs(bin, repo, report string) ([]finding, error) {
	// The action keeps its path inputs inside the workspace (here the
	// repository): the report goes to the repository's .git folder, which
	// a history scan does not read.
	report = filepath.Join(repo, ".git", filepath.Base(report))
	cmd := exec.Command(bin)
	cmd.Env = append(cleanEnv(), "INPUT_MODE=history", "INPUT_PATH="+repo, "INPUT_REPORT="+report,
		"INPUT_REDACT=false", "INPUT_FAIL-ON-FINDINGS=false", "INPUT_CONFIG=")
	// The action reads and writes only inside its workspace (locally, the current folder): the
	// repository, which holds the report in its .git folder.
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%w: %s", err, lastLines(out))
	}
	var rep struct {
		Findings []struct {
			Rule, Commit, File, Match string
			Line                      int
		} `json:"findings"`
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, err
	}
	var fs []finding
	for _, f := range rep.Findings {
		fs = append(fs, finding{Rule: f.Rule, File: f.File, Secret: f.Match, Commit: f.Commit, Line: f.Line})
	}
	return fs, nil
}

func scanGitleaks(bin, repo, report string) ([]finding, error) {
	cmd := exec.Command(bin, "git", "--no-banner", "--exit-code", "0", "--log-level", "error",
		"--report-format", "json", "--report-path", report, repo)
	cmd.Env = cleanEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%w: %s", err, lastLines(out))
	}
	var rep []struct {
		RuleID, File, Secret, Commit string
		StartLine                    int
	}
	b, err := os.ReadFile(report)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, err
	}
	var fs []finding
	for _, f := range rep {
		fs = append(fs, finding{Rule: f.RuleID, File: filepath.ToSlash(f.File), Secret: f.Secret, Commit: f.Commit, Line: f.StartLine})
	}
	return fs, nil
}

// cleanEnv is the environment without GitHub Actions variables, so that the
// action runs as it does locally.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GITHUB_") || strings.HasPrefix(kv, "INPUT_") || strings.HasPrefix(kv, "RUNNER_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func lastLines(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, " | ")
}

// Scenarios of a planted secret's history.
const (
	plain       = "added"
	deleted     = "added then deleted"
	readded     = "added, deleted, re-added"
	renamed     = "added then renamed"
	grown       = "added to an existing file"
	onBranch    = "added on a merged branch"
	trapDeleted = "trap deleted" // a trap committed, then deleted
	unmerged    = "on an unmerged branch"
	tagOnly     = "on a commit only a tag reaches"
	evilMerge   = "added by a merge commit"
	octopus     = "on a branch of an octopus merge"
	stashed     = "in a stash only"
	typeChange  = "in a file replacing a folder"
)

// item is one file of the corpus in the history being built.
type item struct {
	c        secretstest.Case
	path     string
	scenario string
	lbl      *label
}

func (it *item) setScenario(s string) {
	it.scenario = s
	if it.lbl != nil {
		it.lbl.Scenario = s
	}
}

// repo drives the git CLI in one folder with a fixed author and clock.
type repo struct {
	dir   string
	clock time.Time
	n     int // commits made
}

func (r *repo) git(args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	date := r.clock.Format(time.RFC3339)
	cmd.Env = append(cleanEnv(), "GIT_AUTHOR_NAME=Ann", "GIT_AUTHOR_EMAIL=ann@example.com",
		"GIT_COMMITTER_NAME=Ann", "GIT_COMMITTER_EMAIL=ann@example.com",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("git %s: %w: %s", args[0], err, lastLines(out.Bytes()))
	}
	return nil
}

func (r *repo) write(path, text string) error {
	p := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o600)
}

func (r *repo) commit(msg string) error {
	r.clock = r.clock.Add(time.Hour)
	if r.n%9 == 4 {
		// Some commits are dated before their parents (clock skew, rebases).
		r.clock = r.clock.Add(-30 * time.Hour)
	}
	r.n++
	if err := r.git("add", "-A", "."); err != nil {
		return err
	}
	return r.git("commit", "-q", "--allow-empty", "-m", msg)
}

// buildHistory writes the history of one seed into dir and returns its
// labels, its number of commits and its number of trap files.
func buildHistory(dir string, seed uint64) ([]label, int, int, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, 0, 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, 0, err
	}
	r := &repo{dir: dir, clock: time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)}
	if err := r.git("init", "-q", "-b", "main"); err != nil {
		return nil, 0, 0, err
	}
	if err := r.write("README.md", "# service\n"); err != nil {
		return nil, 0, 0, err
	}
	if err := r.commit("chore: start"); err != nil {
		return nil, 0, 0, err
	}

	pos, traps := secretstest.Corpus(seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	used := map[string]bool{"README.md": true}
	var items []*item
	var labels []label
	uniq := func(p string) string {
		for i := 2; used[p]; i++ {
			p = fmt.Sprintf("alt%d/%s", i, strings.TrimPrefix(p, fmt.Sprintf("alt%d/", i-1)))
		}
		used[p] = true
		return p
	}
	scen := []string{plain, deleted, readded, renamed, grown, onBranch}
	for i, c := range pos {
		variant := ""
		switch {
		case i%7 == 3 && c.Rule != "private-key":
			variant = "CRLF"
			c.Text = strings.ReplaceAll(c.Text, "\n", "\r\n")
		case i%11 == 5:
			variant = "path with spaces and accents"
			c.Path = "Dossier partagé/" + c.Path
		}
		it := &item{c: c, path: uniq(c.Path), scenario: scen[i%len(scen)]}
		if it.scenario == grown && (c.Rule == "private-key" || strings.Count(c.Text, "\n") < 2) {
			it.scenario = plain
		}
		labels = append(labels, label{Seed: seed, Name: c.Name, Rule: c.Rule, Path: it.path,
			Paths: []string{it.path}, Secret: c.Secret, Also: c.Also, Scenario: it.scenario, Variant: variant})
		items = append(items, it)
	}
	for i := range items {
		items[i].lbl = &labels[i]
	}
	for i, c := range traps {
		s := []string{plain, onBranch, trapDeleted, grown}[i%4]
		if s == grown && strings.Count(c.Text, "\n") < 2 {
			s = plain
		}
		items = append(items, &item{c: c, path: uniq(c.Path), scenario: s})
	}
	rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })

	// Follow-up steps, each due after some more commits.
	type step struct {
		due int
		do  func() error
	}
	var pending []step
	later := func(after int, do func() error) { pending = append(pending, step{r.n + after, do}) }
	flush := func(force bool) error {
		var keep []step
		var doing []step
		for _, s := range pending {
			if force || s.due <= r.n {
				doing = append(doing, s)
			} else {
				keep = append(keep, s)
			}
		}
		pending = keep
		if len(doing) == 0 {
			return nil
		}
		for _, s := range doing {
			if err := s.do(); err != nil {
				return err
			}
		}
		return r.commit(fmt.Sprintf("chore: follow-up %d", r.n))
	}

	var main, branch []*item
	for _, it := range items {
		if it.scenario == onBranch {
			branch = append(branch, it)
		} else {
			main = append(main, it)
		}
	}
	add := func(it *item) error {
		switch it.scenario {
		case grown:
			// The file exists first without the secret's line; a later commit adds it.
			lines := strings.SplitAfter(it.c.Text, "\n")
			k := it.c.Line() - 1
			if it.c.Secret == "" {
				// A trap: its longest line, usually the look-alike value, comes later.
				for j, ln := range lines {
					if len(ln) > len(lines[max(k, 0)]) {
						k = j
					}
				}
				k = max(k, 0)
			}
			without := strings.Join(append(append([]string{}, lines[:k]...), lines[k+1:]...), "")
			if err := r.write(it.path, without); err != nil {
				return err
			}
			later(1+rng.IntN(4), func() error { return r.write(it.path, it.c.Text) })
			return nil
		case deleted, trapDeleted:
			later(1+rng.IntN(6), func() error { return os.Remove(filepath.Join(r.dir, filepath.FromSlash(it.path))) })
		case readded:
			later(1+rng.IntN(3), func() error {
				if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(it.path))); err != nil {
					return err
				}
				later(1+rng.IntN(3), func() error { return r.write(it.path, it.c.Text) })
				return nil
			})
		case renamed:
			to := uniq("moved/" + it.path)
			it.lbl.Paths = append(it.lbl.Paths, to)
			later(1+rng.IntN(5), func() error {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(r.dir, filepath.FromSlash(to))), 0o755); err != nil {
					return err
				}
				return os.Rename(filepath.Join(r.dir, filepath.FromSlash(it.path)), filepath.Join(r.dir, filepath.FromSlash(to)))
			})
		}
		return r.write(it.path, it.c.Text)
	}

	// Main line: one to four files a commit; a merged topic branch every few commits.
	topic := 0
	for len(main) > 0 || len(branch) > 0 {
		if len(main) > 0 {
			k := min(1+rng.IntN(4), len(main))
			for _, it := range main[:k] {
				if err := add(it); err != nil {
					return nil, 0, 0, err
				}
			}
			main = main[k:]
			if err := r.commit(fmt.Sprintf("feat: change %d", r.n)); err != nil {
				return nil, 0, 0, err
			}
			if err := flush(false); err != nil {
				return nil, 0, 0, err
			}
		}
		if len(branch) > 0 && (rng.IntN(3) == 0 || len(main) == 0) {
			topic++
			name := fmt.Sprintf("topic-%d", topic)
			if err := r.git("checkout", "-q", "-b", name); err != nil {
				return nil, 0, 0, err
			}
			// The first file of every fourth topic is added by the merge commit
			// itself (an "evil merge"), not by a commit of the branch.
			var inMerge *item
			if topic%4 == 3 {
				inMerge, branch = branch[0], branch[1:]
				inMerge.setScenario(evilMerge)
			}
			for c := 0; c < 1+rng.IntN(2) && len(branch) > 0; c++ {
				k := min(1+rng.IntN(3), len(branch))
				for _, it := range branch[:k] {
					switch topic % 4 {
					case 1:
						it.setScenario(unmerged)
					case 2:
						it.setScenario(tagOnly)
					}
					if err := r.write(it.path, it.c.Text); err != nil {
						return nil, 0, 0, err
					}
				}
				branch = branch[k:]
				if err := r.commit(fmt.Sprintf("feat: topic %d", r.n)); err != nil {
					return nil, 0, 0, err
				}
			}
			if topic%4 == 2 {
				if err := r.git("tag", "v0."+strconv.Itoa(topic)); err != nil {
					return nil, 0, 0, err
				}
			}
			if err := r.git("checkout", "-q", "main"); err != nil {
				return nil, 0, 0, err
			}
			// Main moves on meanwhile, so that a merge is a real one.
			if err := r.write("README.md", fmt.Sprintf("# service\n\nrelease %d\n", r.n)); err != nil {
				return nil, 0, 0, err
			}
			if err := r.commit(fmt.Sprintf("docs: release %d", r.n)); err != nil {
				return nil, 0, 0, err
			}
			switch topic % 4 {
			case 1: // left unmerged: reachable from its branch only
			case 2: // reachable from a tag only
				if err := r.git("branch", "-q", "-D", name); err != nil {
					return nil, 0, 0, err
				}
			default:
				r.clock = r.clock.Add(time.Hour)
				r.n++
				if err := r.git("merge", "-q", "--no-ff", "--no-commit", name); err != nil {
					return nil, 0, 0, err
				}
				if inMerge != nil {
					if err := r.write(inMerge.path, inMerge.c.Text); err != nil {
						return nil, 0, 0, err
					}
					if err := r.git("add", "-A", "."); err != nil {
						return nil, 0, 0, err
					}
				}
				if err := r.git("commit", "-q", "-m", "Merge "+name); err != nil {
					return nil, 0, 0, err
				}
			}
		}
	}
	for len(pending) > 0 {
		if err := flush(true); err != nil {
			return nil, 0, 0, err
		}
	}
	extra, err := extraHistory(r, seed, used)
	if err != nil {
		return nil, 0, 0, err
	}
	labels = append(labels, extra...)
	return labels, r.n, len(traps), nil
}

// extraHistory adds rarer shapes to the history, with planted secrets of
// another seed's corpus (tokens with a single-line secret): three branches
// joined by one octopus merge, a file replacing a folder, and a change kept
// only in a stash.
func extraHistory(r *repo, seed uint64, used map[string]bool) ([]label, error) {
	pos, _ := secretstest.Corpus(seed + 1_000_000)
	var pick []secretstest.Case
	for _, c := range pos {
		if c.Also == "" && c.Rule != "private-key" && !strings.Contains(c.Secret, "\n") && strings.HasPrefix(c.Rule, "github-") {
			pick = append(pick, c)
		}
	}
	if len(pick) < 5 {
		return nil, fmt.Errorf("only %d extra cases", len(pick))
	}
	var labels []label
	plant := func(c secretstest.Case, path, scenario string) error {
		labels = append(labels, label{Seed: seed, Name: c.Name, Rule: c.Rule, Path: path, Paths: []string{path},
			Secret: c.Secret, Scenario: scenario})
		used[path] = true
		return r.write(path, c.Text)
	}
	for i := 0; i < 3; i++ {
		if err := r.git("checkout", "-q", "-b", fmt.Sprintf("octo-%d", i), "main"); err != nil {
			return nil, err
		}
		if err := plant(pick[i], fmt.Sprintf("octo%d/%s", i, pick[i].Path), octopus); err != nil {
			return nil, err
		}
		if err := r.commit(fmt.Sprintf("feat: octopus part %d", i)); err != nil {
			return nil, err
		}
	}
	if err := r.git("checkout", "-q", "main"); err != nil {
		return nil, err
	}
	r.clock = r.clock.Add(time.Hour)
	r.n++
	if err := r.git("merge", "-q", "--no-ff", "-m", "Merge octopus", "octo-0", "octo-1", "octo-2"); err != nil {
		return nil, err
	}
	// A folder replaced by a file of the same name.
	if err := r.write("settings/keep.txt", "kept\n"); err != nil {
		return nil, err
	}
	if err := r.commit("chore: settings folder"); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(filepath.Join(r.dir, "settings")); err != nil {
		return nil, err
	}
	if err := plant(pick[3], "settings", typeChange); err != nil {
		return nil, err
	}
	if err := r.commit("chore: settings file"); err != nil {
		return nil, err
	}
	// Staged, then stashed: reachable from refs/stash only.
	if err := plant(pick[4], "wip/"+pick[4].Path, stashed); err != nil {
		return nil, err
	}
	if err := r.git("add", "-A", "."); err != nil {
		return nil, err
	}
	r.n++
	if err := r.git("stash", "-q"); err != nil {
		return nil, err
	}
	return labels, nil
}
