package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/markdown"
	"github.com/rose/actions/pkg/probe"
)

// config is the validated inputs.
type config struct {
	probe    probe.Config
	follow   bool
	insecure bool
}

var methodRE = regexp.MustCompile(`^[A-Z]+$`)

// parseInputs reads and validates every input; header values are masked at once.
func parseInputs(rt *action.Runtime) (config, error) {
	in := rt.Inputs()
	var c config

	rawURLs := in.Required("url")
	for _, line := range strings.Split(rawURLs, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		// A password or a ?token= in a URL is a credential: never printed, even when a service echoes it.
		rt.MaskURL(line)
		u, err := url.Parse(line)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			shown := line
			if err == nil {
				shown = u.Redacted()
			}
			in.Invalid("url", shown, "absolute http:// or https:// URLs, one per line")
			continue
		}
		c.probe.URLs = append(c.probe.URLs, line)
	}
	c.probe.Method = strings.ToUpper(in.String("method"))
	if !methodRE.MatchString(c.probe.Method) {
		in.Invalid("method", c.probe.Method, "an HTTP method such as GET, HEAD or POST")
	}
	statusText := in.String("expected-status")
	statuses, err := probe.ParseStatuses(statusText)
	if err != nil {
		in.Invalid("expected-status", statusText, "status codes and ranges such as 200, 200,204 or 200-299 ("+err.Error()+")")
	}
	c.probe.Statuses = statuses
	c.probe.Body = in.Regexp("expected-body")

	c.probe.Headers = http.Header{}
	for _, line := range strings.Split(in.String("headers"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		rt.MaskHeader(value)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			rt.Mask(line)
			in.InvalidSecret("headers", "one `Name: value` header per line")
			continue
		}
		c.probe.Headers.Add(name, value)
	}

	c.probe.Timeout = in.PositiveDuration("timeout")
	c.probe.MaxAttempts = in.Int("max-attempts", 1, 1000)
	c.probe.RetryDelay = in.Duration("retry-delay")
	backoff := in.Enum("backoff", "fixed", "exponential")
	c.probe.Backoff, _ = probe.ParseBackoff(backoff)
	c.probe.MaxTime = in.PositiveDuration("max-time")
	c.follow = in.Bool("follow-redirects")
	c.insecure = in.Bool("insecure")
	if err := in.Err(); err != nil {
		return c, err
	}
	c.probe.InContainer = inContainer()
	return c, nil
}

// containerMarkers are files that Docker and Podman create in every container. The runner's environment
// says nothing about it: the same program can run straight on a runner, as a `run:` step.
var containerMarkers = []string{"/.dockerenv", "/run/.containerenv"}

// inContainer reports whether the program runs in a container, where localhost is the container itself.
func inContainer() bool {
	for _, m := range containerMarkers {
		if _, err := os.Stat(m); err == nil {
			return true
		}
	}
	return false
}

// sleep is the probe's sleeper (real time).
var sleep func(ctx context.Context, d time.Duration) error

func run(ctx context.Context, rt *action.Runtime) error {
	c, err := parseInputs(rt)
	if err != nil {
		return err
	}
	p := &probe.Prober{
		Client: probe.NewClientFrom(rt.HTTPClient().Transport, c.follow, c.insecure),
		Now:    rt.Now,
		Sleep:  sleep,
		Jitter: rand.Float64,
		Logf:   rt.Infof,
	}
	rt.Infof("checking %d URL(s): %s %s, expecting %s, up to %d attempt(s) each, %s backoff from %s, within %s",
		len(c.probe.URLs), c.probe.Method, strings.Join(redactAll(c.probe.URLs), " "), c.probe.Statuses, c.probe.MaxAttempts,
		c.probe.Backoff, c.probe.RetryDelay, c.probe.MaxTime)
	res := p.Run(ctx, c.probe)

	d := res.Deciding()
	maxAttempts := 0
	for _, u := range res.URLs {
		maxAttempts = max(maxAttempts, len(u.Attempts))
	}
	status := ""
	if d.Status != 0 {
		status = strconv.Itoa(d.Status)
	}
	for _, o := range [][2]string{
		{"healthy", strconv.FormatBool(res.Healthy)},
		{"attempts", strconv.Itoa(maxAttempts)},
		{"http-status", status},
		{"response-time-ms", strconv.FormatInt(d.ResponseTime.Milliseconds(), 10)},
		{"duration-ms", strconv.FormatInt(res.Duration.Milliseconds(), 10)},
	} {
		if err := rt.SetOutput(o[0], o[1]); err != nil {
			return err
		}
	}
	if err := rt.AddSummary(Summary(res)); err != nil {
		rt.Warningf("could not write the job summary: %v", err)
	}
	if ctx.Err() != nil {
		return fmt.Errorf("health check cancelled: %w", ctx.Err())
	}
	if !res.Healthy {
		var msgs []string
		for _, u := range res.URLs {
			if !u.Healthy {
				msg := u.URL + ": " + u.Reason
				if u.Hint != "" {
					msg += ". " + u.Hint
				}
				msgs = append(msgs, msg)
			}
		}
		return action.Failf("%d of %d URL(s) unhealthy: %s", len(msgs), len(res.URLs), strings.Join(msgs, "; "))
	}
	rt.Infof("all %d URL(s) healthy in %s", len(res.URLs), res.Duration.Round(time.Millisecond))
	return nil
}

func redactAll(urls []string) []string {
	out := make([]string, len(urls))
	for i, raw := range urls {
		out[i] = raw
		if u, err := url.Parse(raw); err == nil {
			out[i] = u.Redacted()
		}
	}
	return out
}

// Summary renders the result as a Markdown table, one row per URL.
func Summary(res probe.Result) string {
	var b strings.Builder
	verdict := "✅ healthy"
	if !res.Healthy {
		verdict = "❌ unhealthy"
	}
	fmt.Fprintf(&b, "### Health check: %s\n\n", verdict)
	b.WriteString("| URL | result | attempts | HTTP status | response time | reason |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, u := range res.URLs {
		result, status, took := "✅ healthy", "–", "–"
		if !u.Healthy {
			result = "❌ unhealthy"
		}
		if u.Status != 0 {
			status = strconv.Itoa(u.Status)
		}
		if len(u.Attempts) > 0 {
			took = fmt.Sprintf("%d ms", u.ResponseTime.Milliseconds())
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s |\n", markdown.Text(u.URL), result, len(u.Attempts), status, took, markdown.Text(u.Reason))
	}
	fmt.Fprintf(&b, "\nTotal: %d attempt(s) in %d ms.\n", res.Attempts, res.Duration.Milliseconds())
	for _, u := range res.URLs {
		// The hint is this program's own Markdown: code spans stay code spans, unlike the escaped reason.
		if u.Hint != "" {
			fmt.Fprintf(&b, "\n> [!TIP]\n> %s: %s\n", markdown.Text(u.URL), u.Hint)
		}
	}
	return b.String()
}
