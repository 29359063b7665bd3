package action

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"

	"github.com/rose/actions/pkg/workspace"
)

// Path reads a path input and resolves it inside the workspace, following its symbolic links. A path that
// leaves the workspace once its links are resolved is a bad input (exit 2). An empty input gives "".
func (in *Inputs) Path(name string) string {
	return in.path(name, false)
}

// PathOrTemp is Path for an input documented to accept a file under RUNNER_TEMP as well.
func (in *Inputs) PathOrTemp(name string) string {
	return in.path(name, true)
}

func (in *Inputs) path(name string, temp bool) string {
	v := in.raw(name)
	if v == "" {
		return ""
	}
	p, err := in.rt.resolve(v, temp)
	if err != nil {
		where := "a path inside the workspace (" + in.rt.Workspace() + ")"
		if temp {
			where = "a path inside the workspace or RUNNER_TEMP"
		}
		in.fail(name, v, where+"; "+err.Error())
		return ""
	}
	return p
}

func (rt *Runtime) resolve(p string, temp bool) (string, error) {
	roots := []string{rt.Workspace()}
	if temp {
		roots = append(roots, rt.env.getenv("RUNNER_TEMP"))
	}
	r, err := workspace.Resolve(p, roots...)
	if errors.Is(err, workspace.ErrOutside) {
		return "", errors.New("it leaves that folder once its links are resolved")
	}
	return r, err
}

// ResolvePath resolves p (relative to the workspace) inside the workspace, as Inputs.Path does, for paths
// that come from a list input or a config file. The error says why the path was refused.
func (rt *Runtime) ResolvePath(p string) (string, error) {
	r, err := rt.resolve(p, false)
	if err != nil {
		return "", fmt.Errorf("path %q: %w", p, err)
	}
	return r, nil
}

// ReadFile reads a file of the workspace: only a regular file, never through a link that leaves it.
func (rt *Runtime) ReadFile(path string) ([]byte, error) {
	r, err := rt.resolve(path, true)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return workspace.ReadFile(r)
}

// WriteFile writes a file of the workspace (or RUNNER_TEMP) atomically, never through a link, and gives it
// (and any folder it creates) to the owner of the workspace folder.
func (rt *Runtime) WriteFile(path string, data []byte) error {
	r, err := rt.resolve(path, true)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return workspace.WriteFile(r, data, 0o644, rt.owner())
}

func (rt *Runtime) owner() workspace.Owner {
	o := workspace.OwnerOf(rt.Workspace())
	o.Chown = rt.env.Chown
	return o
}

// UpdateFile rewrites a workspace file through update, which receives the current content (nil when the
// file does not exist yet). Nothing is written when update fails or changes nothing, so a failure never
// leaves a partial file behind.
func (rt *Runtime) UpdateFile(path string, update func(old []byte) ([]byte, error)) error {
	old, err := rt.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	data, err := update(old)
	if err != nil {
		return err
	}
	if old != nil && bytes.Equal(old, data) {
		return nil
	}
	return rt.WriteFile(path, data)
}
