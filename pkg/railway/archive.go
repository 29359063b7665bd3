package railway

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// ArchiveOptions say how far an upload may reach.
type ArchiveOptions struct {
	// Root is the repository (or workspace) folder: symbolic links must point inside it, and ignore files
	// are read from the uploaded folder's parents up to Root, and above Root up to the root of a repository
	// that contains it. The uploaded folder itself when empty.
	Root string
	// GlobalExcludes is git's global excludes file (core.excludesFile, see GlobalExcludesFile); none when
	// empty. Like the CLI, its rules apply only inside a git repository and count least.
	GlobalExcludes string
	// Prefix is put before every entry name, as `railway up <path>` without --path-as-root names entries
	// relative to the project folder ("./apps/api/main.py"): a slash-separated relative path, or "" for
	// names relative to the uploaded folder ("./main.py").
	Prefix string
}

// ArchiveStats describes an archive.
type ArchiveStats struct {
	Files   int   // files (a followed link counts as a file)
	Bytes   int64 // uncompressed file content
	Ignored int   // files and folders left out
	// Warnings are ignore-file lines that are not valid patterns (left out, as the CLI does).
	Warnings []string
}

// LinkError is a symbolic link that cannot be uploaded: broken, pointing outside the repository or into
// a .git folder, or making a loop.
type LinkError struct {
	Path   string // the link, relative to the uploaded folder
	Target string // what it points to, as written in the link
	Reason string
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("symbolic link %s -> %s %s; the upload follows links that stay inside the repository and "+
		"sends their target's content: fix or remove the link, or list it in .railwayignore", e.Path, e.Target, e.Reason)
}

// Archive writes dir as a gzipped tar to w like `railway up --path-as-root`, with ArchiveOptions{}.
func Archive(dir string, w io.Writer) (ArchiveStats, error) {
	return ArchiveWith(dir, w, ArchiveOptions{})
}

// ArchiveWith writes dir as a gzipped tar to w, choosing files with the rules of `railway up` (the CLI's
// `ignore` crate walker with hidden files shown, parents read, links followed, `.railwayignore` as a
// custom ignore file), entries named "./<path relative to dir>" (or "./<Prefix>/<path>"):
//   - ignore files are read in dir, in every folder below it, and in each parent folder up to the
//     repository root: `.railwayignore`, `.ignore`, `.gitignore`, and `.git/info/exclude` of the repository;
//   - within one kind, the deepest folder whose file has a matching rule decides, and within a file the last
//     matching rule; between kinds, `.railwayignore` beats `.ignore`, which beats `.gitignore`, which beats
//     `.git/info/exclude`, which beats the global excludes file: a `!` in a `.railwayignore` re-includes what
//     any `.gitignore` excludes, at any depth;
//   - `.gitignore`, `.git/info/exclude` and the global excludes apply only inside a git repository (a folder
//     with a `.git` folder or file, here or above), and not across a nested repository's root;
//   - any path with a `.git` or `node_modules` component is left out (a submodule's `.git` file too);
//   - a symbolic link is followed and its target's content uploaded under the link's name when it stays
//     inside Root; a broken link, a loop, or a link leading outside Root or into a `.git` folder is a
//     *LinkError naming it, unless the ignore rules leave the link out (it is then never followed);
//   - folders are empty entries; sockets, pipes and devices are left out.
func ArchiveWith(dir string, w io.Writer, o ArchiveOptions) (ArchiveStats, error) {
	a, err := newArchiver(dir, o)
	if err != nil {
		return ArchiveStats{}, err
	}
	gz := gzip.NewWriter(w)
	a.tw = tar.NewWriter(gz)
	if err := a.addPrefix(); err != nil {
		return a.st, err
	}
	if err := a.walk(a.dir, []string{a.realDir}, "", a.levels); err != nil {
		return a.st, fmt.Errorf("archive %s: %w", dir, err)
	}
	if err := a.tw.Close(); err != nil {
		return a.st, err
	}
	return a.st, gz.Close()
}

// ArchiveFiles lists the entries ArchiveWith would write, in order, without reading any file's content.
func ArchiveFiles(dir string, o ArchiveOptions) ([]string, ArchiveStats, error) {
	a, err := newArchiver(dir, o)
	if err != nil {
		return nil, ArchiveStats{}, err
	}
	a.list = []string{}
	if err := a.addPrefix(); err != nil {
		return nil, a.st, err
	}
	if err := a.walk(a.dir, []string{a.realDir}, "", a.levels); err != nil {
		return nil, a.st, fmt.Errorf("archive %s: %w", dir, err)
	}
	return a.list, a.st, nil
}

