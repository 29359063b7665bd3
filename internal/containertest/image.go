package containertest

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	actions "github.com/rose/actions"
)

// GoBuildFlags are the Dockerfile's flags for the action binaries (a test checks that the Dockerfile uses
// them): static (CGO_ENABLED=0), reproducible paths, no debug symbols.
var GoBuildFlags = []string{"-trimpath", `-ldflags=-s -w`}

// HostCABundle is where Debian (and the machines the test runs on) keep the CA bundle; the Dockerfile's
// build stage gets the same file from Alpine's ca-certificates package.
const HostCABundle = "/etc/ssl/certs/ca-certificates.crt"

// BuildBinaries builds every action's program into dir, for linux/goarch, as the Dockerfile does
// (`go build ... -o /out/$a ./actions/$a`), reusing the Go build cache.
func BuildBinaries(ctx context.Context, repo, dir, goarch string) error {
	args := append([]string{"build"}, GoBuildFlags...)
	args = append(args, "-o", dir+string(os.PathSeparator))
	for _, a := range actions.Names() {
		args = append(args, "./actions/"+a)
	}
	cmd := exec.CommandContext(ctx, "go", args...) //nolint:gosec // the go tool with this program's own arguments
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+goarch)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// Context lays out the build context of TestDockerfile in dir: the Dockerfile, out/ with the binaries of
// bins, rootfs/tmp (mode 1777) and the host's CA bundle with extraCA appended. brk builds a deliberate
// defect into it. It returns the CA bundle the image should hold.
func Context(dir string, dockerfile []byte, bins string, extraCA []byte, brk Break) ([]byte, error) {
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), dockerfile, 0o644); err != nil {
		return nil, err
	}
	host, err := os.ReadFile(HostCABundle)
	if err != nil {
		return nil, fmt.Errorf("the host's CA bundle, copied into the image: %w", err)
	}
	bundle := append(append(slices.Clip(host), '\n'), extraCA...)
	ca := bundle
	if brk == NoCABundle {
		ca = nil
	}
	if err := os.WriteFile(filepath.Join(dir, "ca-certificates.crt"), ca, 0o644); err != nil {
		return nil, err
	}
	rootfs := filepath.Join(dir, "rootfs")
	if err := os.MkdirAll(rootfs, 0o755); err != nil {
		return nil, err
	}
	tmp := filepath.Join(rootfs, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return nil, err
	}
	// Mkdir's mode goes through the umask, and has no sticky bit: set it as the Dockerfile does.
	mode := 0o777 | os.ModeSticky
	if brk == TmpMode {
		mode = 0o755
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	for _, a := range actions.Names() {
		if err := copyFile(filepath.Join(bins, a), filepath.Join(out, a), 0o755); err != nil {
			return nil, err
		}
	}
	return bundle, nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, mode)
}

// ImageFile is an entry of the image's file system (its layers merged).
type ImageFile struct {
	Mode     os.FileMode
	UID, GID int
	Size     int64
	SHA256   [32]byte
	Data     []byte // kept for small files only
}

// ImageConfig is the part of the image configuration the runner depends on.
type ImageConfig struct {
	User       string
	Env        []string
	Entrypoint []string
	Cmd        []string
	WorkingDir string
	Labels     map[string]string
}

// Image is a saved image: its configuration and its files.
type Image struct {
	Config ImageConfig
	Files  map[string]ImageFile // path without a leading slash; folders end with /
}

// ReadSavedImage reads the output of `docker save` (Docker's legacy layout or the OCI layout that newer
// engines write; both have a manifest.json).
func ReadSavedImage(r io.Reader) (*Image, error) {
	blobs := map[string][]byte{}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		blobs[path.Clean(h.Name)] = b
	}
	var manifest []struct {
		Config string
		Layers []string
	}
	if err := json.Unmarshal(blobs["manifest.json"], &manifest); err != nil {
		return nil, fmt.Errorf("docker save: manifest.json: %w", err)
	}
	if len(manifest) != 1 {
		return nil, fmt.Errorf("docker save: manifest.json lists %d images; want 1", len(manifest))
	}
	var cfg struct {
		Config ImageConfig `json:"config"`
	}
	if err := json.Unmarshal(blobs[path.Clean(manifest[0].Config)], &cfg); err != nil {
		return nil, fmt.Errorf("docker save: image config: %w", err)
	}
	img := &Image{Config: cfg.Config, Files: map[string]ImageFile{}}
	for _, l := range manifest[0].Layers {
		layer, ok := blobs[path.Clean(l)]
		if !ok {
			return nil, fmt.Errorf("docker save: layer %s missing", l)
		}
		if err := img.applyLayer(layer); err != nil {
			return nil, fmt.Errorf("layer %s: %w", l, err)
		}
	}
	return img, nil
}

