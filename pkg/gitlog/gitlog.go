// Package gitlog reads a repository's history with go-git: it opens the
// workspace repository, finds the last release tag reachable from a commit and
// lists the commits between two revisions. It needs no git binary and does not
// check file ownership, so it works on a workspace owned by another user.
package gitlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// ErrShallow is wrapped by the errors returned when the answer needs history
// that a shallow clone does not have. It gives no advice: ShallowAdvice says
// what to do, in a workflow or locally.
var ErrShallow = errors.New("shallow clone: the history needed is not in this clone")

// ShallowAdvice says how to get the full history: `fetch-depth: 0` on
// actions/checkout in a workflow, `git fetch --unshallow` (and --tags) locally.
func ShallowAdvice(ci bool) string {
	if ci {
		return "check out the full history: set `fetch-depth: 0` on actions/checkout"
	}
	return "fetch the full history with `git fetch --unshallow --tags`"
}

// Repo is an opened git repository.
type Repo struct {
	git     *git.Repository
	dir     string
	shallow map[plumbing.Hash]bool
	cache   map[plumbing.Hash]*object.Commit
	trees   map[plumbing.Hash]*object.Tree
	peeled  map[plumbing.Hash]plumbing.Hash // tag ref target -> commit (zero: not a commit)
	refs    []*plumbing.Reference           // tag references, listed once
}

// Commit is one commit of a history listing.
type Commit struct {
	SHA         string    // full hexadecimal object name
	Message     string    // full commit message
	Author      string    // author name
	AuthorEmail string    // author e-mail address
	Date        time.Time // author date
	Parents     int       // number of parents (2 or more for a merge)
}

// Tag is a release tag whose name, less its prefix, is a semantic version.
type Tag struct {
	Name      string          // short tag name, e.g. "v1.2.3" or "tools/v1.2.3"
	Version   *semver.Version // the parsed version
	SHA       string          // the commit the tag points at (peeled)
	Annotated bool            // whether the tag is an annotated tag object
}

// TagOptions selects the release tags of interest.
type TagOptions struct {
	// Prefix precedes the version in a tag name; "v" gives "v1.2.3".
	Prefix string
	// Path is a monorepo sub-folder; when set tags are "<Path>/<Prefix>1.2.3".
	Path string
	// Prerelease makes tags with a prerelease part (1.2.0-rc.1) count as
	// releases. Otherwise only stable versions are considered.
	Prerelease bool
	// Below, when set, keeps only versions lower than it: the release before
	// a given one.
	Below *semver.Version
}

// LogOptions selects the commits listed by [Repo.Log].
type LogOptions struct {
	// From is the revision whose history is excluded (a tag, branch or SHA).
	// Empty means the start of history.
	From string
	// To is the last revision listed; empty means HEAD.
	To string
	// FirstParent follows only the first parent of merge commits.
	FirstParent bool
	// IncludeMerges lists merge commits too; they are excluded by default.
	IncludeMerges bool
	// Paths keeps only the commits that change something under one of these
	// slash-separated paths (files or folders) compared with their first parent.
	Paths []string
}

// Open opens the repository that holds dir (dir or one of its parents). Like
// go-git, it applies no file-ownership check (git's safe.directory), so a
// workspace owned by another user opens as well. The pack files stay open and
// their listing is cached: the repository is read as it was when opened, so
// open it again after writing to it, and Close it when done.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open repository: %w", err)
	}
	g, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		// A bare repository has no .git folder to detect.
		if bare, berr := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{EnableDotGitCommonDir: true}); berr == nil {
			g, err = bare, nil
		}
	}
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("open repository: %s is not inside a git repository (check out the repository first, e.g. with actions/checkout)", abs)
		}
		return nil, fmt.Errorf("open repository %s: %w", abs, err)
	}
	// Reopen the storage keeping pack files open: go-git otherwise reopens
	// the pack for every object read, which makes a 20,000-commit walk
	// twenty times slower.
	if fsStore, ok := g.Storer.(*filesystem.Storage); ok {
		var wt billy.Filesystem
		if w, err := g.Worktree(); err == nil {
			wt = w.Filesystem
		}
		// objects/info/alternates (git clone --shared or --reference) holds absolute paths, which go-git
		// reads inside the .git folder unless it is given the whole file system to read them from.
		objects := cache.NewObjectLRUDefault()
		st := filesystem.NewStorageWithOptions(fsStore.Filesystem(), objects,
			filesystem.Options{KeepDescriptors: true, ExclusiveAccess: true, AlternatesFS: osfs.New("/")})
		var storer storage.Storer = st
		if alts := openAlternates(fsStore.Filesystem(), objects); len(alts) > 0 {
			storer = &alternatesStorer{Storage: st, alts: alts}
		}
		g2, err := git.Open(storer, wt)
		if err != nil {
			return nil, fmt.Errorf("open repository %s: %w", abs, err)
		}
		g = g2
	}
	r := &Repo{git: g, dir: abs, shallow: map[plumbing.Hash]bool{}}
	hs, err := g.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("open repository %s: read shallow list: %w", abs, err)
	}
	for _, h := range hs {
		r.shallow[h] = true
	}
	return r, nil
}