// ignoreLevel is the rules of one folder.
type ignoreLevel struct {
	dir                           string // absolute, as walked (through links)
	custom, dotIgnore, git, exclu IgnoreRules
	hasGit                        bool
}

type archiver struct {
	dir, realDir, realRoot string
	levels                 []ignoreLevel // the parents of dir (top first) and dir itself
	global                 IgnoreRules
	globalBase             string
	prefix                 string
	tw                     *tar.Writer
	list                   []string // when listing only
	st                     ArchiveStats
}

func newArchiver(dir string, o ArchiveOptions) (*archiver, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("archive %s: not a folder", dir)
	}
	realDir, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", dir, err)
	}
	realRoot := realDir
	if o.Root != "" {
		if realRoot, err = filepath.EvalSymlinks(o.Root); err != nil {
			return nil, fmt.Errorf("archive %s: root %s: %w", dir, o.Root, err)
		}
		if !within(realRoot, realDir) {
			return nil, fmt.Errorf("archive %s: the folder is outside %s", dir, o.Root)
		}
	}
	a := &archiver{dir: realDir, realDir: realDir, realRoot: realRoot, prefix: strings.Trim(filepath.ToSlash(filepath.Clean(o.Prefix)), "/")}
	if a.prefix == "." {
		a.prefix = ""
	}
	if a.prefix == ".." || strings.HasPrefix(a.prefix, "../") || filepath.IsAbs(o.Prefix) {
		return nil, fmt.Errorf("archive %s: entry prefix %q is not a relative path inside the project", dir, o.Prefix)
	}

	// The parents whose ignore files count: every folder up to Root (the workspace), and above it up to the
	// repository root when Root lies inside a repository (a local run from a subfolder). Which of them
	// hold .gitignore rules that apply is decided per path (a nested repository stops them).
	top := realRoot
	if !exists(filepath.Join(realRoot, ".git")) {
		for d := filepath.Dir(realRoot); d != filepath.Dir(d); d = filepath.Dir(d) {
			if exists(filepath.Join(d, ".git")) {
				top = d
				break
			}
		}
	}
	var chain []string
	for d := realDir; ; d = filepath.Dir(d) {
		chain = append(chain, d)
		if d == top || d == filepath.Dir(d) || !within(top, d) {
			break
		}
	}
	slices.Reverse(chain)
	for _, d := range chain {
		lv, err := a.readLevel(d)
		if err != nil {
			return nil, err
		}
		a.levels = append(a.levels, lv)
	}
	if o.GlobalExcludes != "" {
		rules, err := a.readRules(o.GlobalExcludes)
		if err != nil {
			return nil, err
		}
		a.global, a.globalBase = rules, a.levels[0].dir
	}
	return a, nil
}

// maxIgnoreFile bounds the size of an ignore file that is read.
const maxIgnoreFile = 8 << 20

// readRules reads an ignore file; a missing one has no rules. Only a regular file is read, and a link only
// when it leads to a file inside the repository (an exclude file of a work tree's repository may be outside):
// an ignore file must not be a way to read, or echo in a warning, a file such as /proc/self/environ.
func (a *archiver) readRules(path string) (IgnoreRules, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, nil // missing (or a broken link): no rules
	}
	info, err := os.Stat(real)
	if err != nil || !info.Mode().IsRegular() {
		return nil, nil
	}
	inside := within(a.realRoot, real)
	if real != filepath.Clean(path) && !inside {
		a.st.Warnings = append(a.st.Warnings, fmt.Sprintf("%s: a link to a file outside the repository: not read", a.display(path)))
		return nil, nil
	}
	if info.Size() > maxIgnoreFile {
		return nil, fmt.Errorf("%s: %d bytes is too large for an ignore file", a.display(path), info.Size())
	}
	data, err := os.ReadFile(real)
	if errors.Is(err, fs.ErrPermission) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rules, bad := parseIgnore(data)
	for _, b := range bad {
		what := fmt.Sprintf("line %d %q (%v)", b.Line, b.Text, b.Err)
		if !inside {
			what = fmt.Sprintf("line %d", b.Line) // the text of a file outside the repository is not printed
		}
		a.st.Warnings = append(a.st.Warnings, fmt.Sprintf("%s: %s is not a valid pattern: left out", a.display(path), what))
	}
	return rules, nil
}

