package gitlog_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/rose/actions/pkg/gitlog"
)

func Example() {
	dir, err := os.MkdirTemp("", "gitlog-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	// A repository with a release and two commits since.
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	commit := func(msg string) {
		when = when.Add(time.Hour)
		sig := &object.Signature{Name: "Dev", Email: "dev@example.com", When: when}
		h, err := wt.Commit(msg, &git.CommitOptions{AllowEmptyCommits: true, Author: sig, Committer: sig})
		if err != nil {
			panic(err)
		}
		if msg == "feat: first" {
			_, _ = repo.CreateTag("v1.0.0", h, &git.CreateTagOptions{Tagger: sig, Message: "Release v1.0.0"})
		}
	}
	commit("feat: first")
	commit("fix: second")
	commit("feat(api): third")

	r, err := gitlog.Open(dir)
	if err != nil {
		panic(err)
	}
	defer r.Close()
	ctx := context.Background()
	last, err := r.LastRelease(ctx, "HEAD", gitlog.TagOptions{Prefix: "v"})
	if err != nil {
		panic(err)
	}
	commits, err := r.Log(ctx, gitlog.LogOptions{From: last.Name})
	if err != nil {
		panic(err)
	}
	fmt.Println("last release:", last.Name, "annotated:", last.Annotated)
	for _, c := range commits {
		fmt.Println(strings.TrimSpace(c.Message))
	}
	// Output:
	// last release: v1.0.0 annotated: true
	// feat(api): third
	// fix: second
}
