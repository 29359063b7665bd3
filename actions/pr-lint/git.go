package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/utils/diff"
	"github.com/go-git/go-git/v5/utils/merkletrie"
	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/rose/actions/pkg/prlint"
)

// maxMarkerScan bounds the size of a blob scanned for conflict markers; larger files are data, not code.
const maxMarkerScan = 8 << 20

// gitSource reads the pull request's content from the git objects of the workspace.
type gitSource struct {
	repo *git.Repository
}

// openGit opens the repository holding dir; it returns nil when there is none.
func openGit(dir string) *gitSource {
	r, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return nil
	}
	return &gitSource{repo: r}
}

// commit returns the commit named by a SHA or revision, or an error when its object is not present.
func (g *gitSource) commit(rev string) (*object.Commit, error) {
	h, err := g.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", rev, err)
	}
	c, err := g.repo.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", rev, err)
	}
	return c, nil
}

// headBranch returns the branch HEAD points at, or "" when detached.
func (g *gitSource) headBranch() string {
	ref, err := g.repo.Head()
	if err != nil || !ref.Name().IsBranch() {
		return ""
	}
	return ref.Name().Short()
}

// files lists the blob paths of a commit's tree.
func (g *gitSource) files(c *object.Commit) ([]string, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", c.Hash, err)
	}
	var out []string
	err = tree.Files().ForEach(func(f *object.File) error {
		out = append(out, f.Name)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list files of %s: %w", c.Hash, err)
	}
	return out, nil
}

// diffBase returns the commit the pull request's changes are measured from: the merge base of base and
// head, as GitHub's "files changed" does; the base itself when the merge base is beyond a shallow history.
func (g *gitSource) diffBase(base, head *object.Commit) (*object.Commit, bool) {
	bases, err := base.MergeBase(head)
	if err != nil || len(bases) == 0 {
		return base, false
	}
	return bases[0], true
}

// changes returns the files added or modified from base to head, with their sizes and LFS status, and the
// conflict-marker findings among the lines added.
func (g *gitSource) changes(ctx context.Context, base, head *object.Commit) ([]prlint.ChangedFile, []prlint.Finding, error) {
	bt, err := base.Tree()
	if err != nil {
		return nil, nil, fmt.Errorf("read tree of %s: %w", base.Hash, err)
	}
	ht, err := head.Tree()
	if err != nil {
		return nil, nil, fmt.Errorf("read tree of %s: %w", head.Hash, err)
	}
	chs, err := object.DiffTreeWithOptions(ctx, bt, ht, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("diff %s..%s: %w", base.Hash, head.Hash, err)
	}
	var files []prlint.ChangedFile
	var markers []prlint.Finding
	for _, ch := range chs {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		action, err := ch.Action()
		if err != nil {
			return nil, nil, err
		}
		if action == merkletrie.Delete || ch.To.TreeEntry.Mode == filemode.Submodule {
			continue
		}
		blob, err := g.repo.BlobObject(ch.To.TreeEntry.Hash)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", ch.To.Name, err)
		}
		f := prlint.ChangedFile{Path: ch.To.Name, Size: blob.Size}
		var content []byte
		if blob.Size <= maxMarkerScan {
			if content, err = readBlob(blob); err != nil {
				return nil, nil, fmt.Errorf("read %s: %w", ch.To.Name, err)
			}
			f.LFS = prlint.IsLFSPointer(content)
		}
		files = append(files, f)
		if content == nil || f.LFS || !hasMarker(content) {
			continue
		}
		var old []byte
		if action == merkletrie.Modify {
			ob, err := g.repo.BlobObject(ch.From.TreeEntry.Hash)
			if err != nil {
				return nil, nil, fmt.Errorf("read %s: %w", ch.From.Name, err)
			}
			if old, err = readBlob(ob); err != nil {
				return nil, nil, fmt.Errorf("read %s: %w", ch.From.Name, err)
			}
		}
		markers = append(markers, prlint.ConflictMarkers(ch.To.Name, addedLines(string(old), string(content)))...)
	}
	return files, markers, nil
}

func readBlob(b *object.Blob) ([]byte, error) {
	r, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// hasMarker is a fast test for a conflict marker at the start of any line.
func hasMarker(content []byte) bool {
	if bytes.IndexByte(content, 0) >= 0 { // binary
		return false
	}
	for _, m := range []string{"<<<<<<<", ">>>>>>>"} {
		if bytes.HasPrefix(content, []byte(m)) || bytes.Contains(content, []byte("\n"+m)) {
			return true
		}
	}
	return false
}

// addedLines returns the lines of new that a line diff from old adds, numbered in new.
func addedLines(old, new string) []prlint.AddedLine {
	var out []prlint.AddedLine
	line := 1
	for _, d := range diff.Do(old, new) {
		lines := strings.SplitAfter(d.Text, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			line += len(lines)
		case diffmatchpatch.DiffInsert:
			for _, l := range lines {
				out = append(out, prlint.AddedLine{Line: line, Text: strings.TrimSuffix(l, "\n")})
				line++
			}
		}
	}
	return out
}

// maxCommitWalk bounds the commits visited to find a pull request's own commits.
const maxCommitWalk = 10000

// nonMergeCommits returns the messages of the pull request's commits that have one parent, stopping at max:
// the commits reachable from head without passing through base, the merge base of the pull request (main's
// commits merged into the branch are behind the merge base too).
func (g *gitSource) nonMergeCommits(ctx context.Context, base, head *object.Commit, max int) ([]string, error) {
	var out []string
	seen := map[plumbing.Hash]bool{base.Hash: true}
	queue := []*object.Commit{head}
	for len(queue) > 0 && len(out) < max {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := queue[0]
		queue = queue[1:]
		if seen[c.Hash] {
			continue
		}
		seen[c.Hash] = true
		if len(seen) > maxCommitWalk {
			return nil, fmt.Errorf("more than %d commits between %s and %s", maxCommitWalk, base.Hash, head.Hash)
		}
		if c.NumParents() < 2 {
			out = append(out, c.Message)
		}
		err := c.Parents().ForEach(func(p *object.Commit) error {
			queue = append(queue, p)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read parents of %s: %w", c.Hash, err)
		}
	}
	return out, nil
}