// readLevel reads the ignore files of the folder dir.
func (a *archiver) readLevel(dir string) (ignoreLevel, error) {
	lv := ignoreLevel{dir: dir}
	read := a.readRules
	var err error
	if lv.custom, err = read(filepath.Join(dir, ".railwayignore")); err != nil {
		return lv, err
	}
	if lv.dotIgnore, err = read(filepath.Join(dir, ".ignore")); err != nil {
		return lv, err
	}
	if lv.git, err = read(filepath.Join(dir, ".gitignore")); err != nil {
		return lv, err
	}
	gitPath := filepath.Join(dir, ".git")
	gi, err := os.Stat(gitPath)
	if err != nil {
		return lv, nil
	}
	lv.hasGit = true
	gitDir := gitPath
	if !gi.IsDir() {
		gitDir = commonDir(gitPath)
	}
	if gitDir != "" {
		if lv.exclu, err = read(filepath.Join(gitDir, "info", "exclude")); err != nil {
			return lv, err
		}
	}
	return lv, nil
}

// commonDir follows a `.git` file ("gitdir: <path>", written by submodules and work trees) to the
// repository folder that holds info/exclude, as the ignore crate does; "" when it cannot.
func commonDir(gitFile string) string {
	line := firstLine(gitFile)
	gitDir, ok := strings.CutPrefix(line, "gitdir: ")
	if !ok {
		return ""
	}
	if !filepath.IsAbs(gitDir) {
		gitDir = filepath.Join(filepath.Dir(gitFile), gitDir) // as git reads it
	}
	common := firstLine(filepath.Join(gitDir, "commondir"))
	if common == "" {
		return ""
	}
	if strings.HasPrefix(common, ".") {
		return filepath.Join(gitDir, common)
	}
	return common
}

func firstLine(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if sc.Scan() {
		return strings.TrimSuffix(sc.Text(), "\r")
	}
	return ""
}

// display names a path relative to the uploaded folder when it is inside it.
func (a *archiver) display(path string) string {
	if rel, err := filepath.Rel(a.dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}

// match applies the levels (top first; the entry's own parent last) to the entry at abs.
func (a *archiver) match(levels []ignoreLevel, abs string, isDir bool) Match {
	anyGit := false
	for _, lv := range levels {
		anyGit = anyGit || lv.hasGit
	}
	var custom, dotIgnore, git, exclu Match
	sawGit := false
	for i := len(levels) - 1; i >= 0; i-- {
		lv := levels[i]
		rel := relSlash(lv.dir, abs)
		if custom == NoMatch {
			custom = lv.custom.Match(rel, isDir)
		}
		if dotIgnore == NoMatch {
			dotIgnore = lv.dotIgnore.Match(rel, isDir)
		}
		if anyGit && !sawGit && git == NoMatch {
			git = lv.git.Match(rel, isDir)
		}
		if anyGit && !sawGit && exclu == NoMatch {
			exclu = lv.exclu.Match(rel, isDir)
		}
		sawGit = sawGit || lv.hasGit
	}
	for _, m := range []Match{custom, dotIgnore, git, exclu} {
		if m != NoMatch {
			return m
		}
	}
	if anyGit && len(a.global) > 0 {
		return a.global.Match(relSlash(a.globalBase, abs), isDir)
	}
	return NoMatch
}

func relSlash(base, p string) string {
	rel, err := filepath.Rel(base, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
}

// walk archives the entries of the folder walked as dir, whose path relative to the uploaded folder is rel
// ("" for the folder itself); reals are the resolved paths of dir and of the folders walked to reach it.
func (a *archiver) walk(dir string, reals []string, rel string, levels []ignoreLevel) error {
	real := reals[len(reals)-1]
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		childRel := name
		if rel != "" {
			childRel = rel + "/" + name
		}
		path := filepath.Join(dir, name)
		if name == ".git" || name == "node_modules" {
			a.st.Ignored++
			continue
		}
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		childReal := filepath.Join(real, name)
		var linkErr error
		if info.Mode()&fs.ModeSymlink != 0 {
			var target fs.FileInfo
			childReal, target, linkErr = a.follow(path, childRel)
			if target != nil {
				info = target // matched as what it leads to: a folder rule speaks about a link to a folder
			}
		}
		if a.match(levels, path, info.IsDir()) == Ignored {
			a.st.Ignored++ // an ignored link is never followed, so it cannot fail the upload
			continue
		}
		if linkErr != nil {
			return linkErr
		}
		switch {
		case info.IsDir():
			if slices.Contains(reals, childReal) {
				target, _ := os.Readlink(path)
				return &LinkError{Path: childRel, Target: target, Reason: "makes a loop (it leads back to a folder that contains it)"}
			}
			if err := a.add(path, childRel, info); err != nil {
				return err
			}
			lv, err := a.readLevel(path)
			if err != nil {
				return err
			}
			if err := a.walk(path, append(reals[:len(reals):len(reals)], childReal), childRel, append(levels[:len(levels):len(levels)], lv)); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			if err := a.add(path, childRel, info); err != nil {
				return err
			}
		}
	}
	return nil
}

// follow resolves the link at path and checks that it may be uploaded. The target's information is
// returned whenever the target exists, even with an error, so that ignore rules can still be matched.
func (a *archiver) follow(path, rel string) (string, fs.FileInfo, error) {
	target, _ := os.Readlink(path)
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		reason := "is broken: its target does not exist"
		if !errors.Is(err, fs.ErrNotExist) {
			reason = "cannot be resolved: " + err.Error()
		}
		return "", nil, &LinkError{Path: rel, Target: target, Reason: reason}
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", nil, &LinkError{Path: rel, Target: target, Reason: "cannot be read: " + err.Error()}
	}
	if !within(a.realRoot, real) {
		return real, info, &LinkError{Path: rel, Target: target, Reason: "points outside the repository (" + a.realRoot + ")"}
	}
	if r := relSlash(a.realRoot, real); slices.Contains(strings.Split(r, "/"), ".git") {
		return real, info, &LinkError{Path: rel, Target: target, Reason: "points into a .git folder, which is never uploaded (it can hold credentials)"}
	}
	return real, info, nil
}

