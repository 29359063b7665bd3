package secrets

import (
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// defaultSkipNames are base names of files that never hold secrets worth
// reporting but hold many hashes: lockfiles and checksum databases.
var defaultSkipNames = []string{
	"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb",
	"deno.lock", "go.sum", "go.work.sum", "Cargo.lock", "poetry.lock", "Pipfile.lock", "pdm.lock", "uv.lock",
	"composer.lock", "Gemfile.lock", "packages.lock.json", "paket.lock", "gradle.lockfile", "flake.lock",
	"mix.lock", "pubspec.lock", "Podfile.lock", "Package.resolved", ".terraform.lock.hcl", "conda-lock.yml",
	"Gopkg.lock", "glide.lock", "conan.lock", "pixi.lock",
}

// defaultSkipDirs are directories of vendored third-party code (pip's and
// setuptools' _vendor/ among them), including
// Python environments committed by mistake (venv/lib/python3.12/site-packages),
// and of generated reports.
// Coverage reports (coverage.py's htmlcov/, istanbul's lcov-report/) copy
// the sources they measure, which are scanned where they are written.
var defaultSkipDirs = []string{"node_modules", "vendor", "_vendor", "bower_components", ".git", "site-packages", "dist-packages", "htmlcov", "lcov-report"}

// vendoredTools are folders where a package manager keeps its own code or
// downloaded packages, committed so that builds need no download: Yarn's
// releases (a 2-3 MB bundle for each version), plugins and offline cache.
// Godep's Godeps/_workspace/ is a GOPATH of vendored packages.
var vendoredTools = []string{".yarn/releases/", ".yarn/plugins/", ".yarn/cache/", "Godeps/_workspace/"}

// coverageDirs are the usual output directories of coverage tools whose HTML
// reports copy every measured source file (SimpleCov, istanbul's html
// reporter, PHPUnit's --coverage-html, nose's cover/): their .html files are
// skipped, the sources are scanned where they are written.
var coverageDirs = map[string]bool{"coverage": true, "cover": true}

// defaultSkipExts are binary and media formats.
var defaultSkipExts = []string{
	".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tif", ".tiff", ".psd", ".pdf", ".zip", ".gz",
	".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".jar", ".war", ".ear", ".class", ".so", ".dll", ".dylib",
	".exe", ".bin", ".o", ".a", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".mov", ".avi",
	".wav", ".ogg", ".flac", ".webm", ".pyc", ".wasm",
}

type pathFilter struct {
	defaults bool
	names    map[string]bool
	exts     map[string]bool
	dirs     map[string]bool
	globs    []string
}

func validGlob(p string) bool { return p != "" && doublestar.ValidatePattern(p) }

func newPathFilter(globs []string, defaults bool) (pathFilter, error) {
	f := pathFilter{defaults: defaults, names: map[string]bool{}, exts: map[string]bool{}, dirs: map[string]bool{}}
	for _, n := range defaultSkipNames {
		f.names[n] = true
	}
	for _, e := range defaultSkipExts {
		f.exts[e] = true
	}
	for _, d := range defaultSkipDirs {
		f.dirs[d] = true
	}
	for _, g := range globs {
		if !validGlob(g) {
			return pathFilter{}, fmt.Errorf("allow-paths: %q: not a valid glob pattern", g)
		}
		f.globs = append(f.globs, strings.TrimPrefix(g, "./"))
	}
	return f, nil
}

func (f pathFilter) skip(p string) bool {
	p = strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./")
	base := path.Base(p)
	if f.defaults {
		if f.names[base] || f.exts[strings.ToLower(path.Ext(base))] {
			return true
		}
		for _, v := range vendoredTools {
			if strings.HasPrefix(p, v) || strings.Contains(p, "/"+v) {
				return true
			}
		}
		html := strings.HasSuffix(strings.ToLower(base), ".html")
		for dir := path.Dir(p); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
			if d := path.Base(dir); f.dirs[d] || html && coverageDirs[d] {
				return true
			}
		}
	}
	for _, g := range f.globs {
		if ok, _ := doublestar.Match(g, p); ok {
			return true
		}
		if !strings.Contains(g, "/") {
			if ok, _ := doublestar.Match(g, base); ok {
				return true
			}
		}
	}
	return false
}
