package gitlogtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
)

// BuildLarge writes a repository of n commits into dir with `git fast-import`
// (one pack file, as in a clone), in a second or two for 20,000 commits: a
// main line ("main", checked out) of Conventional Commits with a three-commit
// topic branch merged every 50 commits, files in five folders (api, web, cmd,
// pkg/core, docs), a release tag v1.N.0 about every 200 commits (annotated
// and lightweight in turn; none in the last 120 commits), and a "deep/v1.0.0"
// tag on the root commit, so that looking it up walks the whole history. It
// needs the git binary.
func BuildLarge(dir string, n int) error {
	run := func(stdin []byte, args ...string) error {
		cmd := exec.CommandContext(context.Background(), "git", args...) //nolint:gosec // the git binary with this helper's own arguments
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if stdin != nil {
			cmd.Stdin = bytes.NewReader(stdin)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %v: %w\n%s", args[0], err, out)
		}
		return nil
	}
	if err := run(nil, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	var s bytes.Buffer
	types := []string{"feat", "fix", "chore", "docs", "refactor", "perf", "test", "build(deps)", "ci", "fix"}
	dirs := []string{"api", "web", "cmd", "pkg/core", "docs"}
	when := int64(1600000000)
	mark := 0
	data := func(text string) { fmt.Fprintf(&s, "data %d\n%s\n", len(text), text) }
	commit := func(ref string, from, merge int, msg, file string) int {
		mark++
		when += 60
		fmt.Fprintf(&s, "commit %s\nmark :%d\n", ref, mark)
		fmt.Fprintf(&s, "author Dev <dev@example.com> %d +0000\ncommitter Dev <dev@example.com> %d +0000\n", when, when)
		data(msg)
		if from > 0 {
			fmt.Fprintf(&s, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(&s, "merge :%d\n", merge)
		}
		if file != "" {
			fmt.Fprintf(&s, "M 100644 inline %s\n", file)
			data(fmt.Sprintf("content %d\n", mark))
		}
		return mark
	}
	total := n
	head, nextTag, tagN := 0, 200, 0
	n = 0
	for n < total {
		i := n
		d := dirs[i%len(dirs)]
		msg := fmt.Sprintf("%s: change %d in %s\n\nBody of commit %d explaining the change.", types[i%len(types)], i, d, i)
		if i%50 == 49 && n+4 <= total {
			t := head
			for j := 0; j < 3; j++ {
				t = commit("refs/heads/topic", t, 0, fmt.Sprintf("feat(topic): step %d of %d", j, i), fmt.Sprintf("%s/topic%d.go", d, j))
			}
			head = commit("refs/heads/main", head, t, fmt.Sprintf("Merge pull request #%d from dev/topic", i), "")
			n += 4
		} else {
			head = commit("refs/heads/main", head, 0, msg, fmt.Sprintf("%s/file%d.go", d, i%7))
			n++
		}
		if n == 1 {
			fmt.Fprintf(&s, "reset refs/tags/deep/v1.0.0\nfrom :%d\n\n", head)
		}
		if n >= nextTag && n <= total-120 {
			tagN++
			nextTag += 200
			tag := fmt.Sprintf("v1.%d.0", tagN)
			if tagN%2 == 0 {
				fmt.Fprintf(&s, "tag %s\nfrom :%d\ntagger Dev <dev@example.com> %d +0000\n", tag, head, when)
				data("release " + tag)
			} else {
				fmt.Fprintf(&s, "reset refs/tags/%s\nfrom :%d\n\n", tag, head)
			}
		}
	}
	if err := run(s.Bytes(), "fast-import", "--quiet"); err != nil {
		return err
	}
	return run(nil, "symbolic-ref", "HEAD", "refs/heads/main")
}
