package main

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/gitlog/gitlogtest"
)

// TestReplay replays testdata/replay.txt, a release history written as real
// projects write their commits, and checks that a dry run predicts, at each
// release, the version and bump of the conventionalcommits rule.
func TestReplay(t *testing.T) {
	f, err := os.Open("testdata/replay.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := gitlogtest.New(t)
	prev := ""
	releases := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, "> ") {
			msg := strings.NewReplacer(`\n`, "\n", `\r`, "\r", "{prev}", prev).Replace(line)
			prev = b.Commit(msg)
			continue
		}
		fields := strings.Fields(line[2:])
		switch fields[0] {
		case "branch":
			b.Branch(fields[1])
		case "checkout":
			b.Checkout(fields[1])
		case "merge":
			msg := strings.ReplaceAll(strings.Join(strings.Fields(line)[3:], " "), `\n`, "\n")
			prev = b.Merge(fields[1], msg)
		case "release":
			want := fields[1] + " " + fields[2]
			res := runAction(t, b.Dir, nil, map[string]string{"dry-run": "true"})
			if res.Code != 0 {
				t.Fatalf("line %d: exit %d\n%s", n, res.Code, res.Stdout)
			}
			releases++
			if got := res.Outputs["version"] + " " + res.Outputs["bump"]; got != want {
				t.Errorf("line %d: predicted %q, the conventionalcommits rule gives %q\n%s", n, got, want, res.Summary)
			}
			if releases%2 == 0 {
				b.AnnotatedTag("v"+fields[1], b.Head(), "Release v"+fields[1])
			} else {
				b.Tag("v"+fields[1], b.Head())
			}
			// Replaying from the tagged commit reports the same release.
			res = runAction(t, b.Dir, nil, map[string]string{"dry-run": "true"})
			if got := res.Outputs["version"] + " " + res.Outputs["bump"]; got != want {
				t.Errorf("line %d: on the tagged commit: %q, want %q\n%s", n, got, want, res.Summary)
			}
		default:
			t.Fatalf("line %d: unknown directive %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if releases < 10 {
		t.Errorf("replayed %d releases", releases)
	}
}
