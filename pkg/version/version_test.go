package version_test

import (
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"

	"github.com/rose/actions/pkg/conventional"
	"github.com/rose/actions/pkg/version"
)

// c builds a parsed commit from a compact literal: "feat(x)!: msg" style
// headers are split by hand here so that this test does not depend on the
// parser; "!" or a "BREAKING" marker sets Breaking.
func c(sha, header string) version.Change {
	cm := conventional.Commit{Header: header, Description: header}
	if i := strings.Index(header, ": "); i > 0 && !strings.ContainsAny(header[:i], " \"") {
		t := header[:i]
		cm.Conventional = true
		if strings.HasSuffix(t, "!") {
			cm.Bang, cm.Breaking = true, true
			t = strings.TrimSuffix(t, "!")
		}
		if j := strings.Index(t, "("); j >= 0 {
			cm.Scope = strings.TrimSuffix(t[j+1:], ")")
			t = t[:j]
		}
		cm.Type = t
		cm.Description = header[i+2:]
	}
	if strings.Contains(header, "BREAKING") {
		cm.Breaking = true
	}
	if strings.HasPrefix(header, "Merge ") {
		cm.Merge = true
	}
	if rest, ok := strings.CutPrefix(header, "Revert \""); ok {
		cm.Revert = &conventional.Revert{Header: strings.TrimSuffix(rest, "\"")}
	}
	return version.Change{SHA: sha, Commit: cm}
}

func v(s string) *semver.Version {
	if s == "" {
		return nil
	}
	return semver.MustParse(s)
}

func vs(list ...string) []*semver.Version {
	var out []*semver.Version
	for _, s := range list {
		out = append(out, v(s))
	}
	return out
}

