package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/gitscan"
	"github.com/rose/actions/pkg/secretreport"
	"github.com/rose/actions/pkg/secrets"
)

type result struct {
	findings  []secretreport.Finding // new: the scan fails on them
	baselined []secretreport.Finding // listed in the baseline
	stats     secretreport.Stats
}

// found is one finding with the position of its commit in topological order.
type found struct {
	order  int
	commit *gitscan.Commit
	f      secrets.Finding
}

// collector gathers findings from concurrent scans.
type collector struct {
	det *secrets.Detector
	// own are the paths, relative to what is scanned, of this action's reports and baseline:
	// teams commit them, and their content is never a finding.
	own map[string]bool
	mu  sync.Mutex
	all []found
	// reports counts file versions left out because they are secret-scan reports.
	reports int
	// generated counts generated file versions (secrets.GeneratedFile), read for token formats only.
	generated atomic.Int64
}

// contextLines is how many unchanged lines around added lines the detector sees, so that a
// rule anchored on a nearby keyword (an AWS secret key below its key ID, a Railway token below
// RAILWAY_TOKEN) still fires when only the value's line changed. Findings on those lines
// are dropped: they were not added here.
const contextLines = 2

func (c *collector) change(ch gitscan.Change) {
	if c.own[ch.Path] {
		return
	}
	tokensOnly := secrets.GeneratedFile(ch.Path, ch.Content)
	if tokensOnly {
		c.generated.Add(1)
		if secrets.CompressedData(ch.Path, ch.Content) {
			return
		}
	}
	var local []found
	for _, s := range ch.Spans {
		text, first := withContext(ch.Content, s, contextLines)
		last := s.Line + bytes.Count(ch.Text(s), []byte{'\n'})
		for _, f := range c.det.ScanAll(secrets.Fragment{Path: ch.Path, Text: text, StartLine: first, TokensOnly: tokensOnly}) {
			if f.Line < s.Line || f.Line > last {
				continue
			}
			local = append(local, found{order: ch.Order, commit: ch.Commit, f: f})
		}
	}
	if len(local) == 0 {
		return
	}
	// A report of this action under another name (an old baseline, a copy): its fingerprints and
	// redacted matches are not secrets. Parsed only when something was found in it.
	if secretreport.IsReport(ch.Content) {
		c.mu.Lock()
		c.reports++
		c.mu.Unlock()
		return
	}
	c.mu.Lock()
	c.all = append(c.all, local...)
	c.mu.Unlock()
}

// ownPaths returns the paths of the report, SARIF and baseline inputs (resolved inside the
// workspace, like dir) relative to dir (the folder or repository scanned), slash-separated, for
// those inside it.
func ownPaths(dir string, in inputs) map[string]bool {
	own := map[string]bool{}
	for _, name := range []string{in.reportPath, in.sarifPath, in.baselinePath} {
		if name == "" {
			continue
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			continue
		}
		own[filepath.ToSlash(rel)] = true
	}
	return own
}

// withContext widens a span of content by up to n lines on each side, returning the text and
// the line number of its first line.
func withContext(content []byte, s gitscan.Span, n int) ([]byte, int) {
	start, line := s.Start, s.Line
	for i := 0; i < n && start > 0; i++ {
		j := bytes.LastIndexByte(content[:start-1], '\n')
		start = j + 1
		line--
	}
	end := s.End
	for i := 0; i < n && end < len(content); i++ {
		j := bytes.IndexByte(content[end+1:], '\n')
		if j < 0 {
			end = len(content)
			break
		}
		end += 1 + j
	}
	return content[start:end], line
}

