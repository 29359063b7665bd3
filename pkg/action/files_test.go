package action_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

// secret-scan declares path inputs (report, sarif, config, path).
const pathAction = "secret-scan"

func TestInputsPathStaysInWorkspace(t *testing.T) {
	ws := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(ws, "out")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, value string
		ok          bool
	}{
		{"relative", "reports/x.json", true},
		{"absolute inside", filepath.Join(ws, "x.json"), true},
		{"climbs out", "../x.json", false},
		{"absolute outside", filepath.Join(outside, "x.json"), false},
		{"through a link", "out/x.json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			res := actiontest.Run(t, actiontest.Options{Action: pathAction, Dir: ws, Inputs: map[string]string{"report": tt.value},
				Run: func(_ context.Context, rt *action.Runtime) error {
					got = rt.Inputs().Path("report")
					return rt.Inputs().Err()
				}})
			if tt.ok {
				if res.Code != 0 || !strings.HasPrefix(got, ws) {
					t.Fatalf("code %d, path %q: %s", res.Code, got, res.Stdout)
				}
				return
			}
			if res.Code != action.ExitUsage || !strings.Contains(res.Stdout, `input "report" has value "`+tt.value+`"`) {
				t.Fatalf("code %d, want 2 naming the input; stdout %s", res.Code, res.Stdout)
			}
		})
	}
}

func TestWriteFileGivesFilesToTheWorkspaceOwner(t *testing.T) {
	ws := t.TempDir()
	// Only root can hand a workspace to another user; otherwise the files already have the workspace's owner
	// and nothing may be changed.
	want := 0
	if os.Geteuid() == 0 {
		if err := os.Chown(ws, 1001, 1001); err != nil {
			t.Fatal(err)
		}
		want = 2
	}
	var owned []string
	res := actiontest.Run(t, actiontest.Options{Action: pathAction, Dir: ws,
		Chown: func(p string, uid, gid int) error {
			if uid != 1001 || gid != 1001 {
				t.Errorf("chown %s to %d:%d, want 1001:1001", p, uid, gid)
			}
			owned = append(owned, p)
			return nil
		},
		Run: func(_ context.Context, rt *action.Runtime) error {
			return rt.WriteFile(filepath.Join(ws, "a", "b.json"), []byte("{}"))
		}})
	if res.Code != 0 {
		t.Fatalf("code %d: %s", res.Code, res.Stdout)
	}
	// The folder and the file (under its temporary name, before the rename) were given away.
	if want == 0 {
		if len(owned) != 0 {
			t.Fatalf("owned %v, want nothing changed", owned)
		}
		return
	}
	if len(owned) != want || owned[0] != filepath.Join(ws, "a") || filepath.Dir(owned[1]) != filepath.Join(ws, "a") {
		t.Fatalf("owned %v", owned)
	}
}

func TestUpdateFileWritesNothingOnFailure(t *testing.T) {
	ws := t.TempDir()
	p := filepath.Join(ws, "CHANGELOG.md")
	if err := os.WriteFile(p, []byte("# Changelog\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := actiontest.Run(t, actiontest.Options{Action: pathAction, Dir: ws,
		Run: func(_ context.Context, rt *action.Runtime) error {
			err := rt.UpdateFile(p, func(old []byte) ([]byte, error) {
				return append(old, "half"...), errors.New("render failed")
			})
			if err == nil {
				t.Error("the update's error was lost")
			}
			// A missing file is given to update as nil.
			return rt.UpdateFile(filepath.Join(ws, "NEW.md"), func(old []byte) ([]byte, error) {
				if old != nil {
					t.Errorf("old = %q for a missing file", old)
				}
				return []byte("new\n"), nil
			})
		}})
	if res.Code != 0 {
		t.Fatalf("code %d: %s", res.Code, res.Stdout)
	}
	if b, _ := os.ReadFile(p); string(b) != "# Changelog\n" {
		t.Fatalf("a failed update wrote %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(ws, "NEW.md")); string(b) != "new\n" {
		t.Fatalf("NEW.md = %q", b)
	}
}
