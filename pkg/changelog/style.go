package changelog

import (
	"strings"

	"github.com/Masterminds/semver/v3"
)

// Style is how a changelog writes a release heading. The zero Style is the conventionalcommits preset's:
// "## [1.2.0](https://github.com/o/r/compare/v1.1.0...v1.2.0) (2026-01-31)".
type Style struct {
	// Level is the heading level: 2 ("## 1.2.0") when 0. conventional-changelog's angular preset, which
	// vue uses, writes minor and major releases at level 1 and patches at level 2.
	Level int
	// Plain writes the version without brackets or a compare link ("## 1.2.0 (2026-01-31)").
	Plain bool
	// Date is how the date follows the version.
	Date DateStyle
	// VPrefix writes versions as v1.2.0.
	VPrefix bool
}

// DateStyle is how a heading writes its date.
type DateStyle int

const (
	// DateParens writes " (2026-01-31)", as conventional-changelog does.
	DateParens DateStyle = iota
	// DateDash writes " - 2026-01-31", as Keep a Changelog does ("## [1.2.0] - 2026-01-31").
	DateDash
	// DateNone writes no date.
	DateNone
)

// StyleOf returns the style in which the changelog old writes the section of version: the level of the
// version's own heading when the file has one, else the level the file gives releases of its kind (level 1
// for X.Y.0 and level 2 for patches in a file that mixes them, as conventional-changelog does), and the
// form of its newest release heading. An empty file, or one with no release, gets the zero Style.
func StyleOf(old []byte, version string) Style {
	var st Style
	d := parseDoc(old, version)
	var releases []head
	for _, h := range d.heads {
		if h.release() && h.line < d.limit && !isUnreleased(h.version) {
			releases = append(releases, h)
		}
	}
	if len(releases) == 0 {
		if k := d.find(version); k >= 0 {
			st.Level = d.heads[k].level
		}
		return st
	}
	st.Level = 2
	st.Plain, st.Date, st.VPrefix = headingForm(releases[0].title)

	minorAt1, patchAt1, patchAt2, all1 := false, false, false, true
	for _, h := range releases {
		v := parseVersion(h.version)
		if h.level != 1 {
			all1 = false
		}
		if v == nil {
			continue
		}
		switch {
		case h.level == 1 && v.Patch() == 0:
			minorAt1 = true
		case h.level == 1:
			patchAt1 = true
		case h.level == 2 && v.Patch() != 0:
			patchAt2 = true
		}
	}
	switch v := parseVersion(version); {
	case d.find(version) >= 0:
		st.Level = d.heads[d.find(version)].level
	case minorAt1 && patchAt2 && !patchAt1:
		st.Level = 2
		if v != nil && v.Patch() == 0 {
			st.Level = 1
		}
	case all1 && !isUnreleased(version):
		st.Level = 1
	}
	return st
}

// headingForm reads the form of a release heading's title: "[1.2.0](link) (date)", "[1.2.0] - date",
// "v1.2.0", "1.2.0 (date)" ...
func headingForm(title string) (plain bool, date DateStyle, vprefix bool) {
	rest := title
	if strings.HasPrefix(rest, "[") {
		i := max(strings.IndexByte(rest, ']'), 1)
		vprefix = strings.HasPrefix(strings.ToLower(rest[1:i]), "v")
		rest = rest[i+1:]
		if strings.HasPrefix(rest, "(") {
			if j := strings.IndexByte(rest, ')'); j >= 0 {
				rest = rest[j+1:]
			}
		}
	} else {
		plain = true
		word := titleVersion(rest)
		vprefix = strings.HasPrefix(strings.ToLower(word[strings.LastIndexByte(word, '/')+1:]), "v")
		rest = rest[len(word):]
	}
	rest = strings.TrimSpace(rest)
	switch {
	case strings.HasPrefix(rest, "-"), strings.HasPrefix(rest, "–"), strings.HasPrefix(rest, "—"):
		date = DateDash
	case strings.HasPrefix(rest, "("):
		date = DateParens
	default:
		date = DateNone
	}
	return plain, date, vprefix
}

// parseVersion reads "1.2.3", "v1.2.3" or "path/v1.2.3" as a semantic version; nil for anything else.
func parseVersion(s string) *semver.Version {
	s = s[strings.LastIndexByte(s, '/')+1:]
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') {
		s = s[1:]
	}
	v, err := semver.StrictNewVersion(s)
	if err != nil {
		return nil
	}
	return v
}