func (img *Image) applyLayer(layer []byte) error {
	tr := tar.NewReader(bytes.NewReader(layer))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(path.Clean("/"+h.Name), "/")
		if base := path.Base(name); strings.HasPrefix(base, ".wh.") {
			// A whiteout removes a file of a lower layer.
			victim := path.Join(path.Dir(name), strings.TrimPrefix(base, ".wh."))
			for p := range img.Files {
				if p == victim || p == victim+"/" || strings.HasPrefix(p, victim+"/") {
					delete(img.Files, p)
				}
			}
			continue
		}
		f := ImageFile{Mode: h.FileInfo().Mode(), UID: h.Uid, GID: h.Gid, Size: h.Size}
		if h.Typeflag == tar.TypeDir {
			name += "/"
		}
		if h.Typeflag == tar.TypeReg {
			b, err := io.ReadAll(tr)
			if err != nil {
				return err
			}
			f.SHA256 = sha256.Sum256(b)
			if len(b) <= 1<<20 {
				f.Data = b
			}
		}
		img.Files[name] = f
	}
}

// Expect is what the released image must hold.
type Expect struct {
	Version  string // the VERSION build argument
	Binaries string // folder of the binaries built on the host
	CABundle []byte // the CA bundle put in the build context
}

// Check compares the image with the contract of the released image and returns every difference: exactly
// the six programs (the host's build, byte for byte) in /usr/local/bin, the CA bundle with certificates in
// it, a /tmp anyone can write to (sticky), no USER, no ENTRYPOINT, PATH=/usr/local/bin, the OCI labels.
func (img *Image) Check(e Expect) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	want := map[string]bool{strings.TrimPrefix(CABundle, "/"): true}
	for _, a := range actions.Names() {
		p := strings.TrimPrefix(BinTarget, "/") + a
		want[p] = true
		f, ok := img.Files[p]
		switch {
		case !ok:
			bad("/%s is missing", p)
		case f.Mode.Perm()&0o111 == 0 || !f.Mode.IsRegular():
			bad("/%s is not an executable file (mode %v)", p, f.Mode)
		default:
			host, err := os.ReadFile(filepath.Join(e.Binaries, a))
			if err != nil {
				bad("read the host's %s: %v", a, err)
			} else if sha256.Sum256(host) != f.SHA256 {
				bad("/%s differs from the program built on the host", p)
			}
		}
	}
	ca, ok := img.Files[strings.TrimPrefix(CABundle, "/")]
	if !ok {
		bad("%s is missing: HTTPS to GitHub and Railway fails", CABundle)
	} else if n := countCerts(ca.Data); n == 0 {
		bad("%s holds no certificate: HTTPS to GitHub and Railway fails", CABundle)
	} else if ca.SHA256 != sha256.Sum256(e.CABundle) {
		bad("%s is not the bundle of the build stage", CABundle)
	}
	if tmp, ok := img.Files["tmp/"]; !ok {
		bad("/tmp is missing: programs that write temporary files fail")
	} else if tmp.Mode.Perm() != 0o777 || tmp.Mode&os.ModeSticky == 0 || tmp.UID != 0 {
		bad("/tmp has mode %v owner %d; want drwxrwxrwt (1777) owned by root", tmp.Mode, tmp.UID)
	}
	var extra []string
	for p, f := range img.Files {
		if !f.Mode.IsDir() && !want[p] {
			extra = append(extra, "/"+p)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		bad("unexpected files in the image: %s", strings.Join(extra, ", "))
	}

	c := img.Config
	if c.User != "" {
		bad("the image runs as user %q: the runner's file-command files are writable by root only", c.User)
	}
	if len(c.Entrypoint) > 0 || len(c.Cmd) > 0 {
		bad("the image has entrypoint %q and command %q; want none (each action.yml names its program in runs.args)", c.Entrypoint, c.Cmd)
	}
	if !slices.Contains(c.Env, "PATH=/usr/local/bin") {
		bad("the image's environment %q lacks PATH=/usr/local/bin", c.Env)
	}
	for k, v := range map[string]string{
		"org.opencontainers.image.source":  "https://github.com/rose/actions",
		"org.opencontainers.image.version": e.Version,
	} {
		if c.Labels[k] != v {
			bad("label %s is %q; want %q", k, c.Labels[k], v)
		}
	}
	return problems
}

func countCerts(b []byte) int {
	n := 0
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			return n
		}
		if blk.Type == "CERTIFICATE" {
			n++
		}
	}
}
