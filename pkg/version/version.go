// Package version decides the next semantic version of a release from the
// parsed commits since the last one. It is pure: no git, no I/O.
//
// The default rule is the one of the conventionalcommits preset of
// conventional-changelog: any breaking change bumps major, else any "feat" (or
// "feature") commit bumps minor, else any commit bumps patch. Commits reverted
// within the same range are dropped together with their revert, as
// conventional-recommended-bump does.
package version

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/rose/actions/pkg/conventional"
)

// Bump is the kind of version increment.
type Bump int

// The bump kinds, lowest first.
const (
	None Bump = iota
	Patch
	Minor
	Major
)

// String returns "none", "patch", "minor" or "major".
func (b Bump) String() string {
	switch b {
	case Patch:
		return "patch"
	case Minor:
		return "minor"
	case Major:
		return "major"
	}
	return "none"
}

// Change is one commit since the last release.
type Change struct {
	SHA    string
	Commit conventional.Commit
}

// Options tune the bump.
type Options struct {
	// PreMajor lowers every bump one level while the major version is 0: a
	// breaking change bumps minor and a feature bumps patch.
	PreMajor bool
	// Prerelease is a channel name such as "rc": the next version is
	// X.Y.Z-<channel>.N, N counted from Existing, always above the current
	// version. Empty gives a stable release.
	Prerelease string
	// ReleaseTypes, when not empty, are the only commit types that trigger a
	// release ("feat" and "feature" bump minor, others patch); a breaking
	// change triggers a major bump whatever its type. When empty every commit
	// triggers at least a patch, as in the conventionalcommits preset.
	ReleaseTypes []string
	// InitialVersion is the version of the first release, when current is nil.
	InitialVersion *semver.Version
	// Stable is the last stable release when current is a prerelease (nil
	// when there is none); it is the base of the bump on a prerelease channel.
	Stable *semver.Version
	// Existing lists every existing version (tags reachable or not); a
	// prerelease counter never reuses one of them.
	Existing []*semver.Version
}

// Reason says how one commit counts.
type Reason struct {
	SHA    string
	Header string
	Bump   Bump
	Why    string // "breaking change", "feature", "fix", "feat is a release type"...
}

// Result is the decision.
type Result struct {
	Current *semver.Version // the last release, nil when none
	Next    *semver.Version // nil when Bump is None
	Bump    Bump
	// Reasons lists every commit that triggers a release, in input order,
	// with the bump it asks for.
	Reasons []Reason
	// Ignored counts the commits that trigger nothing (types outside
	// ReleaseTypes, reverted pairs). A merge commit passed in counts like
	// any commit, as in the preset: leave merges out of the list.
	Ignored int
}

// Decisive returns the reasons whose bump is the result's, before the
// pre-major lowering: the commits that caused the bump.
func (r Result) Decisive() []Reason {
	var top Bump
	for _, x := range r.Reasons {
		top = max(top, x.Bump)
	}
	var out []Reason
	for _, x := range r.Reasons {
		if x.Bump == top {
			out = append(out, x)
		}
	}
	return out
}

var channelRe = regexp.MustCompile(`^[0-9A-Za-z-]+$`)

// ValidChannel reports whether name can be a prerelease channel: letters,
// digits and hyphens, not only digits.
func ValidChannel(name string) error {
	if !channelRe.MatchString(name) {
		return errors.New("a prerelease channel has only letters, digits and hyphens")
	}
	if strings.Trim(name, "0123456789") == "" {
		return errors.New("a prerelease channel cannot be only digits")
	}
	return nil
}

// Kind returns the bump the commits ask for and the reasons, before the
// pre-major rule and before any version arithmetic.
func Kind(commits []Change, opts Options) (Bump, []Reason, int) {
	kept, ignored := dropReverted(commits)
	var bump Bump
	var reasons []Reason
	for _, ch := range kept {
		c := ch.Commit
		var b Bump
		var why string
		switch {
		case c.Breaking:
			b, why = Major, "breaking change"
		case len(opts.ReleaseTypes) > 0 && !slices.Contains(opts.ReleaseTypes, c.Type):
			ignored++
			continue
		case c.Type == "feat" || c.Type == "feature":
			b, why = Minor, "feature"
		case len(opts.ReleaseTypes) > 0:
			b, why = Patch, c.Type+" is a release type"
		case c.Type == "fix":
			b, why = Patch, "fix"
		case c.Conventional:
			b, why = Patch, c.Type
		default:
			b, why = Patch, "other commit"
		}
		bump = max(bump, b)
		reasons = append(reasons, Reason{SHA: ch.SHA, Header: c.Header, Bump: b, Why: why})
	}
	return bump, reasons, ignored
}

