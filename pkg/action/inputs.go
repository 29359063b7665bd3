package action

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Inputs reads and validates the action's inputs. Each getter records a problem instead of returning an
// error, so that one run reports every bad input at once; call Err after reading them all.
type Inputs struct {
	rt       *Runtime
	mu       sync.Mutex
	read     map[string]bool
	problems []InputProblem
}

func newInputs(rt *Runtime) *Inputs {
	return &Inputs{rt: rt, read: map[string]bool{}}
}

// Err returns an *InputError listing every bad input, or nil.
func (in *Inputs) Err() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.problems) == 0 {
		return nil
	}
	return &InputError{Problems: append([]InputProblem(nil), in.problems...)}
}

// Read returns the names of the inputs read so far, sorted.
func (in *Inputs) Read() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return sortedKeys(in.read)
}

func (in *Inputs) fail(name, value, accepted string) {
	in.mu.Lock()
	in.problems = append(in.problems, InputProblem{Input: name, Value: value, Accepted: accepted})
	in.mu.Unlock()
}

// envName is the variable the runner sets for an input: INPUT_ + upper case, spaces as _, dashes kept.
func envName(name string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
}

// raw returns the trimmed value of a declared input: the INPUT_ variable when it is set, else the action.yml
// default. `${{ github.token }}` defaults fall back to GITHUB_TOKEN (or GH_TOKEN) so local runs can use a token.
func (in *Inputs) raw(name string) string {
	meta, ok := in.rt.meta.Inputs[name]
	if !ok {
		panic(fmt.Sprintf("input %q is not declared in %s/action.yml", name, in.rt.name))
	}
	in.mu.Lock()
	in.read[name] = true
	in.mu.Unlock()
	if v, ok := in.rt.env.LookupEnv(envName(name)); ok {
		return strings.TrimSpace(v)
	}
	if meta.Default == nil {
		return ""
	}
	def := strings.TrimSpace(*meta.Default)
	if strings.HasPrefix(def, "${{") {
		if strings.Contains(def, "github.token") {
			for _, k := range []string{"GITHUB_TOKEN", "GH_TOKEN"} {
				if v := in.rt.env.getenv(k); v != "" {
					return v
				}
			}
		}
		return ""
	}
	return def
}

// String returns the input's value ("" when empty).
func (in *Inputs) String(name string) string { return in.raw(name) }

// Invalid records a problem found by the caller's own validation (a URL's form, say), so that it is
// reported with every other bad input. value is shown in the message: pass a redacted form of anything secret.
func (in *Inputs) Invalid(name, value, accepted string) {
	in.fail(name, value, accepted)
}

// InvalidSecret records a problem with an input whose value must not be shown.
func (in *Inputs) InvalidSecret(name, accepted string) {
	in.mu.Lock()
	in.problems = append(in.problems, InputProblem{Input: name, Accepted: accepted, Secret: true})
	in.mu.Unlock()
}

// Required returns the input's value and records a problem when it is empty.
func (in *Inputs) Required(name string) string {
	v := in.raw(name)
	if v == "" {
		in.fail(name, "", "a value is required")
	}
	return v
}

// Secret returns a token or other secret: the input, else the first non-empty environment variable among
// envFallbacks. The value is masked at once.
func (in *Inputs) Secret(name string, envFallbacks ...string) string {
	v := in.raw(name)
	for _, k := range envFallbacks {
		if v != "" {
			break
		}
		v = strings.TrimSpace(in.rt.env.getenv(k))
	}
	in.rt.Mask(v)
	return v
}

// Bool parses true/false in the spellings YAML 1.2 accepts (true, True, TRUE, false, False, FALSE).
func (in *Inputs) Bool(name string) bool {
	v := in.raw(name)
	switch v {
	case "true", "True", "TRUE":
		return true
	case "false", "False", "FALSE", "":
		return false
	}
	in.fail(name, v, "accepted values are true or false")
	return false
}

