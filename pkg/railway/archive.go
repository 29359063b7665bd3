package railway

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignoreFiles are read in every folder, in this order (a later file's rules win), like `railway up`.
var ignoreFiles = []string{".gitignore", ".railwayignore"}

// alwaysExcluded folders are never uploaded, at any depth.
var alwaysExcluded = map[string]bool{".git": true, "node_modules": true}

// ArchiveStats describes an archive.
type ArchiveStats struct {
	Files   int   // regular files and symlinks
	Bytes   int64 // uncompressed file content
	Ignored int   // files and folders left out
}

// Archive writes dir as a gzipped tar to w, the way `railway up` does: entries named "./<relative path>",
// dotfiles included, the rules of every .gitignore and .railwayignore honoured (a .railwayignore can
// re-include with "!"), and .git and node_modules always left out.
func Archive(dir string, w io.Writer) (ArchiveStats, error) {
	var st ArchiveStats
	root, err := filepath.Abs(dir)
	if err != nil {
		return st, err
	}
	info, err := os.Stat(root)
	if err != nil {
		return st, fmt.Errorf("archive %s: %w", dir, err)
	}
	if !info.IsDir() {
		return st, fmt.Errorf("archive %s: not a folder", dir)
	}
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	var patterns []gitignore.Pattern
	matcher := gitignore.NewMatcher(nil)
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if rel == "." {
			ps, err := readIgnores(path, nil)
			if err != nil {
				return err
			}
			patterns = append(patterns, ps...)
			matcher = gitignore.NewMatcher(patterns)
			return nil
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if d.IsDir() && alwaysExcluded[d.Name()] || matcher.Match(parts, d.IsDir()) {
			st.Ignored++
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			ps, err := readIgnores(path, parts)
			if err != nil {
				return err
			}
			if len(ps) > 0 {
				patterns = append(patterns, ps...)
				matcher = gitignore.NewMatcher(patterns)
			}
		}
		return addEntry(tw, path, "./"+filepath.ToSlash(rel), d, &st)
	})
	if err != nil {
		return st, fmt.Errorf("archive %s: %w", dir, err)
	}
	if err := tw.Close(); err != nil {
		return st, err
	}
	return st, gz.Close()
}

func readIgnores(dir string, domain []string) ([]gitignore.Pattern, error) {
	var ps []gitignore.Pattern
	for _, name := range ignoreFiles {
		f, err := os.Open(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			ps = append(ps, gitignore.ParsePattern(line, domain))
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

func addEntry(tw *tar.Writer, path, name string, d fs.DirEntry, st *ArchiveStats) error {
	info, err := d.Info()
	if err != nil {
		return err
	}
	link := ""
	if info.Mode()&fs.ModeSymlink != 0 {
		if link, err = os.Readlink(path); err != nil {
			return err
		}
	} else if !info.Mode().IsRegular() && !info.IsDir() {
		return nil // sockets, devices, pipes
	}
	hdr, err := tar.FileInfoHeader(info, link)
	if err != nil {
		return err
	}
	hdr.Name = name
	if info.IsDir() {
		hdr.Name += "/"
	}
	hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = 0, 0, "", ""
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	if info.IsDir() {
		return nil
	}
	st.Files++
	if !info.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := io.Copy(tw, f)
	st.Bytes += n
	return err
}
