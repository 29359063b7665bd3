// Package pinimage prepares a release commit of rose/actions: it points the
// runs.image of every Docker action's action.yml at the image published for
// the release (docker://ghcr.io/rose/actions:<version>, optionally with its
// digest), and pins the repository's own action references in the reusable
// workflows (rose/actions/<action>@main) to the release tag.
//
// On main, each action.yml says `image: ../Dockerfile`, so the repository's
// own CI builds and exercises the current code. Consumers of a release tag
// must not pay for a Go build on every job: the release commit rewrites that
// one value. Only the bytes of the rewritten scalars change; every other byte
// of each file (comments, order, quoting, line endings) is kept, and each
// rewrite is verified by decoding the file again.
package pinimage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/Masterminds/semver/v3"
	"gopkg.in/yaml.v3"
)

// DefaultImage is the repository of the published image.
const DefaultImage = "ghcr.io/rose/actions"

// DefaultRepo is the GitHub repository whose action references the workflows
// pin to the release tag.
const DefaultRepo = "rose/actions"

// Options say what to pin to.
type Options struct {
	// Image is the image repository without tag, e.g. ghcr.io/rose/actions.
	Image string
	// Version is the released version, with or without a leading "v".
	Version string
	// Digest optionally pins the image by content: sha256:<64 hex digits>.
	Digest string
	// Repo is the owner/name whose `uses:` references are pinned in workflows.
	Repo string
	// TagPrefix is the prefix of release tags ("v" when empty).
	TagPrefix string
}

