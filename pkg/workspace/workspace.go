// Package workspace keeps an action's file access inside the folders it was given: paths are resolved with
// their symbolic links and refused when they leave the root, reads accept only regular files, and writes
// replace the file through a temporary file and a rename, so a link planted in a repository is never followed.
package workspace

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// maxLinks bounds the symbolic links followed while resolving one path, as the kernel's ELOOP limit does.
const maxLinks = 40

// ErrOutside reports a path that leaves every allowed root once its links are resolved.
var ErrOutside = errors.New("the path leaves the allowed folders")

// Resolve returns the absolute form of p, relative paths taken from roots[0], with every symbolic link of
// its existing part resolved (a dangling final link included), and checks that it lies inside one of roots
// (roots are resolved the same way). It fails with ErrOutside otherwise.
func Resolve(p string, roots ...string) (string, error) {
	if len(roots) == 0 || roots[0] == "" {
		return "", errors.New("no workspace folder")
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(roots[0], p)
	}
	resolved, err := resolveLinks(p)
	if err != nil {
		return "", err
	}
	for _, r := range roots {
		if r == "" {
			continue
		}
		rr, err := resolveLinks(r)
		if err != nil {
			return "", err
		}
		if Within(rr, resolved) {
			return resolved, nil
		}
	}
	return "", ErrOutside
}

// Within reports whether p is root or lies below it. Both must be clean absolute paths.
func Within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}

// resolveLinks walks p component by component, replacing each symbolic link by its target. Components that
// do not exist yet are kept as written (a file about to be created).
func resolveLinks(p string) (string, error) {
	p = filepath.Clean(p)
	if !filepath.IsAbs(p) {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", err
		}
		p = abs
	}
	done := string(filepath.Separator)
	rest := strings.Split(strings.TrimPrefix(p, done), string(filepath.Separator))
	links := 0
	for len(rest) > 0 {
		c := rest[0]
		rest = rest[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			done = filepath.Dir(done)
			continue
		}
		next := filepath.Join(done, c)
		st, err := os.Lstat(next)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
				// Nothing below a missing component can be a link: keep the rest as written.
				return filepath.Join(append([]string{next}, rest...)...), nil
			}
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		links++
		if links > maxLinks {
			return "", fmt.Errorf("%s: too many levels of symbolic links", p)
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", err
		}
		if filepath.IsAbs(target) {
			done = string(filepath.Separator)
		}
		rest = append(strings.Split(strings.Trim(target, string(filepath.Separator)), string(filepath.Separator)), rest...)
	}
	return done, nil
}

// ReadFile reads path only when it is a regular file: never a link, a device, a FIFO or a folder, so a
// committed link to /proc/self/environ or /dev/zero cannot be read through it.
func ReadFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, fmt.Errorf("read %s: it is a symbolic link, not a regular file", path)
		}
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("read %s: not a regular file (%s)", path, describeMode(st.Mode()))
	}
	return io.ReadAll(f)
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return m.Type().String()
}

// Owner is the user and group that files created for the workspace get. A negative UID leaves ownership alone.
type Owner struct {
	UID, GID int
	// Chown changes a path's owner without following links; nil means os.Lchown.
	Chown func(path string, uid, gid int) error
}

// NoOwner leaves ownership as the process creates it.
var NoOwner = Owner{UID: -1, GID: -1}

// OwnerOf returns the owner of dir, the workspace folder: Docker actions run as root while the workspace
// belongs to the runner user, and files they leave owned by root trip later steps and runner clean-up.
func OwnerOf(dir string) Owner {
	st, err := os.Stat(dir)
	if err != nil {
		return NoOwner
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return NoOwner
	}
	return Owner{UID: int(sys.Uid), GID: int(sys.Gid)}
}

func (o Owner) apply(path string) error {
	if o.UID < 0 {
		return nil
	}
	chown := o.Chown
	if chown == nil {
		if os.Geteuid() != 0 {
			return nil // only root can give a file away; an unprivileged process already owns what it made
		}
		chown = os.Lchown
	}
	if st, err := os.Lstat(path); err == nil {
		if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) == o.UID && int(sys.Gid) == o.GID {
			return nil
		}
	}
	if err := chown(path, o.UID, o.GID); err != nil && !errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("give %s to uid %d: %w", path, o.UID, err)
	}
	return nil
}

// MkdirAll creates dir and its missing parents, each given to owner. dir must already be resolved.
func MkdirAll(dir string, owner Owner) error {
	st, err := os.Lstat(dir)
	if err == nil {
		if !st.IsDir() {
			return fmt.Errorf("create folder %s: a file of that name exists", dir)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := MkdirAll(parent, owner); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return owner.apply(dir)
}

// WriteFile replaces path with data without following a link at path: the data goes to a temporary file in
// the same folder, which is then renamed over path, so readers never see a half-written file either. An
// existing file keeps its permission bits; a new one gets perm. The file is given to owner.
func WriteFile(path string, data []byte, perm fs.FileMode, owner Owner) error {
	dir := filepath.Dir(path)
	if err := MkdirAll(dir, owner); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if st, err := os.Lstat(path); err == nil {
		switch {
		case st.Mode().IsRegular():
			perm = st.Mode().Perm()
		case st.Mode()&fs.ModeSymlink != 0:
			// Replaced by a regular file below; the link's target is never touched.
		default:
			return fmt.Errorf("write %s: not a regular file (%s)", path, describeMode(st.Mode()))
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := owner.apply(name); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
