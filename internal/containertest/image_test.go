package containertest

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	actions "github.com/rose/actions"
)

type tarEntry struct {
	name string
	mode int64
	uid  int
	dir  bool
	data []byte
}

func tarOf(t *testing.T, entries []tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: e.mode, Uid: e.uid, Size: int64(len(e.data)), Typeflag: tar.TypeReg}
		if e.dir {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// savedImage builds what `docker save` writes for an image of the given layers and configuration.
func savedImage(t *testing.T, cfg ImageConfig, layers ...[]tarEntry) []byte {
	t.Helper()
	c, err := json.Marshal(map[string]any{"config": cfg})
	if err != nil {
		t.Fatal(err)
	}
	var files []tarEntry
	var names []string
	for i, l := range layers {
		name := strings.Repeat(string(rune('a'+i)), 8) + "/layer.tar"
		names = append(names, name)
		files = append(files, tarEntry{name: name, mode: 0o644, data: tarOf(t, l)})
	}
	m, _ := json.Marshal([]map[string]any{{"Config": "cfg.json", "Layers": names}})
	files = append(files, tarEntry{name: "cfg.json", mode: 0o644, data: c}, tarEntry{name: "manifest.json", mode: 0o644, data: m})
	return tarOf(t, files)
}

// A certificate-shaped PEM block: Check counts blocks, it does not verify them.
const pemCert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

func TestImageCheck(t *testing.T) {
	bins := t.TempDir()
	// tar keeps the sticky bit as c_ISVTX (01000) in the mode.
	good := []tarEntry{{name: "etc/ssl/certs/ca-certificates.crt", mode: 0o644, data: []byte(pemCert)}, {name: "tmp/", mode: 0o777 | 0o1000, dir: true}}
	for _, a := range actions.Names() {
		if err := os.WriteFile(filepath.Join(bins, a), []byte("program "+a), 0o755); err != nil {
			t.Fatal(err)
		}
		good = append(good, tarEntry{name: "usr/local/bin/" + a, mode: 0o755, data: []byte("program " + a)})
	}
	cfg := ImageConfig{Env: []string{"PATH=/usr/local/bin"}, Labels: map[string]string{
		"org.opencontainers.image.source": "https://github.com/rose/actions", "org.opencontainers.image.version": "v9"}}
	e := Expect{Version: "v9", Binaries: bins, CABundle: []byte(pemCert)}

	replace := func(name string, with *tarEntry) []tarEntry {
		var out []tarEntry
		for _, x := range good {
			if x.name != name {
				out = append(out, x)
			} else if with != nil {
				out = append(out, *with)
			}
		}
		return out
	}
	userCfg := cfg
	userCfg.User = "1001"
	tests := []struct {
		name   string
		cfg    ImageConfig
		layers [][]tarEntry
		want   []string // substrings of the problems, in order; none for a good image
	}{
		{"good", cfg, [][]tarEntry{good}, nil},
		{"good, in two layers with a whiteout", cfg, [][]tarEntry{append(good, tarEntry{name: "junk", mode: 0o644}), {{name: ".wh.junk", mode: 0o644}}}, nil},
		{"empty CA bundle", cfg, [][]tarEntry{replace("etc/ssl/certs/ca-certificates.crt", &tarEntry{name: "etc/ssl/certs/ca-certificates.crt", mode: 0o644})}, []string{"holds no certificate"}},
		{"another CA bundle", cfg, [][]tarEntry{replace("etc/ssl/certs/ca-certificates.crt", &tarEntry{name: "etc/ssl/certs/ca-certificates.crt", mode: 0o644, data: []byte(pemCert + pemCert)})}, []string{"not the bundle of the build stage"}},
		{"no CA bundle", cfg, [][]tarEntry{replace("etc/ssl/certs/ca-certificates.crt", nil)}, []string{"ca-certificates.crt is missing"}},
		{"no /tmp", cfg, [][]tarEntry{replace("tmp/", nil)}, []string{"/tmp is missing"}},
		{"/tmp not writable", cfg, [][]tarEntry{replace("tmp/", &tarEntry{name: "tmp/", mode: 0o755, dir: true})}, []string{"/tmp has mode"}},
		{"a program differs", cfg, [][]tarEntry{replace("usr/local/bin/changelog", &tarEntry{name: "usr/local/bin/changelog", mode: 0o755, data: []byte("other")})}, []string{"differs from the program built on the host"}},
		{"an extra file", cfg, [][]tarEntry{append(good, tarEntry{name: "bin/sh", mode: 0o755})}, []string{"unexpected files in the image: /bin/sh"}},
		{"a USER", userCfg, [][]tarEntry{good}, []string{`runs as user "1001"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := ReadSavedImage(bytes.NewReader(savedImage(t, tt.cfg, tt.layers...)))
			if err != nil {
				t.Fatal(err)
			}
			got := img.Check(e)
			if len(got) != len(tt.want) {
				t.Fatalf("problems %q; want %d like %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %q; want %q", got[i], w)
				}
			}
		})
	}
}