var (
	digestRE    = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	imageRepoRE = regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$`)
)

// normalize validates o and fills the defaults.
func (o Options) normalize() (Options, *semver.Version, error) {
	if o.Image == "" {
		o.Image = DefaultImage
	}
	if o.Repo == "" {
		o.Repo = DefaultRepo
	}
	if o.TagPrefix == "" {
		o.TagPrefix = "v"
	}
	if !imageRepoRE.MatchString(o.Image) {
		return o, nil, fmt.Errorf("image %q: want a lower-case image repository without tag, such as %s", o.Image, DefaultImage)
	}
	v, err := semver.StrictNewVersion(strings.TrimPrefix(o.Version, "v"))
	if err != nil {
		return o, nil, fmt.Errorf("version %q: want a semantic version such as 1.4.2: %w", o.Version, err)
	}
	if v.Metadata() != "" {
		return o, nil, fmt.Errorf("version %q: build metadata (+...) is not valid in an image tag", o.Version)
	}
	if o.Digest != "" && !digestRE.MatchString(o.Digest) {
		return o, nil, fmt.Errorf("digest %q: want sha256:<64 lower-case hex digits>", o.Digest)
	}
	return o, v, nil
}

// ImageRef returns the runs.image value for o:
// docker://<image>:<version>[@<digest>].
func ImageRef(o Options) (string, error) {
	o, v, err := o.normalize()
	if err != nil {
		return "", err
	}
	ref := "docker://" + o.Image + ":" + v.String()
	if o.Digest != "" {
		ref += "@" + o.Digest
	}
	return ref, nil
}

// ErrNotDocker is returned by RewriteAction for an action that does not run a
// Docker container (composite or JavaScript actions are left alone).
var ErrNotDocker = errors.New("not a Docker action")

// RewriteAction returns src with runs.image replaced by ref. The current value
// must be a Dockerfile path (the form used on main) or a docker:// reference
// to image (an earlier pin); anything else is an error, so a release never
// silently repoints an action at a foreign image.
func RewriteAction(src []byte, image, ref string) ([]byte, error) {
	doc, err := parse(src)
	if err != nil {
		return nil, err
	}
	runs := mapValue(doc, "runs")
	if runs == nil {
		return nil, errors.New("no runs: mapping")
	}
	using := mapValue(runs, "using")
	if using == nil || using.Kind != yaml.ScalarNode || using.Value != "docker" {
		return nil, ErrNotDocker
	}
	img := mapValue(runs, "image")
	if img == nil || img.Kind != yaml.ScalarNode {
		return nil, errors.New("runs.image is missing or not a string")
	}
	cur := img.Value
	pinned := strings.HasPrefix(cur, "docker://"+image+":") || strings.HasPrefix(cur, "docker://"+image+"@")
	if !pinned && !isDockerfilePath(cur) {
		return nil, fmt.Errorf("runs.image is %q: want a Dockerfile path (../Dockerfile) or docker://%s:<version>", cur, image)
	}
	out, err := replaceScalar(src, img, ref)
	if err != nil {
		return nil, fmt.Errorf("runs.image: %w", err)
	}
	// Verify: the new file decodes to the old one with only runs.image changed.
	if err := verify(src, out, func(v map[string]any) {
		if r, ok := v["runs"].(map[string]any); ok {
			r["image"] = ref
		}
	}); err != nil {
		return nil, err
	}
	return out, nil
}

func isDockerfilePath(p string) bool {
	if strings.HasPrefix(p, "docker://") {
		return false
	}
	base := filepath.Base(filepath.ToSlash(p))
	return base == "Dockerfile" || strings.HasPrefix(base, "Dockerfile.")
}

// RewriteWorkflow returns src with every `uses:` reference to repo (an action
// or reusable workflow of it, at any ref) pinned to tag, and the number of
// references rewritten. Local (./) and other references are left alone.
func RewriteWorkflow(src []byte, repo, tag string) ([]byte, int, error) {
	doc, err := parse(src)
	if err != nil {
		return nil, 0, err
	}
	prefix := strings.ToLower(repo) + "/"
	var nodes []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "uses" && v.Kind == yaml.ScalarNode && strings.HasPrefix(strings.ToLower(v.Value), prefix) && strings.Contains(v.Value, "@") {
					nodes = append(nodes, v)
					continue
				}
				walk(v)
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c)
			}
		}
	}
	walk(doc)
	// Replace from the end of the file so earlier offsets stay valid.
	sort.Slice(nodes, func(i, j int) bool {
		if nodes[i].Line != nodes[j].Line {
			return nodes[i].Line > nodes[j].Line
		}
		return nodes[i].Column > nodes[j].Column
	})
	out := src
	want := map[string]string{}
	for _, n := range nodes {
		at := strings.LastIndex(n.Value, "@")
		val := n.Value[:at] + "@" + tag
		want[n.Value] = val
		if out, err = replaceScalar(out, n, val); err != nil {
			return nil, 0, fmt.Errorf("line %d: uses: %w", n.Line, err)
		}
	}
	if err := verify(src, out, func(v map[string]any) { replaceUses(v, want) }); err != nil {
		return nil, 0, err
	}
	return out, len(nodes), nil
}

// replaceUses applies the expected rewrites to a decoded document.
func replaceUses(v any, want map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "uses" {
				if w, ok := want[s]; ok {
					v[k] = w
				}
				continue
			}
			replaceUses(x, want)
		}
	case []any:
		for _, x := range v {
			replaceUses(x, want)
		}
	}
}

func parse(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("empty YAML document")
	}
	return &doc, nil
}

// mapValue returns the value of key in the mapping n (or the document's root
// mapping), or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// replaceScalar replaces the source text of the scalar node n (plain, single-
// or double-quoted, on one line) by val written in the same style.
func replaceScalar(src []byte, n *yaml.Node, val string) ([]byte, error) {
	start, err := offset(src, n.Line, n.Column)
	if err != nil {
		return nil, err
	}
	var raw string
	switch n.Style {
	case 0:
		raw = n.Value
	case yaml.SingleQuotedStyle:
		raw = "'" + n.Value + "'"
		if strings.Contains(n.Value, "'") || strings.ContainsAny(val, "'\n") {
			return nil, errors.New("single-quoted value with quotes is not supported")
		}
		val = "'" + val + "'"
	case yaml.DoubleQuotedStyle:
		raw = `"` + n.Value + `"`
		if strings.ContainsAny(n.Value, `"\`) || strings.ContainsAny(val, "\"\\\n") {
			return nil, errors.New("double-quoted value with escapes is not supported")
		}
		val = `"` + val + `"`
	default:
		return nil, errors.New("block or tagged scalars are not supported: write the value on one line")
	}
	if strings.Contains(raw, "\n") || !bytes.HasPrefix(src[start:], []byte(raw)) {
		return nil, fmt.Errorf("the value at line %d column %d is not written as one plain or quoted line", n.Line, n.Column)
	}
	out := make([]byte, 0, len(src)-len(raw)+len(val))
	out = append(out, src[:start]...)
	out = append(out, val...)
	out = append(out, src[start+len(raw):]...)
	return out, nil
}