// alternatesStorer reads objects from the object directories of objects/info/alternates first (a clone
// made with --shared or --reference finds nearly all its objects there), each opened once with its pack
// files kept open, then from the repository's own. go-git alone opens an alternate again, pack index and
// all, for every object the repository does not hold itself: minutes for a walk of a large history.
type alternatesStorer struct {
	*filesystem.Storage
	alts []*filesystem.ObjectStorage
}

func (s *alternatesStorer) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	for _, a := range s.alts {
		if o, err := a.EncodedObject(t, h); err == nil {
			return o, nil
		}
	}
	return s.Storage.EncodedObject(t, h)
}

func (s *alternatesStorer) HasEncodedObject(h plumbing.Hash) error {
	for _, a := range s.alts {
		if a.HasEncodedObject(h) == nil {
			return nil
		}
	}
	return s.Storage.HasEncodedObject(h)
}

func (s *alternatesStorer) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	for _, a := range s.alts {
		if n, err := a.EncodedObjectSize(h); err == nil {
			return n, nil
		}
	}
	return s.Storage.EncodedObjectSize(h)
}

func (s *alternatesStorer) Close() error {
	for _, a := range s.alts {
		_ = a.Close()
	}
	return s.Storage.Close()
}

// openAlternates opens the object directories objects/info/alternates names with an absolute path (git
// writes absolute paths for --shared and --reference); others are left to go-git.
func openAlternates(fs billy.Filesystem, objects cache.Object) []*filesystem.ObjectStorage {
	f, err := fs.Open(fs.Join("objects", "info", "alternates"))
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil
	}
	var out []*filesystem.ObjectStorage
	for _, line := range strings.Split(string(b), "\n") {
		p := strings.TrimSpace(line)
		if p == "" || strings.HasPrefix(p, "#") || !filepath.IsAbs(p) || filepath.Base(p) != "objects" {
			continue
		}
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			continue
		}
		opts := filesystem.Options{KeepDescriptors: true, ExclusiveAccess: true, AlternatesFS: osfs.New("/")}
		dg := dotgit.NewWithOptions(osfs.New(filepath.Dir(p)), dotgit.Options{KeepDescriptors: true,
			ExclusiveAccess: true, AlternatesFS: opts.AlternatesFS})
		out = append(out, filesystem.NewObjectStorageWithOptions(dg, objects, opts))
	}
	return out
}

