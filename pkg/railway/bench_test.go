package railway_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/railway"
)

// BenchmarkArchive measures the `mode: up` tarball of a 2,000-file project (4 KiB of text each, 8 MiB in
// all) with a node_modules folder and ignored files left out.
func BenchmarkArchive(b *testing.B) {
	dir := b.TempDir()
	content := strings.Repeat("def handler(request):\n    return {'ok': True}\n", 90)[:4096]
	for i := range 2000 {
		p := filepath.Join(dir, fmt.Sprintf("pkg%02d", i%40), fmt.Sprintf("mod%04d.py", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	for i := range 500 {
		p := filepath.Join(dir, "node_modules", fmt.Sprintf("dep%d", i%50), fmt.Sprintf("f%d.js", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*.pyc\n__pycache__/\n"), 0o644)
	b.SetBytes(2000 * 4096)
	for b.Loop() {
		st, err := railway.Archive(dir, io.Discard)
		if err != nil || st.Files != 2001 {
			b.Fatalf("%+v %v", st, err)
		}
	}
}