func TestNext(t *testing.T) {
	initial := v("0.1.0")
	tests := []struct {
		name     string
		current  string
		commits  []version.Change
		opts     version.Options
		want     string // "" when nothing is released
		wantBump version.Bump
	}{
		{"no commits", "1.2.3", nil, version.Options{}, "", version.None},
		{"fix", "1.2.3", []version.Change{c("a1", "fix: x")}, version.Options{}, "1.2.4", version.Patch},
		{"feat", "1.2.3", []version.Change{c("a1", "fix: x"), c("a2", "feat(api): y")}, version.Options{}, "1.3.0", version.Minor},
		{"feature alias", "1.2.3", []version.Change{c("a1", "feature: y")}, version.Options{}, "1.3.0", version.Minor},
		{"bang", "1.2.3", []version.Change{c("a1", "feat: y"), c("a2", "refactor!: z")}, version.Options{}, "2.0.0", version.Major},
		{"breaking footer on a fix", "1.2.3", []version.Change{c("a1", "fix: y BREAKING")}, version.Options{}, "2.0.0", version.Major},
		{"chore only is a patch like the preset", "1.2.3", []version.Change{c("a1", "chore: deps"), c("a2", "docs: readme")}, version.Options{}, "1.2.4", version.Patch},
		{"non-conventional is a patch like the preset", "1.2.3", []version.Change{c("a1", "update readme")}, version.Options{}, "1.2.4", version.Patch},
		{"type is case-sensitive like the preset", "1.2.3", []version.Change{c("a1", "Feat: shout")}, version.Options{}, "1.2.4", version.Patch},
		{"a merge header is a patch like the preset", "1.2.3", []version.Change{c("a1", "Merge branch 'x'")}, version.Options{}, "1.2.4", version.Patch},
		{"feat and its revert cancel", "1.2.3", []version.Change{
			{SHA: "bbbbbbb1", Commit: conventional.Commit{Header: `Revert "feat: y"`, Revert: &conventional.Revert{Header: "feat: y", SHA: "aaaaaaa1"}}},
			c("aaaaaaa1", "feat: y"), c("c1", "fix: z")}, version.Options{}, "1.2.4", version.Patch},
		{"revert of an older release's commit is a patch", "1.2.3", []version.Change{
			{SHA: "bbbbbbb1", Commit: conventional.Commit{Header: `Revert "feat: y"`, Revert: &conventional.Revert{Header: "feat: y", SHA: "0000001"}}}}, version.Options{}, "1.2.4", version.Patch},
		{"pre-major breaking bumps minor", "0.4.2", []version.Change{c("a1", "feat!: y")}, version.Options{PreMajor: true}, "0.5.0", version.Minor},
		{"pre-major feat bumps patch", "0.4.2", []version.Change{c("a1", "feat: y")}, version.Options{PreMajor: true}, "0.4.3", version.Patch},
		{"pre-major fix stays patch", "0.4.2", []version.Change{c("a1", "fix: y")}, version.Options{PreMajor: true}, "0.4.3", version.Patch},
		{"pre-major ignored from 1.0.0", "1.4.2", []version.Change{c("a1", "feat!: y")}, version.Options{PreMajor: true}, "2.0.0", version.Major},
		{"without pre-major 0.x breaking goes to 1.0.0", "0.4.2", []version.Change{c("a1", "feat!: y")}, version.Options{}, "1.0.0", version.Major},
		{"release-types: docs triggers nothing", "1.2.3", []version.Change{c("a1", "docs: x"), c("a2", "chore: y")}, version.Options{ReleaseTypes: []string{"feat", "fix"}}, "", version.None},
		{"release-types: perf listed", "1.2.3", []version.Change{c("a1", "perf: x")}, version.Options{ReleaseTypes: []string{"feat", "fix", "perf"}}, "1.2.4", version.Patch},
		{"release-types: breaking of any type", "1.2.3", []version.Change{c("a1", "chore!: drop node 16")}, version.Options{ReleaseTypes: []string{"feat", "fix"}}, "2.0.0", version.Major},
		{"first release uses the initial version", "", []version.Change{c("a1", "feat!: y")}, version.Options{InitialVersion: initial}, "0.1.0", version.Major},
		{"first release with no commits", "", nil, version.Options{InitialVersion: initial}, "", version.None},
		{"rc from stable", "1.2.3", []version.Change{c("a1", "feat: y")}, version.Options{Prerelease: "rc"}, "1.3.0-rc.1", version.Minor},
		{"rc counter from existing tags", "1.3.0-rc.2", []version.Change{c("a1", "fix: y")},
			version.Options{Prerelease: "rc", Stable: v("1.2.3"), Existing: vs("1.2.3", "1.3.0-rc.1", "1.3.0-rc.2", "1.3.0-rc.3")}, "1.3.0-rc.4", version.Patch},
		{"rc new cycle on a bigger bump", "1.2.4-rc.1", []version.Change{c("a1", "feat: y")},
			version.Options{Prerelease: "rc", Stable: v("1.2.3"), Existing: vs("1.2.3", "1.2.4-rc.1")}, "1.3.0-rc.1", version.Minor},
		{"rc stays above a higher channel", "1.3.0-rc.1", []version.Change{c("a1", "fix: y")},
			version.Options{Prerelease: "beta", Stable: v("1.2.3"), Existing: vs("1.2.3", "1.3.0-rc.1")}, "1.3.1-beta.1", version.Patch},
		{"rc first release", "", []version.Change{c("a1", "feat: y")}, version.Options{Prerelease: "rc", InitialVersion: initial, Existing: vs("0.1.0-rc.1")}, "0.1.0-rc.2", version.Minor},
		{"rc after only prereleases", "0.1.0-rc.2", []version.Change{c("a1", "feat: y")},
			version.Options{Prerelease: "rc", InitialVersion: initial, Existing: vs("0.1.0-rc.1", "0.1.0-rc.2")}, "0.1.0-rc.3", version.Minor},
		{"stable after prereleases", "1.2.3", []version.Change{c("a1", "feat: y")}, version.Options{Existing: vs("1.3.0-rc.4")}, "1.3.0", version.Minor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := version.Next(v(tt.current), tt.commits, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if res.Next != nil {
				got = res.Next.String()
			}
			if got != tt.want || res.Bump != tt.wantBump {
				t.Errorf("Next(%s) = %q %s, want %q %s", tt.current, got, res.Bump, tt.want, tt.wantBump)
			}
			if (res.Bump == version.None) != (res.Next == nil) {
				t.Errorf("Bump %s with Next %v", res.Bump, res.Next)
			}
			if res.Next != nil && res.Current != nil && !res.Next.GreaterThan(res.Current) {
				t.Errorf("Next %s is not above the current %s", res.Next, res.Current)
			}
		})
	}
}

func TestReasons(t *testing.T) {
	res, err := version.Next(v("1.0.0"), []version.Change{
		c("s1", "fix: a"), c("s2", "feat(ui)!: b"), c("s3", "feat: c"), c("s4", "docs: d"), c("s5", "Merge pull request #3 from x/y"),
	}, version.Options{ReleaseTypes: []string{"feat", "fix"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reasons) != 3 || res.Ignored != 2 {
		t.Fatalf("Reasons = %+v, Ignored = %d; want 3 reasons, 2 ignored (docs, the merge)", res.Reasons, res.Ignored)
	}
	d := res.Decisive()
	if len(d) != 1 || d[0].SHA != "s2" || d[0].Why != "breaking change" || d[0].Bump != version.Major {
		t.Errorf("Decisive = %+v, want only s2 as breaking change", d)
	}
}

func TestBadChannel(t *testing.T) {
	for _, ch := range []string{"r c", "rc.1", "123", "010000000000000000000", "ü"} {
		if _, err := version.Next(v("1.0.0"), []version.Change{c("a", "fix: x")}, version.Options{Prerelease: ch}); err == nil {
			t.Errorf("Next with channel %q: no error", ch)
		}
	}
}

func TestBumpString(t *testing.T) {
	for b, want := range map[version.Bump]string{version.None: "none", version.Patch: "patch", version.Minor: "minor", version.Major: "major"} {
		if b.String() != want {
			t.Errorf("%d.String() = %q, want %q", b, b.String(), want)
		}
	}
}
