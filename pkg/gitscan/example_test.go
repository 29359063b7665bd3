package gitscan_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/rose/actions/pkg/gitscan"
)

// Scan yields, for each commit, the runs of lines it added. Here a repository with one commit
// adding a file of two lines.
func ExampleRepo_Scan() {
	dir, _ := os.MkdirTemp("", "gitscan-example")
	defer os.RemoveAll(dir)
	_ = os.WriteFile(filepath.Join(dir, "config.env"), []byte("USER=ann\nREGION=eu\n"), 0o644)
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=Ann", "-c", "user.email=a@example.com", "commit", "-q", "-m", "add config"}} {
		if err := exec.Command("git", append([]string{"-C", dir}, args...)...).Run(); err != nil {
			fmt.Println("git is needed for this example")
			return
		}
	}
	repo, err := gitscan.Open(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer repo.Close()
	stats, err := repo.Scan(context.Background(), gitscan.Selection{All: true}, gitscan.Options{MaxFileSize: 5 << 20},
		func(c gitscan.Change) {
			for _, s := range c.Spans {
				fmt.Printf("%s %s:%d %q\n", c.Commit.Summary, c.Path, s.Line, c.Text(s))
			}
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(stats.Commits, "commit,", stats.Files, "file")
	// Output:
	// add config config.env:1 "USER=ann\nREGION=eu"
	// 1 commit, 1 file
}

// AddedSpans compares a file's new content with its old one.
func ExampleAddedSpans() {
	old := []byte("a\nb\nc\n")
	new := []byte("a\nTOKEN=x\nb\nc\n")
	for _, s := range gitscan.AddedSpans(new, old) {
		fmt.Printf("line %d: %s\n", s.Line, new[s.Start:s.End])
	}
	// Output: line 2: TOKEN=x
}