// addPrefix writes the uploaded folder's own entry ("./apps/api/") when entries carry a prefix, as the CLI's
// walk yields its root folder.
func (a *archiver) addPrefix() error {
	if a.prefix == "" {
		return nil
	}
	info, err := os.Stat(a.realDir)
	if err != nil {
		return err
	}
	if a.list != nil {
		a.list = append(a.list, "./"+a.prefix+"/")
		return nil
	}
	hdr, err := tar.FileInfoHeader(info, "")
	if err != nil {
		return err
	}
	hdr.Name = "./" + a.prefix + "/"
	hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = 0, 0, "", ""
	return a.tw.WriteHeader(hdr)
}

func (a *archiver) add(path, rel string, info fs.FileInfo) error {
	name := "./" + rel
	if a.prefix != "" {
		name = "./" + a.prefix + "/" + rel
	}
	if info.IsDir() {
		name += "/"
	}
	if a.list != nil {
		a.list = append(a.list, name)
		if !info.IsDir() {
			a.st.Files++
			a.st.Bytes += info.Size()
		}
		return nil
	}
	hdr, err := tar.FileInfoHeader(info, "")
	if err != nil {
		return err
	}
	hdr.Name = name
	hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = 0, 0, "", ""
	if info.IsDir() {
		return a.tw.WriteHeader(hdr)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := a.tw.WriteHeader(hdr); err != nil {
		return err
	}
	n, err := io.CopyN(a.tw, f, info.Size())
	a.st.Bytes += n
	a.st.Files++
	if err != nil {
		return fmt.Errorf("%s changed while it was archived: %w", rel, err)
	}
	return nil
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// GlobalExcludesFile finds git's global excludes file as the CLI's ignore crate does: core.excludesFile
// from GIT_CONFIG_GLOBAL, else ~/.gitconfig, else $XDG_CONFIG_HOME/git/config (~/.config/git/config),
// else GIT_CONFIG_SYSTEM (/etc/gitconfig); without one, $XDG_CONFIG_HOME/git/ignore (~/.config/git/ignore).
// getenv reads the environment; "" when no home is known.
func GlobalExcludesFile(getenv func(string) string) string {
	home := getenv("HOME")
	xdg := getenv("XDG_CONFIG_HOME")
	if xdg == "" && home != "" {
		xdg = filepath.Join(home, ".config")
	}
	var configs []string
	if g := getenv("GIT_CONFIG_GLOBAL"); g != "" {
		configs = append(configs, g)
	} else {
		if home != "" {
			configs = append(configs, filepath.Join(home, ".gitconfig"))
		}
		if xdg != "" {
			configs = append(configs, filepath.Join(xdg, "git", "config"))
		}
	}
	if s := getenv("GIT_CONFIG_SYSTEM"); s != "" {
		configs = append(configs, s)
	} else {
		configs = append(configs, "/etc/gitconfig")
	}
	for _, c := range configs {
		data, err := os.ReadFile(c)
		if err != nil {
			continue
		}
		if m := excludesFileRE.FindSubmatch(data); m != nil {
			p := string(m[1])
			if rest, ok := strings.CutPrefix(p, "~/"); ok && home != "" {
				p = filepath.Join(home, rest)
			}
			return p
		}
	}
	if xdg == "" {
		return ""
	}
	return filepath.Join(xdg, "git", "ignore")
}

var excludesFileRE = regexp.MustCompile(`(?im)^\s*excludesfile\s*=\s*"?\s*(\S+?)\s*"?\s*$`)