// Int parses a whole number between min and max inclusive.
func (in *Inputs) Int(name string, lo, hi int) int {
	v := in.raw(name)
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		in.fail(name, v, fmt.Sprintf("a whole number from %d to %d is accepted", lo, hi))
		return lo
	}
	return n
}

// Duration parses a Go duration such as 30s, 5m or 1h30m; it must not be negative. Empty is zero.
func (in *Inputs) Duration(name string) time.Duration {
	v := in.raw(name)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		hint := ""
		if _, e := strconv.Atoi(v); e == nil {
			hint = fmt.Sprintf(" (for seconds write %ss)", v)
		}
		in.fail(name, v, "a duration such as 30s, 5m or 1h30m is accepted"+hint)
		return 0
	}
	return d
}

// PositiveDuration is Duration for a value that must be above zero (a timeout, an interval).
func (in *Inputs) PositiveDuration(name string) time.Duration {
	v := in.raw(name)
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		hint := ""
		if _, e := strconv.Atoi(v); e == nil && v != "0" {
			hint = fmt.Sprintf(" (for seconds write %ss)", v)
		}
		in.fail(name, v, "a duration above zero such as 30s, 5m or 1h30m is accepted"+hint)
		return 0
	}
	return d
}

// Enum returns the value when it is one of allowed (compared without case), in allowed's spelling.
func (in *Inputs) Enum(name string, allowed ...string) string {
	v := in.raw(name)
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return a
		}
	}
	in.fail(name, v, "accepted values are "+strings.Join(allowed, ", "))
	if len(allowed) > 0 {
		return allowed[0]
	}
	return ""
}

// List splits a newline- or comma-separated input into trimmed, non-empty items.
func (in *Inputs) List(name string) []string {
	return SplitList(in.raw(name))
}

// Lines splits a newline-separated input into trimmed, non-empty lines (for values that may hold commas).
func (in *Inputs) Lines(name string) []string {
	var out []string
	for _, l := range strings.Split(in.raw(name), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// SplitList splits on newlines and commas, trimming items and dropping empty ones.
func SplitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Regexp compiles a regular expression (RE2 syntax); nil when the input is empty.
func (in *Inputs) Regexp(name string) *regexp.Regexp {
	v := in.raw(name)
	if v == "" {
		return nil
	}
	re, err := regexp.Compile(v)
	if err != nil {
		in.fail(name, v, "a valid regular expression (RE2 syntax) is accepted: "+err.Error())
		return nil
	}
	return re
}

// Size parses a size in bytes: a number with an optional unit, B, KB/MB/GB (powers of 1000) or
// KiB/MiB/GiB (powers of 1024), case-insensitive, such as 1MB, 512KiB or 1.5MB.
func (in *Inputs) Size(name string) int64 {
	v := in.raw(name)
	n, err := ParseSize(v)
	if err != nil {
		in.fail(name, v, "a size such as 1MB, 512KiB or 2048 (bytes) is accepted; units: B, KB, MB, GB, KiB, MiB, GiB")
		return 0
	}
	return n
}

var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	// Only the documented units: a bare "M" is ambiguous between powers of 1000 and 1024 (pr-lint refuses it
	// for the same reason).
	"kb": 1e3, "mb": 1e6, "gb": 1e9,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
}

var sizeRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)$`)

// ParseSize parses a size as Inputs.Size does.
func ParseSize(s string) (int64, error) {
	m := sizeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	mult, ok := sizeUnits[strings.ToLower(m[2])]
	if !ok {
		return 0, fmt.Errorf("invalid size unit %q: write B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)", m[2])
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	b := f * mult
	if b > math.MaxInt64/2 {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return int64(b), nil
}

// Unread returns the names declared in action.yml that have not been read, sorted. The repository's tests
// use it to check that a program reads every input its metadata declares.
func (in *Inputs) Unread() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	var out []string
	for name := range in.rt.meta.Inputs {
		if !in.read[name] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