// offset converts a 1-based line and column (counted in characters, as the
// YAML parser does) to a byte offset.
func offset(src []byte, line, col int) (int, error) {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0, fmt.Errorf("line %d is past the end of the file", line)
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		if off >= len(src) || src[off] == '\n' {
			return 0, fmt.Errorf("column %d is past the end of line %d", col, line)
		}
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off, nil
}

// verify decodes before and after and checks that after equals before with
// edit applied: the rewrite changed nothing else.
func verify(before, after []byte, edit func(map[string]any)) error {
	var a, b map[string]any
	if err := yaml.Unmarshal(before, &a); err != nil {
		return fmt.Errorf("parse YAML: %w", err)
	}
	if err := yaml.Unmarshal(after, &b); err != nil {
		return fmt.Errorf("the rewritten file is not valid YAML: %w", err)
	}
	edit(a)
	if !reflect.DeepEqual(a, b) {
		return errors.New("the rewritten file does not decode to the expected content")
	}
	return nil
}

// Change is one rewritten file.
type Change struct {
	Path string
	// What says what was rewritten, for the log.
	What string
}

// PinRepo rewrites, in the repository checked out at root, the action.yml (or
// action.yaml) of every folder directly under root that holds a Docker action,
// and, when workflowsDir is not empty, every workflow in root/workflowsDir that
// references o.Repo. It returns the files it changed. It fails, writing
// nothing, when a file cannot be rewritten or no Docker action is found.
func PinRepo(root, workflowsDir string, o Options) ([]Change, error) {
	o, v, err := o.normalize()
	if err != nil {
		return nil, err
	}
	ref, err := ImageRef(o)
	if err != nil {
		return nil, err
	}
	tag := o.TagPrefix + v.String()

	type write struct {
		path string
		data []byte
		mode os.FileMode
		what string
	}
	var writes []write
	add := func(path string, data []byte, what string) error {
		st, err := os.Stat(path)
		if err != nil {
			return err
		}
		writes = append(writes, write{path, data, st.Mode().Perm(), what})
		return nil
	}

	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", root, err)
	}
	actions := 0
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		for _, name := range []string{"action.yml", "action.yaml"} {
			path := filepath.Join(root, e.Name(), name)
			src, err := os.ReadFile(path)
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out, err := RewriteAction(src, o.Image, ref)
			if errors.Is(err, ErrNotDocker) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			actions++
			if !bytes.Equal(out, src) {
				if err := add(path, out, "runs.image → "+ref); err != nil {
					return nil, err
				}
			}
		}
	}
	if actions == 0 {
		return nil, fmt.Errorf("no Docker action (<folder>/action.yml with runs.using: docker) under %s", root)
	}

	if workflowsDir != "" {
		dir := filepath.Join(root, workflowsDir)
		files, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("read workflows: %w", err)
		}
		for _, f := range files {
			ext := filepath.Ext(f.Name())
			if f.IsDir() || (ext != ".yml" && ext != ".yaml") {
				continue
			}
			path := filepath.Join(dir, f.Name())
			src, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			out, n, err := RewriteWorkflow(src, o.Repo, tag)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			if n > 0 && !bytes.Equal(out, src) {
				if err := add(path, out, fmt.Sprintf("%d %s reference(s) → @%s", n, o.Repo, tag)); err != nil {
					return nil, err
				}
			}
		}
	}

	changes := make([]Change, 0, len(writes))
	for _, w := range writes {
		if err := writeAtomic(w.path, w.data, w.mode); err != nil {
			return changes, err
		}
		changes = append(changes, Change{Path: w.path, What: w.what})
	}
	return changes, nil
}

// writeAtomic replaces path with data through a temporary file and a rename.
func writeAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