// Close releases the files the repository keeps open.
func (r *Repo) Close() error {
	if c, ok := r.git.Storer.(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
}

// Git returns the underlying go-git repository, for callers that need objects
// (trees, blobs, diffs) this package does not wrap.
func (r *Repo) Git() *git.Repository { return r.git }

// Dir returns the absolute path the repository was opened from.
func (r *Repo) Dir() string { return r.dir }

// Shallow reports whether the repository is a shallow clone.
func (r *Repo) Shallow() bool { return len(r.shallow) > 0 }

// Resolve returns the full SHA of the commit a revision names ("HEAD", a
// branch, a tag, a SHA or an abbreviation).
func (r *Repo) Resolve(rev string) (string, error) {
	h, err := r.resolve(rev)
	if err != nil {
		return "", err
	}
	return h.String(), nil
}

// Tags returns every release tag matching opts, reachable or not, highest
// version first.
func (r *Repo) Tags(opts TagOptions) ([]Tag, error) {
	return r.tags(opts)
}

// LastRelease returns the highest release tag matching opts that is reachable
// from rev (empty means HEAD), or nil when there is none.
func (r *Repo) LastRelease(ctx context.Context, rev string, opts TagOptions) (*Tag, error) {
	return r.lastRelease(ctx, rev, opts)
}

// TagsAt returns the release tags matching opts that point at rev.
func (r *Repo) TagsAt(rev string, opts TagOptions) ([]Tag, error) {
	h, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	all, err := r.tags(opts)
	if err != nil {
		return nil, err
	}
	var out []Tag
	for _, t := range all {
		if t.SHA == h.String() {
			out = append(out, t)
		}
	}
	return out, nil
}

// Log lists the commits reachable from opts.To but not from opts.From, newest
// first (in the order of a commit-date walk, children before parents).
func (r *Repo) Log(ctx context.Context, opts LogOptions) ([]Commit, error) {
	return r.log(ctx, opts)
}

// Exists reports whether the slash-separated path (a file or a folder)
// exists in the tree of rev.
func (r *Repo) Exists(rev, path string) (bool, error) {
	h, err := r.resolve(rev)
	if err != nil {
		return false, err
	}
	c, err := r.commit(h)
	if err != nil {
		return false, err
	}
	p := strings.Trim(filepath.ToSlash(filepath.Clean("/"+path)), "/")
	if p == "" {
		return true, nil
	}
	e, err := r.entryAt(c.TreeHash, strings.Split(p, "/"))
	return !e.IsZero(), err
}

// TagDate returns the date of a release: the tagger's date of an annotated tag, or the committer's date of
// the commit a lightweight tag points at.
func (r *Repo) TagDate(name string) (time.Time, error) {
	ref, err := r.git.Tag(name)
	if err != nil {
		return time.Time{}, fmt.Errorf("tag %s: %w", name, err)
	}
	if t, err := r.git.TagObject(ref.Hash()); err == nil {
		return t.Tagger.When, nil
	}
	h, err := r.peel(ref.Hash())
	if err != nil {
		return time.Time{}, fmt.Errorf("tag %s: %w", name, err)
	}
	c, err := r.commit(h)
	if err != nil {
		return time.Time{}, fmt.Errorf("tag %s: %w", name, err)
	}
	return c.Committer.When, nil
}

// IsTag reports whether name is a tag of the repository.
func (r *Repo) IsTag(name string) bool {
	_, err := r.git.Tag(name)
	return err == nil
}

// RemoteURL returns the first URL of the named remote ("origin"), or "" when
// the remote does not exist.
func (r *Repo) RemoteURL(name string) string {
	rem, err := r.git.Remote(name)
	if err != nil || len(rem.Config().URLs) == 0 {
		return ""
	}
	return rem.Config().URLs[0]
}

var (
	webHost = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$`)
	webPath = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+$`)
)

// WebURL turns a git remote URL (https, ssh or scp-like git@host:owner/name.git) into the repository's web
// address (https://host/owner/name), without credentials; "" when it cannot.
func WebURL(remote string) string {
	remote = strings.TrimSpace(remote)
	if remote == "" {
		return ""
	}
	var host, path string
	if u, err := url.Parse(remote); err == nil && u.Host != "" {
		switch u.Scheme {
		case "http", "https", "ssh", "git", "git+ssh", "ssh+git":
		default:
			return ""
		}
		host, path = u.Hostname(), u.Path
		if u.Scheme == "http" || u.Scheme == "https" {
			if p := u.Port(); p != "" {
				host += ":" + p
			}
		}
	} else if at := strings.Index(remote, "@"); at >= 0 && strings.Contains(remote[at:], ":") && !strings.Contains(remote, "://") {
		rest := remote[at+1:]
		i := strings.IndexByte(rest, ':')
		host, path = rest[:i], rest[i+1:]
	} else {
		return ""
	}
	path = strings.Trim(strings.TrimSuffix(strings.Trim(path, "/"), ".git"), "/")
	// Only plain host names and owner/name paths make a link (GitHub's names: letters, digits, ".", "_",
	// "-"); anything else is no repository page.
	if !webHost.MatchString(host) || !webPath.MatchString(path) || strings.Contains("/"+path+"/", "/../") ||
		strings.Contains("/"+path+"/", "/./") {
		return ""
	}
	return "https://" + host + "/" + path
}
