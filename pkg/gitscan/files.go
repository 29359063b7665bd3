package gitscan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"
)

// ScanFiles yields the content of every regular file under root (no git needed), as one span
// per file; directories named .git, symbolic links and other special files are skipped, and
// so are files that Options.SkipPath accepts, binary files and files over MaxFileSize
// (counted). Paths passed to fn and SkipPath are slash-separated and relative to root. fn is
// called from several goroutines at once.
func ScanFiles(ctx context.Context, root string, opts Options, fn func(Change)) (Stats, error) {
	fi, err := os.Stat(root)
	if err != nil {
		return Stats{}, fmt.Errorf("scan files: %w", err)
	}
	if !fi.IsDir() {
		return Stats{}, fmt.Errorf("scan files: %s is not a directory", root)
	}
	var cnt counters
	g, ctx := errgroup.WithContext(ctx)
	paths := make(chan string, 64)
	g.Go(func() error {
		defer close(paths)
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrPermission) {
					cnt.missing.Add(1)
					return nil
				}
				return err
			}
			if d.IsDir() {
				if d.Name() == ".git" && p != root {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if opts.SkipPath != nil && opts.SkipPath(rel) {
				cnt.path.Add(1)
				return nil
			}
			select {
			case paths <- rel:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	for range opts.workers() {
		g.Go(func() error {
			for rel := range paths {
				if err := scanFile(root, rel, opts, fn, &cnt); err != nil {
					return err
				}
			}
			return nil
		})
	}
	err = g.Wait()
	return Stats{
		Files: int(cnt.files.Load()), Bytes: cnt.bytes.Load(), SkippedBinary: int(cnt.binary.Load()),
		SkippedLarge: int(cnt.large.Load()), SkippedMissing: int(cnt.missing.Load()), SkippedPath: int(cnt.path.Load()),
	}, err
}

func scanFile(root, rel string, opts Options, fn func(Change), cnt *counters) error {
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
			cnt.missing.Add(1)
			return nil
		}
		return fmt.Errorf("scan files: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("scan files: %w", err)
	}
	if opts.MaxFileSize > 0 && fi.Size() > opts.MaxFileSize {
		cnt.large.Add(1)
		return nil
	}
	content := make([]byte, fi.Size())
	n, err := readFull(f, content)
	if err != nil {
		return fmt.Errorf("scan files: read %s: %w", rel, err)
	}
	content = content[:n]
	if IsBinary(content) {
		cnt.binary.Add(1)
		return nil
	}
	cnt.files.Add(1)
	spans := wholeSpan(content)
	if len(spans) == 0 {
		return nil
	}
	cnt.bytes.Add(int64(spans[0].End))
	fn(Change{Path: rel, Content: content, Spans: spans})
	return nil
}

// readFull reads until buf is full or the file ends (it may have shrunk since Stat).
func readFull(f *os.File, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := f.Read(buf[n:])
		n += m
		if err != nil {
			if errors.Is(err, io.EOF) {
				return n, nil
			}
			return n, err
		}
	}
	return n, nil
}
