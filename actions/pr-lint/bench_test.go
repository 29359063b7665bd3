package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rose/actions/internal/gittest"
)

// BenchmarkGitChanges measures the git side of the content checks on a pull request that adds 2000 files
// (one with conflict markers) and changes 200: sizes, LFS detection and marker scanning.
func BenchmarkGitChanges(b *testing.B) {
	g := gittest.New(b, "")
	dir := g.Dir
	run := g.Git
	for i := 0; i < 200; i++ {
		g.Write(fmt.Sprintf("src/m%03d.py", i), strings.Repeat("x = 1\n", 200))
	}
	run("add", ".")
	run("commit", "-q", "-m", "base")
	base := run("rev-parse", "HEAD")
	for i := 0; i < 200; i++ {
		g.Write(fmt.Sprintf("src/m%03d.py", i), strings.Repeat("x = 1\n", 100)+"y = 2\n"+strings.Repeat("x = 1\n", 100))
	}
	for i := 0; i < 2000; i++ {
		g.Write(fmt.Sprintf("gen/f%04d.txt", i), strings.Repeat("data ", 400))
	}
	g.Write("gen/conflict.txt", "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n")
	run("add", ".")
	run("commit", "-q", "-m", "head")
	head := run("rev-parse", "HEAD")
	gs := openGit(dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hc, err := gs.commit(head)
		if err != nil {
			b.Fatal(err)
		}
		bc, err := gs.commit(base)
		if err != nil {
			b.Fatal(err)
		}
		from, _ := gs.diffBase(bc, hc)
		files, markers, err := gs.changes(context.Background(), from, hc)
		if err != nil || len(files) != 2201 || len(markers) != 3 {
			b.Fatalf("files %d markers %d err %v", len(files), len(markers), err)
		}
	}
}
