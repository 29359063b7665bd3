package containertest

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"
)

// Case is one container test: it runs steps on the job and records what it finds wrong in c.
type Case struct {
	Name string
	Run  func(ctx context.Context, h *Harness, c *Check) error
}

// Harness is what the cases share: the job (image, network, folders), the servers on the host, and the
// host-side facts the image check needs.
type Harness struct {
	Job     *Job
	Servers *Servers
	Expect  Expect
	Image   *Image
}

// Check collects what a case found wrong; a case passes when it found nothing.
type Check struct {
	Problems []string
	// Results are the steps' results, printed when the case fails.
	Results []Result
	// Notes are printed with the results.
	Notes []string
}

// Notef records a note, printed with the results.
func (c *Check) Notef(format string, args ...any) {
	c.Notes = append(c.Notes, fmt.Sprintf(format, args...))
}

// Errorf records a problem.
func (c *Check) Errorf(format string, args ...any) {
	c.Problems = append(c.Problems, fmt.Sprintf(format, args...))
}

// Step runs a step and records its result.
func (c *Check) Step(ctx context.Context, h *Harness, s Step) (Result, error) {
	res, err := h.Job.Run(ctx, s)
	c.Results = append(c.Results, res)
	return res, err
}

// Exit checks the exit code.
func (c *Check) Exit(r Result, want int) {
	if r.Code != want {
		c.Errorf("exit %d, want %d", r.Code, want)
	}
}

// Output checks that output name is set and matches the regular expression.
func (c *Check) Output(r Result, name, re string) {
	v, ok := r.Outputs[name]
	if !ok {
		c.Errorf("output %s is not set", name)
		return
	}
	if !regexp.MustCompile(re).MatchString(v) {
		c.Errorf("output %s = %q does not match %s", name, v, re)
	}
}

// NoOutput checks that output name is not set.
func (c *Check) NoOutput(r Result, name string) {
	if v, ok := r.Outputs[name]; ok {
		c.Errorf("output %s = %q is set; want none", name, v)
	}
}

// Summary checks that the job summary matches the regular expression.
func (c *Check) Summary(r Result, re string) {
	if !regexp.MustCompile(re).MatchString(r.Summary) {
		c.Errorf("the job summary does not match %s", re)
	}
}

// Log checks that the container's output matches the regular expression (multi-line mode).
func (c *Check) Log(r Result, re string) {
	if !regexp.MustCompile("(?m)" + re).MatchString(r.Log) {
		c.Errorf("the log does not match %s", re)
	}
}

// NotIn checks that secret appears neither in the log, the outputs nor the summary. The log's ::add-mask::
// commands are left out: the runner consumes them, and they are how a program asks it to hide a secret.
func (c *Check) NotIn(r Result, what, secret string) {
	var log []string
	for _, l := range strings.SplitAfter(r.Log, "\n") {
		if !strings.HasPrefix(l, "::add-mask::") {
			log = append(log, l)
		}
	}
	for where, s := range map[string]string{"log": strings.Join(log, ""), "outputs": r.OutputsRaw, "summary": r.Summary} {
		if strings.Contains(s, secret) {
			c.Errorf("the %s shows the %s", where, what)
		}
	}
}

// Owner checks that a file of the workspace belongs to uid.
func (c *Check) Owner(path string, uid int) {
	u, err := fileOwner(path)
	if err != nil {
		c.Errorf("%v", err)
		return
	}
	if u != uid {
		c.Errorf("%s belongs to uid %d; want %d (the workspace's owner)", path, u, uid)
	}
}

// RunCases runs the cases whose name matches filter (all when nil), printing one line per case and the
// output of a failed one, and returns the numbers passed and failed.
func RunCases(ctx context.Context, h *Harness, cases []Case, filter *regexp.Regexp, w io.Writer, verbose bool) (passed, failed int) {
	for _, tc := range cases {
		if filter != nil && !filter.MatchString(tc.Name) {
			continue
		}
		start := time.Now()
		c := &Check{}
		if err := tc.Run(ctx, h, c); err != nil {
			c.Errorf("%v", err)
		}
		took := time.Since(start).Round(100 * time.Millisecond)
		if len(c.Problems) == 0 {
			passed++
			fmt.Fprintf(w, "ok   %-66s %s\n", tc.Name, took)
			if verbose {
				printResults(w, c)
			}
			continue
		}
		failed++
		fmt.Fprintf(w, "FAIL %-66s %s\n", tc.Name, took)
		for _, p := range c.Problems {
			fmt.Fprintf(w, "     - %s\n", indent(p, "       "))
		}
		printResults(w, c)
	}
	return passed, failed
}

func printResults(w io.Writer, c *Check) {
	for _, n := range c.Notes {
		fmt.Fprintf(w, "     note: %s\n", indent(n, "     | "))
	}
	for i, r := range c.Results {
		fmt.Fprintf(w, "     --- step %d: %s\n", i+1, indent(r.String(), "     | "))
	}
}

func indent(s, prefix string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

// fileOwner returns the uid that owns path.
func fileOwner(path string) (int, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return 0, err
	}
	return ownerOf(fi)
}