// dropReverted removes every commit reverted within the list together with
// the commit that reverts it.
func dropReverted(commits []Change) ([]Change, int) {
	drop := map[int]bool{}
	for i, ch := range commits {
		rv := ch.Commit.Revert
		if rv == nil || drop[i] {
			continue
		}
		for j, o := range commits {
			if j == i || drop[j] {
				continue
			}
			if sameSHA(rv.SHA, o.SHA) || (rv.SHA == "" && rv.Header != "" && rv.Header == o.Commit.Header) {
				drop[i], drop[j] = true, true
				break
			}
		}
	}
	if len(drop) == 0 {
		return commits, 0
	}
	out := make([]Change, 0, len(commits)-len(drop))
	for i, ch := range commits {
		if !drop[i] {
			out = append(out, ch)
		}
	}
	return out, len(drop)
}

func sameSHA(a, b string) bool {
	if len(a) < 7 || len(b) < 7 {
		return false
	}
	a, b = strings.ToLower(a), strings.ToLower(b)
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// Next returns the next version after current (nil when nothing was
// released yet) for the commits since current.
func Next(current *semver.Version, commits []Change, opts Options) (Result, error) {
	res := Result{Current: current}
	if opts.Prerelease != "" {
		if err := ValidChannel(opts.Prerelease); err != nil {
			return res, fmt.Errorf("prerelease %q: %w", opts.Prerelease, err)
		}
	}
	bump, reasons, ignored := Kind(commits, opts)
	res.Reasons, res.Ignored = reasons, ignored
	if bump == None {
		return res, nil
	}
	stable := current
	if current != nil && current.Prerelease() != "" {
		stable = opts.Stable
	}
	if opts.PreMajor && ((stable != nil && stable.Major() == 0) || (stable == nil && current != nil && current.Major() == 0)) {
		if bump > Patch {
			bump--
		}
	}
	res.Bump = bump

	var base semver.Version
	switch {
	case stable != nil:
		base = inc(*stable, bump)
	case opts.InitialVersion != nil:
		base = *opts.InitialVersion
	default:
		return res, errors.New("no initial version for the first release")
	}
	if opts.Prerelease == "" {
		if current != nil && !base.GreaterThan(current) {
			// current is a prerelease above the bumped stable version:
			// release its core.
			core, _ := current.SetPrerelease("")
			base = core
			if !base.GreaterThan(current) {
				base = inc(base, Patch)
			}
		}
		res.Next = &base
		return res, nil
	}

	// Prerelease channel: continue the current cycle when the bump stays
	// within it, and always land above the current version.
	if current != nil && current.Prerelease() != "" {
		core, _ := current.SetPrerelease("")
		if !base.GreaterThan(&core) {
			base = core
		}
	}
	for range 1000 {
		n := 0
		for _, e := range opts.Existing {
			if e.Major() == base.Major() && e.Minor() == base.Minor() && e.Patch() == base.Patch() {
				if k, ok := counter(e.Prerelease(), opts.Prerelease); ok && k > n {
					n = k
				}
			}
		}
		next, err := base.SetPrerelease(opts.Prerelease + "." + strconv.Itoa(n+1))
		if err != nil {
			return res, fmt.Errorf("prerelease %q: %w", opts.Prerelease, err)
		}
		if current == nil || next.GreaterThan(current) {
			res.Next = &next
			return res, nil
		}
		base = inc(base, Patch)
	}
	return res, errors.New("no prerelease version above the current one")
}

// counter returns N from a prerelease "<channel>.N".
func counter(pre, channel string) (int, bool) {
	rest, ok := strings.CutPrefix(pre, channel+".")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

func inc(v semver.Version, b Bump) semver.Version {
	v2, _ := v.SetPrerelease("")
	v2, _ = v2.SetMetadata("")
	switch b {
	case Major:
		return v2.IncMajor()
	case Minor:
		return v2.IncMinor()
	case Patch:
		return v2.IncPatch()
	}
	return v2
}
