package containertest

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"
)

// ImageVersion is the VERSION build argument of the test image (its org.opencontainers.image.version label).
const ImageVersion = "container-test"

// Main runs the container test with the command-line arguments and returns the exit code: 0 when every case
// passed, 1 when one failed or the image could not be built, 2 for bad usage.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("containertest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dockerCmd := fs.String("docker", "docker", "the docker client")
	run := fs.String("run", "", "run only the cases whose name matches this regular expression")
	brk := fs.String("break", "", "build a deliberately broken image: "+fmt.Sprint(Breaks))
	verbose := fs.Bool("v", false, "print every step's output, not only a failed case's")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var filter *regexp.Regexp
	if *run != "" {
		var err error
		if filter, err = regexp.Compile(*run); err != nil {
			fmt.Fprintf(stderr, "containertest: -run %q: %v\n", *run, err)
			return 2
		}
	}
	if *brk != "" && !slices.Contains(Breaks, Break(*brk)) {
		fmt.Fprintf(stderr, "containertest: -break %q: want one of %v\n", *brk, Breaks)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	t := &tester{docker: Docker{Cmd: *dockerCmd}, out: stdout, brk: Break(*brk)}
	defer t.cleanup()
	h, err := t.setUp(ctx)
	if err != nil {
		fmt.Fprintf(stdout, "FAIL %-66s\n     - %s\n", "set up: build the image and the job network", indent(err.Error(), "       "))
		fmt.Fprintln(stdout, "0 passed, 1 failed")
		return 1
	}
	passed, failed := RunCases(ctx, h, Cases(), filter, stdout, *verbose)
	if t.brk != NoBreak {
		fmt.Fprintf(stdout, "(the image was broken on purpose: -break %s)\n", t.brk)
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		return 1
	}
	return 0
}

// tester holds what the run creates, to remove it at the end.
type tester struct {
	docker  Docker
	out     io.Writer
	brk     Break
	work    string
	image   string
	job     *Job
	servers *Servers
}

func (t *tester) logf(format string, args ...any) { fmt.Fprintf(t.out, "# "+format+"\n", args...) }

func (t *tester) setUp(ctx context.Context) (*Harness, error) {
	real, err := os.ReadFile("Dockerfile")
	if err != nil {
		return nil, fmt.Errorf("run from the repository's root: %w", err)
	}
	arch, err := t.docker.Run(ctx, "version", "--format", "{{.Server.Os}}/{{.Server.Arch}}")
	if err != nil {
		return nil, err
	}
	goos, goarch, _ := strings.Cut(arch, "/")
	if goos != "linux" {
		return nil, fmt.Errorf("the Docker engine runs %s containers; want linux", goos)
	}
	if t.work, err = os.MkdirTemp("", "rose-actions-image-"); err != nil {
		return nil, err
	}
	bins := filepath.Join(t.work, "bin")
	start := time.Now()
	if err := BuildBinaries(ctx, ".", bins, goarch); err != nil {
		return nil, err
	}
	t.logf("built the six programs for linux/%s with the Dockerfile's flags in %s", goarch, time.Since(start).Round(time.Second))

	df, err := TestDockerfile(real, t.brk)
	if err != nil {
		return nil, fmt.Errorf("Dockerfile: %w", err)
	}
	buildCtx := filepath.Join(t.work, "context")
	if err := os.MkdirAll(buildCtx, 0o755); err != nil {
		return nil, err
	}
	// The image's CA bundle is the host's with a CA of the test's own added, so that a case can show that
	// the programs trust the image's bundle.
	imageCA, err := NewCA("image")
	if err != nil {
		return nil, err
	}
	bundle, err := Context(buildCtx, df, bins, imageCA.PEM, t.brk)
	if err != nil {
		return nil, err
	}
	start = time.Now()
	tag := "rose-actions-container-test:" + randomHex(6)
	if _, err := t.docker.Run(ctx, "build", "-q", "--build-arg", "VERSION="+ImageVersion, "-t", tag, buildCtx); err != nil {
		return nil, err
	}
	t.image = tag
	size, _ := t.docker.Run(ctx, "image", "inspect", tag, "--format", "{{.Size}}")
	t.logf("built the image %s through the Dockerfile's final stage in %s (%s bytes)", tag, time.Since(start).Round(100*time.Millisecond), size)

	saved := filepath.Join(t.work, "image.tar")
	if _, err := t.docker.Run(ctx, "save", "-o", saved, tag); err != nil {
		return nil, err
	}
	f, err := os.Open(saved)
	if err != nil {
		return nil, err
	}
	img, err := ReadSavedImage(f)
	f.Close()
	if err != nil {
		return nil, err
	}

	if t.job, err = NewJob(ctx, t.docker, tag); err != nil {
		return nil, err
	}
	if t.servers, err = StartServers(t.job.Gateway, t.job.Root, imageCA); err != nil {
		return nil, err
	}
	t.logf("job network %s, gateway %s; servers on the host: %s %s %s", t.job.Network, t.job.Gateway, t.servers.HTTP, t.servers.HTTPSImageCA, t.servers.HTTPSMountedCA)
	return &Harness{Job: t.job, Servers: t.servers, Image: img, Expect: Expect{Version: ImageVersion, Binaries: bins, CABundle: bundle}}, nil
}

func (t *tester) cleanup() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if t.servers != nil {
		t.servers.Close()
	}
	if t.job != nil {
		// Containers are run with --rm; remove any left by an interrupted run before the network.
		if ids, err := t.docker.Run(ctx, "ps", "-aq", "--filter", "label="+Label); err == nil && ids != "" {
			_, _ = t.docker.Run(ctx, append([]string{"rm", "-f"}, strings.Fields(ids)...)...)
		}
		t.job.Close(ctx)
	}
	if t.image != "" {
		_, _ = t.docker.Run(ctx, "rmi", "-f", t.image)
		// The classic builder keeps the build stage as an untagged image: it carries the label.
		_, _ = t.docker.Run(ctx, "image", "prune", "-f", "--filter", "label="+Label)
	}
	if t.work != "" {
		_ = os.RemoveAll(t.work)
	}
}
