// Command pinimage prepares a release commit: it points every Docker
// action's runs.image at the published image of the release and pins the
// workflows' references to this repository to the release tag.
//
//	go run ./internal/pinimage/cmd/pinimage -version 1.4.2 [-digest sha256:...] [-workflows .github/workflows]
//
// It is run by .github/workflows/release.yml; see docs/GITHUB_WORKFLOW.md.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rose/actions/internal/pinimage"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run parses args, pins, reports; it returns the exit code: 0 done, 1 the
// pinning failed, 2 bad arguments.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pinimage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o pinimage.Options
	root := fs.String("root", ".", "repository root holding the <action>/action.yml folders")
	workflows := fs.String("workflows", "", "folder under root whose workflows get their -repo references pinned to the release tag (empty = none)")
	fs.StringVar(&o.Image, "image", pinimage.DefaultImage, "image repository, without tag")
	fs.StringVar(&o.Version, "version", "", "released version (1.4.2 or v1.4.2); required")
	fs.StringVar(&o.Digest, "digest", "", "image digest (sha256:...) to pin by content as well; optional")
	fs.StringVar(&o.Repo, "repo", pinimage.DefaultRepo, "owner/name whose uses: references the workflows pin")
	fs.StringVar(&o.TagPrefix, "tag-prefix", "v", "prefix of release tags")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pinimage: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if o.Version == "" {
		fmt.Fprintln(stderr, "pinimage: -version is required (e.g. -version 1.4.2)")
		return 2
	}
	if _, err := pinimage.ImageRef(o); err != nil {
		fmt.Fprintf(stderr, "pinimage: %v\n", err)
		return 2
	}
	changes, err := pinimage.PinRepo(*root, *workflows, o)
	for _, c := range changes {
		fmt.Fprintf(stdout, "%s: %s\n", c.Path, c.What)
	}
	if err != nil {
		fmt.Fprintf(stderr, "pinimage: %v\n", err)
		return 1
	}
	if len(changes) == 0 {
		fmt.Fprintln(stdout, "nothing to change: already pinned")
	}
	return 0
}
