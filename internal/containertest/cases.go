package containertest

import (
	"context"
)

// Cases lists the container tests, in the order they run. Add a case here: a name that says what it shows,
// and a function that runs steps with c.Step and checks their exit code, outputs and summary.
func Cases() []Case {
	return []Case{
		{"image: the final stage holds the programs, CA bundle and /tmp", imageContents},
	}
}

// imageContents checks the image's files and configuration against the released image's contract.
func imageContents(_ context.Context, h *Harness, c *Check) error {
	for _, p := range h.Image.Check(h.Expect) {
		c.Errorf("%s", p)
	}
	return nil
}
