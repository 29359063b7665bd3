package version_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"

	"github.com/rose/actions/pkg/conventional"
	"github.com/rose/actions/pkg/version"
)

// FuzzNext checks the invariants of Next over arbitrary current versions,
// commit mixes, channels and existing tags: no panic, a next version exactly
// when the bump is not none, always above the current version, on the channel
// when one is asked for, and never equal to an existing version.
func FuzzNext(f *testing.F) {
	f.Add(uint8(1), uint8(2), uint8(3), "", uint8(0b101), "rc", true, uint8(2))
	f.Add(uint8(0), uint8(4), uint8(0), "beta.2", uint8(0b010), "alpha", false, uint8(5))
	f.Add(uint8(2), uint8(0), uint8(0), "rc.1", uint8(0), "", true, uint8(0))
	f.Fuzz(func(t *testing.T, major, minor, patch uint8, pre string, kinds uint8, channel string, preMajor bool, existing uint8) {
		cur, err := semver.NewVersion(fmt.Sprintf("%d.%d.%d", major, minor, patch))
		if err != nil {
			t.Skip()
		}
		if pre != "" {
			v, err := cur.SetPrerelease(pre)
			if err != nil {
				return
			}
			cur = &v
		}
		if version.ValidChannel(channel) != nil {
			channel = ""
		}
		var commits []version.Change
		headers := []string{"fix: a", "feat: b", "chore!: c", "docs: d", "update e"}
		for i, h := range headers {
			if kinds&(1<<i) != 0 {
				c := conventional.Commit{Header: h, Conventional: strings.Contains(h, ": ") && !strings.HasPrefix(h, "update")}
				if c.Conventional {
					c.Type = strings.TrimSuffix(strings.SplitN(h, ":", 2)[0], "!")
					c.Breaking = strings.Contains(h, "!")
				}
				commits = append(commits, version.Change{SHA: fmt.Sprintf("%07d", i), Commit: c})
			}
		}
		opts := version.Options{PreMajor: preMajor, Prerelease: channel, InitialVersion: semver.MustParse("0.1.0")}
		if cur.Prerelease() != "" {
			core, _ := cur.SetPrerelease("")
			if core.Patch() > 0 {
				stable := semver.New(core.Major(), core.Minor(), core.Patch()-1, "", "")
				opts.Stable = stable
			}
		}
		for i := range int(existing % 8) {
			if channel != "" {
				v, err := semver.New(cur.Major(), cur.Minor()+1, 0, "", "").SetPrerelease(fmt.Sprintf("%s.%d", channel, i+1))
				if err != nil {
					t.Fatalf("channel %q passed ValidChannel but makes no prerelease: %v", channel, err)
				}
				opts.Existing = append(opts.Existing, &v)
			}
		}
		if cur.Prerelease() != "" && channel == "" {
			// Stable runs never see a prerelease as the current release.
			return
		}
		res, err := version.Next(cur, commits, opts)
		if err != nil {
			t.Fatalf("Next(%s, %d commits, %+v): %v", cur, len(commits), opts, err)
		}
		if (res.Next == nil) != (res.Bump == version.None) {
			t.Fatalf("Next %v with bump %s", res.Next, res.Bump)
		}
		if (len(commits) > 0) != (res.Next != nil) {
			t.Fatalf("%d commits gave next %v", len(commits), res.Next)
		}
		if res.Next == nil {
			return
		}
		if !res.Next.GreaterThan(cur) {
			t.Fatalf("Next(%s) = %s, not above", cur, res.Next)
		}
		if channel != "" && !strings.HasPrefix(res.Next.Prerelease(), channel+".") {
			t.Fatalf("Next(%s) = %s, not on channel %s", cur, res.Next, channel)
		}
		if channel == "" && res.Next.Prerelease() != "" {
			t.Fatalf("stable Next(%s) = %s", cur, res.Next)
		}
		for _, e := range opts.Existing {
			if e.Equal(res.Next) {
				t.Fatalf("Next(%s) = %s reuses an existing version", cur, res.Next)
			}
		}
	})
}
