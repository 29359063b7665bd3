package prlint

import (
	"fmt"
	"path"
	"strings"
)

// DefaultForbiddenPaths is the forbidden-paths input's default: local environment files (but not their
// committed templates) and private key files. Tokens inside files such as .npmrc are secret-scan's job.
var DefaultForbiddenPaths = []string{
	".env", ".env.*", "!.env.example", "!.env.sample", "!.env.template",
	"*.pem", "*.p12", "*.pfx", "*.ppk", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
}

// ForbiddenPaths reports every changed file that the patterns forbid. Patterns are globs (`*` within a path
// segment, `**` across segments); a pattern without a slash matches a file name at any depth (`.env`
// forbids `api/.env`), one with a slash matches from the repository root. A pattern starting with `!`
// allows what an earlier pattern forbade; the last matching pattern decides, as in .gitignore.
func ForbiddenPaths(patterns []string, files []ChangedFile) []Finding {
	var out []Finding
	for _, f := range files {
		rule := forbiddenBy(patterns, f.Path)
		if rule == "" {
			continue
		}
		out = append(out, Finding{Check: CheckForbiddenPaths, Level: Failure, File: f.Path, Message: fmt.Sprintf(
			"%q is a forbidden path (forbidden-paths entry %q): local secrets and private keys must not be committed; remove it with `git rm --cached %s`, add it to .gitignore, and rotate any credential it held (it stays in the branch's history)",
			f.Path, rule, f.Path)})
	}
	return out
}

// forbiddenBy returns the pattern that forbids p, or "" when none does (or a later `!` pattern allows it).
func forbiddenBy(patterns []string, p string) string {
	rule := ""
	for _, pat := range patterns {
		neg := strings.HasPrefix(pat, "!")
		g := strings.TrimPrefix(strings.TrimPrefix(pat, "!"), "./")
		if !matchPath(g, p) {
			continue
		}
		if neg {
			rule = ""
		} else {
			rule = pat
		}
	}
	return rule
}

func matchPath(glob, p string) bool {
	if !strings.Contains(glob, "/") {
		return matchGlob(glob, path.Base(p))
	}
	return matchGlob(strings.TrimPrefix(glob, "/"), p)
}

// ValidateForbiddenPaths returns an error naming the first malformed pattern.
func ValidateForbiddenPaths(patterns []string) error {
	var globs []string
	for _, p := range patterns {
		globs = append(globs, strings.TrimPrefix(p, "!"))
	}
	return ValidateGlobs(globs)
}
