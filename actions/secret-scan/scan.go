package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"sync"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/gitscan"
	"github.com/rose/actions/pkg/secretreport"
	"github.com/rose/actions/pkg/secrets"
)

type result struct {
	findings []secretreport.Finding
	stats    secretreport.Stats
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
	mu  sync.Mutex
	all []found
}

// contextLines is how many unchanged lines around added lines the detector sees, so that a
// rule anchored on a nearby keyword (an AWS secret key below its key ID, a Railway token below
// RAILWAY_TOKEN) still fires when only the value's line changed. Findings on those lines
// are dropped: they were not added here.
const contextLines = 2

func (c *collector) change(ch gitscan.Change) {
	var local []found
	for _, s := range ch.Spans {
		text, first := withContext(ch.Content, s, contextLines)
		last := s.Line + bytes.Count(ch.Text(s), []byte{'\n'})
		for _, f := range c.det.Scan(secrets.Fragment{Path: ch.Path, Text: text, StartLine: first}) {
			if f.Line < s.Line || f.Line > last {
				continue
			}
			local = append(local, found{order: ch.Order, commit: ch.Commit, f: f})
		}
	}
	if len(local) == 0 {
		return
	}
	c.mu.Lock()
	c.all = append(c.all, local...)
	c.mu.Unlock()
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
func execute(ctx context.Context, rt *action.Runtime, det *secrets.Detector, p plan, in inputs) (result, error) {
	if p.empty {
		rt.Infof("Nothing to scan: %s", p.desc)
		return result{}, nil
	}
	opts := gitscan.Options{MaxFileSize: in.maxFileSize, SkipPath: det.SkipPath}
	c := &collector{det: det}
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
	findings := dedupe(c.all, !p.files)
	if p.files && p.prefix != "" {
		// Files mode reports workspace-relative paths, like the annotations.
		for i := range findings {
			findings[i].File = path.Join(p.prefix, findings[i].File)
		}
	}
	res := result{findings: findings, stats: secretreport.Stats{
		Commits: st.Commits, Files: st.Files, Bytes: st.Bytes, Skipped: st.Skipped(),
	}}
	rt.Infof("Scanned %d commits, %d file versions, %d bytes of added text; skipped %d binary, %d too large, %d unreadable, %d by path rules",
		st.Commits, st.Files, st.Bytes, st.SkippedBinary, st.SkippedLarge, st.SkippedMissing, st.SkippedPath)
	return res, nil
}

// dedupe keeps, in git modes, one finding per secret and file: the one of the earliest commit
// (topological order), so that a secret moved or re-added later is reported once, where it
// was introduced. In files mode every occurrence is kept. Findings come out in commit order,
// then by file and line.
func dedupe(all []found, gitMode bool) []secretreport.Finding {
	slices.SortFunc(all, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.f.Path, b.f.Path),
			cmp.Compare(a.f.Line, b.f.Line), cmp.Compare(a.f.Column, b.f.Column), cmp.Compare(a.f.RuleID, b.f.RuleID))
	})
	seen := map[string]bool{}
	out := make([]secretreport.Finding, 0, len(all))
	for _, x := range all {
		key := x.f.Fingerprint + "\x00" + x.f.Path
		if !gitMode {
			key += fmt.Sprintf("\x00%d:%d", x.f.Line, x.f.Column)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		rf := secretreport.Finding{
			RuleID: x.f.RuleID, Description: x.f.Description, File: x.f.Path, Line: x.f.Line, Column: x.f.Column,
			Fingerprint: x.f.Fingerprint, Secret: x.f.Secret,
		}
		if x.commit != nil {
			rf.Commit, rf.Author, rf.Date = x.commit.Hash, x.commit.AuthorName, x.commit.Date
		}
		out = append(out, rf)
	}
	return out
}
