package railway_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestUploadSendsFilteredTarball(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app.py":                         "print('hi')",
		"requirements.txt":               "fastapi\n",
		".env.example":                   "KEY=\n",
		".gitignore":                     "*.log\nbuild/\n__pycache__/\n.env\n",
		".railwayignore":                 "tests/fixtures/\n!keep.log\n",
		".env":                           "SECRET=1",
		"debug.log":                      "noise",
		"keep.log":                       "kept by .railwayignore",
		"build/out.bin":                  "binary",
		"__pycache__/app.cpython.pyc":    "pyc",
		".git/HEAD":                      "ref: refs/heads/main",
		".git/config":                    "[core]",
		"node_modules/left-pad/index.js": "module.exports=1",
		"web/node_modules/x/y.js":        "nested",
		"web/src/main.ts":                "export {}",
		"web/.gitignore":                 "dist\n",
		"web/dist/bundle.js":             "bundle",
		"tests/test_app.py":              "def test(): pass",
		"tests/fixtures/big.json":        "{}",
		"docs/.gitignore":                "/secret.md\n",
		"docs/secret.md":                 "secret",
		"docs/sub/secret.md":             "not anchored: kept",
	})
	if err := os.Symlink("app.py", filepath.Join(dir, "main.py")); err != nil {
		t.Fatal(err)
	}

	srv := railwaytest.New()
	defer srv.Close()
	c, _ := newClient(srv, projectToken(srv))
	var buf bytes.Buffer
	st, err := railway.Archive(dir, &buf)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Upload(context.Background(), "proj-1", "env-prod", "svc-1", "deploy abc", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if res.DeploymentID == "" || res.LogsURL == "" {
		t.Errorf("result %+v", res)
	}
	if len(srv.Uploads) != 1 {
		t.Fatalf("%d uploads", len(srv.Uploads))
	}
	up := srv.Uploads[0]
	if up.ContentType != "application/gzip" || up.ServiceID != "svc-1" || up.Message != "deploy abc" {
		t.Errorf("upload %+v", up)
	}
	var files []string
	for _, n := range up.Names {
		if n[len(n)-1] != '/' {
			files = append(files, n)
		}
	}
	sort.Strings(files)
	want := []string{"./.env.example", "./.gitignore", "./.railwayignore", "./app.py", "./docs/.gitignore",
		"./docs/sub/secret.md", "./keep.log", "./main.py", "./requirements.txt", "./tests/test_app.py",
		"./web/.gitignore", "./web/src/main.ts"}
	if !slices.Equal(files, want) {
		t.Errorf("archived files\n got %v\nwant %v", files, want)
	}
	for _, n := range up.Names {
		for _, bad := range []string{".git/", "node_modules", "build/", "dist", "__pycache__", "fixtures"} {
			if bytes.Contains([]byte(n), []byte(bad)) {
				t.Errorf("archive holds %s", n)
			}
		}
	}
	if up.Entries["./app.py"] != "print('hi')" || up.Entries["./keep.log"] != "kept by .railwayignore" {
		t.Errorf("contents %q %q", up.Entries["./app.py"], up.Entries["./keep.log"])
	}
	if st.Files != len(want) || st.Ignored == 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestUploadErrors(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	var buf bytes.Buffer
	if _, err := railway.Archive(writeTree(t, map[string]string{"a": "b"}), &buf); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	bad, _ := newClient(srv, railway.Token{Kind: railway.ProjectToken, Value: "rw-nope"})
	_, err := bad.Upload(ctx, "proj-1", "env-prod", "svc-1", "", buf.Bytes())
	var gerr *railway.GraphQLError
	if !errors.As(err, &gerr) || !gerr.Unauthorized() {
		t.Errorf("bad token upload: %v", err)
	}

	c, fs := newClient(srv, projectToken(srv))
	if _, err := c.Upload(ctx, "proj-1", "env-prod", "svc-nope", "", buf.Bytes()); err == nil {
		t.Error("unknown service accepted")
	}
	if _, err := c.Upload(ctx, "proj-1", "env-prod", "svc-1", "", []byte("not gzip")); err == nil {
		t.Error("garbage accepted")
	}
	srv.Faults = []railwaytest.Fault{{Op: "upload", Kind: railwaytest.RateLimited, RetryAfter: "4"}}
	if _, err := c.Upload(ctx, "proj-1", "env-prod", "svc-1", "", buf.Bytes()); err != nil || !slices.Contains(fs.waits, 4e9) {
		t.Errorf("upload after 429: %v, waits %v", err, fs.waits)
	}
	srv.Faults = []railwaytest.Fault{{Op: "upload", Kind: railwaytest.ServerError}}
	before := len(srv.Uploads)
	if _, err := c.Upload(ctx, "proj-1", "env-prod", "svc-1", "", buf.Bytes()); err == nil || len(srv.Uploads) != before {
		t.Errorf("upload after 502: %v (an upload is never retried after the server saw it)", err)
	}
}

func TestArchiveErrors(t *testing.T) {
	var buf bytes.Buffer
	if _, err := railway.Archive(filepath.Join(t.TempDir(), "missing"), &buf); err == nil {
		t.Error("missing folder archived")
	}
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	if _, err := railway.Archive(f, &buf); err == nil {
		t.Error("file archived as a folder")
	}
}
