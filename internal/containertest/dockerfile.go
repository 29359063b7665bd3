// Package containertest runs every action in a real container, the way the GitHub runner runs a Docker
// action, from the image the release publishes. scripts/container-test.sh starts (or finds) a Docker engine
// and runs the cmd/containertest program, which builds the image and runs the cases of this package.
//
// The image is built through the Dockerfile's final stage, taken byte for byte from the repository's
// Dockerfile: only the build stage is replaced, by one that copies binaries built on the host with the
// Dockerfile's own flags (no golang image can be pulled where the test runs).
package containertest

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Stage is one stage of a Dockerfile: its FROM line's image and name, and its text from the FROM line to
// the next stage.
type Stage struct {
	Image, Name string
	Text        string
}

// Dockerfile is a Dockerfile split into its prelude (global ARG lines and comments before the first FROM)
// and its stages.
type Dockerfile struct {
	Prelude string
	Stages  []Stage
}

var fromLine = regexp.MustCompile(`(?i)^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$`)

// ParseDockerfile splits a Dockerfile into stages at its FROM instructions. Line continuations are honoured,
// so a FROM word inside a continued RUN line does not start a stage.
func ParseDockerfile(b []byte) (*Dockerfile, error) {
	var (
		df        Dockerfile
		cur       *Stage
		text      strings.Builder
		continued bool
	)
	flush := func() {
		if cur == nil {
			df.Prelude = text.String()
		} else {
			cur.Text = text.String()
			df.Stages = append(df.Stages, *cur)
		}
		text.Reset()
	}
	// Lines are kept byte for byte (a CR before the LF included): the final stage is copied verbatim.
	src := string(b)
	if src != "" && !strings.HasSuffix(src, "\n") {
		src += "\n"
	}
	for _, line := range strings.SplitAfter(src, "\n") {
		if line == "" {
			continue
		}
		trimmed := strings.TrimSpace(line)
		if !continued && !strings.HasPrefix(trimmed, "#") {
			if m := fromLine.FindStringSubmatch(trimmed); m != nil {
				flush()
				cur = &Stage{Image: m[1], Name: m[2]}
			} else if len(trimmed) >= 4 && strings.EqualFold(trimmed[:4], "FROM") {
				return nil, fmt.Errorf("unreadable FROM line %q", trimmed)
			}
		}
		if !strings.HasPrefix(trimmed, "#") {
			continued = strings.HasSuffix(trimmed, `\`)
		}
		text.WriteString(line)
	}
	flush()
	if len(df.Stages) == 0 {
		return nil, fmt.Errorf("no FROM instruction")
	}
	return &df, nil
}

// Final returns the last stage: the image that is published.
func (d *Dockerfile) Final() Stage { return d.Stages[len(d.Stages)-1] }

// Break names a deliberate defect of the test image, used to prove that the test fails when the image is
// broken.
type Break string

// The defects the test can build into its image.
const (
	NoBreak    Break = ""
	NoCABundle Break = "no-ca-bundle" // the CA bundle is empty
	TmpMode    Break = "tmp-mode"     // /tmp has mode 755, not 1777
	UserLine   Break = "user"         // the final stage runs as another user than the runner's (a USER line)
)

// Breaks lists the defects, for the usage message.
var Breaks = []Break{NoCABundle, TmpMode, UserLine}

// BuildStageName is the name the final stage copies from: the real build stage and the test's both use it.
const BuildStageName = "build"

// Paths the final stage copies from the build stage, and that both build stages must produce.
const (
	BinDir    = "/out/"
	RootFS    = "/rootfs/"
	CABundle  = "/etc/ssl/certs/ca-certificates.crt"
	BinTarget = "/usr/local/bin/"
)

// hostBuildStage replaces the Dockerfile's build stage: it holds what the real one produces, from a build
// context made on the host (see Context). It needs no image: FROM scratch.
const hostBuildStage = `# The build stage of the container test: the binaries were built on the host with the Dockerfile's flags.
FROM scratch AS ` + BuildStageName + `
LABEL ` + Label + `=build-stage
COPY ca-certificates.crt ` + CABundle + `
COPY rootfs/ ` + RootFS + `
COPY out/ ` + BinDir + `

`

// TestDockerfile returns the Dockerfile the container test builds: the real Dockerfile's prelude and final
// stage, byte for byte, after a build stage that copies what the host built. A Break other than UserLine
// changes only the build context (see Context); UserLine appends a USER line, which is the only case where
// the final stage differs.
func TestDockerfile(real []byte, brk Break) ([]byte, error) {
	df, err := ParseDockerfile(real)
	if err != nil {
		return nil, err
	}
	if err := df.CheckStages(); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(df.Prelude)
	b.WriteString(hostBuildStage)
	b.WriteString(df.Final().Text)
	if brk == UserLine {
		b.WriteString("# container-test -break user: a deliberately broken image.\nUSER 65532\n")
	}
	return []byte(b.String()), nil
}

var copyFrom = regexp.MustCompile(`(?im)^\s*COPY\s+--from=(\S+)\s+(\S+)\s+(\S+)\s*$`)

// CheckStages checks the shape the container test relies on: a build stage named "build" and a final stage
// FROM scratch that copies only the binaries, the root file system and the CA bundle from it.
func (d *Dockerfile) CheckStages() error {
	if len(d.Stages) != 2 {
		return fmt.Errorf("the Dockerfile has %d stages; want 2: %q and the final image", len(d.Stages), BuildStageName)
	}
	if d.Stages[0].Name != BuildStageName {
		return fmt.Errorf("the first stage is named %q; want %q", d.Stages[0].Name, BuildStageName)
	}
	final := d.Final()
	if final.Image != "scratch" {
		return fmt.Errorf("the final stage is FROM %s; want FROM scratch (an image of static binaries)", final.Image)
	}
	want := map[string]string{CABundle: CABundle, RootFS: "/", BinDir: BinTarget}
	copies := copyFrom.FindAllStringSubmatch(final.Text, -1)
	for _, m := range copies {
		if m[1] != BuildStageName {
			return fmt.Errorf("the final stage copies from %q; want only from %q", m[1], BuildStageName)
		}
		dst, ok := want[m[2]]
		if !ok {
			return fmt.Errorf("the final stage copies %s from the build stage; the container test's build stage has only %s, %s and %s: add it to hostBuildStage and Context", m[2], BinDir, RootFS, CABundle)
		}
		if m[3] != dst {
			return fmt.Errorf("the final stage copies %s to %s; want %s", m[2], m[3], dst)
		}
		delete(want, m[2])
	}
	if len(want) > 0 {
		return fmt.Errorf("the final stage does not copy %v from the build stage", slices.Sorted(maps.Keys(want)))
	}
	if regexp.MustCompile(`(?im)^\s*(COPY|ADD)\s+[^-]`).MatchString(final.Text) {
		return fmt.Errorf("the final stage copies from the build context: everything must come from the build stage")
	}
	return nil
}