// execute runs the plan.
func execute(ctx context.Context, rt *action.Runtime, det *secrets.Detector, base *secretreport.Baseline, p plan, in inputs) (result, error) {
	if p.empty {
		rt.Infof("Nothing to scan: %s", p.desc)
		return result{}, nil
	}
	opts := gitscan.Options{MaxFileSize: in.maxFileSize, SkipPath: det.SkipPath}
	c := &collector{det: det, own: ownPaths(p.dir, in)}
	var st gitscan.Stats
	var err error
	if p.files {
		if fi, err := os.Stat(p.dir); err != nil || !fi.IsDir() {
			return result{}, action.Usagef(`input "path" has value %q: no such folder in the workspace`, in.path)
		}
		rt.Infof("Scanning %s", p.desc)
		st, err = gitscan.ScanFiles(ctx, p.dir, opts, c.change)
		if err != nil {
			return result{}, err
		}
	} else {
		repo, oerr := gitscan.Open(p.dir)
		if errors.Is(oerr, gitscan.ErrNotRepository) {
			return result{}, action.Usagef(`input "path" has value %q: not a git repository (mode %s scans git commits; check out with actions/checkout and fetch-depth: 0, or use mode files)`, in.path, in.mode)
		}
		if oerr != nil {
			return result{}, oerr
		}
		defer repo.Close()
		if limitMemory != nil {
			limitMemory(repo.PackBytes())
		}
		rt.Infof("Scanning %s", p.desc)
		st, err = repo.Scan(ctx, p.sel, opts, c.change)
		if err != nil {
			return result{}, fmt.Errorf("scan %s: %w", p.desc, err)
		}
		if st.SkippedMissing > 0 {
			rt.Warningf("%s of the history are not in this clone (a partial clone, or a blob filter): they were not scanned. Check out without a filter for a complete scan.", plural(st.SkippedMissing, "file version"))
		}
		if st.ShallowCommits > 0 {
			rt.Warningf("The clone is shallow: %s had no parent here, so all their content was scanned as added. Check out with fetch-depth: 0 for exact results.", plural(st.ShallowCommits, "commit"))
		}
	}
	if n := int(c.generated.Load()); n > 0 {
		rt.Infof("Read %s of generated files (documentation sites, bundles, source maps, generated code) for token formats only: their text is copied from sources scanned where they are written", plural(n, "file version"))
	}
	if c.reports > 0 {
		rt.Infof("Left out %s holding a secret-scan report (its fingerprints and redacted matches are not secrets)", plural(c.reports, "file version"))
	}
	findings, suppressed := dedupe(c.all, !p.files)
	res := result{stats: secretreport.Stats{
		Commits: st.Commits, Files: st.Files, Bytes: st.Bytes, Skipped: st.Skipped(),
		Ignored: suppressed[secrets.IgnoredFingerprint], AllowedInline: suppressed[secrets.AllowedInline],
	}}
	for _, f := range findings {
		// Files mode reports workspace-relative paths, like the annotations; git modes report
		// paths relative to the repository. A baseline written in either mode matches in both.
		rel, inWorkspace := f.File, path.Join(p.prefix, f.File)
		if p.files {
			f.File = inWorkspace
		}
		if base.Match(f.Fingerprint, rel) || base.Match(f.Fingerprint, inWorkspace) {
			res.baselined = append(res.baselined, f)
		} else {
			res.findings = append(res.findings, f)
		}
	}
	res.stats.Baselined = len(res.baselined)
	rt.Infof("Scanned %d commits, %d file versions, %d bytes of added text; skipped %d binary, %d too large, %d unreadable, %d by path rules",
		st.Commits, st.Files, st.Bytes, st.SkippedBinary, st.SkippedLarge, st.SkippedMissing, st.SkippedPath)
	return res, nil
}

// dedupe keeps, in git modes, the findings of a secret in a file from the earliest commit
// (topological order) that added it there, so that a secret moved or re-added later is
// reported once, where it was introduced; a secret that commit wrote on several lines of the
// file (a Docker config listing two registries with the same auth) is reported on each of
// them, as every line has to be cleaned, except in test paths, where fixtures repeat one test
// token on many lines and a reviewer dismisses it once. In files mode every occurrence is kept. Findings come
// out in commit order, then by file and line. Suppressed findings (allowed inline, ignored by fingerprint) are
// counted by reason, once per secret and file, and only when the same secret in the same file
// is not also reported: a secret allowed on one line and added again without the marker is
// reported.
func dedupe(all []found, gitMode bool) ([]secretreport.Finding, map[secrets.Suppression]int) {
	slices.SortFunc(all, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.f.Path, b.f.Path),
			cmp.Compare(a.f.Line, b.f.Line), cmp.Compare(a.f.Column, b.f.Column), cmp.Compare(a.f.RuleID, b.f.RuleID))
	})
	keyOf := func(f secrets.Finding) string {
		key := f.Fingerprint + "\x00" + f.Path
		if !gitMode {
			key += fmt.Sprintf("\x00%d:%d", f.Line, f.Column)
		}
		return key
	}
	seen := map[string]bool{}
	first := map[string]int{}  // key -> order of the commit that introduced it
	lines := map[string]bool{} // key and line already reported
	out := make([]secretreport.Finding, 0, len(all))
	for _, x := range all {
		if x.f.Suppressed != "" {
			continue
		}
		key := keyOf(x.f)
		if seen[key] && (first[key] != x.order || x.f.InTestPath) {
			continue
		}
		at := fmt.Sprintf("%s\x00%d", key, x.f.Line)
		if lines[at] {
			continue
		}
		lines[at] = true
		seen[key], first[key] = true, x.order
		rf := secretreport.Finding{
			RuleID: x.f.RuleID, Description: x.f.Description, File: x.f.Path, Line: x.f.Line, Column: x.f.Column,
			Fingerprint: x.f.Fingerprint, Secret: x.f.Secret, InTestPath: x.f.InTestPath,
		}
		if x.commit != nil {
			rf.Commit, rf.Author, rf.Date = x.commit.Hash, x.commit.AuthorName, x.commit.Date
		}
		out = append(out, rf)
	}
	suppressed := map[secrets.Suppression]int{}
	for _, x := range all {
		if x.f.Suppressed == "" {
			continue
		}
		if key := keyOf(x.f); !seen[key] {
			seen[key] = true
			suppressed[x.f.Suppressed]++
		}
	}
	return out, suppressed
}
