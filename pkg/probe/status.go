// Package probe checks that HTTP endpoints are healthy: it sends a request, judges the status code and the
// body, and retries with a fixed or exponential (jittered, capped) backoff until the endpoint is healthy, the
// attempts run out, or an overall deadline passes. Clock, sleeper, randomness and HTTP client are injected.
package probe

import (
	"fmt"
	"strconv"
	"strings"
)

// StatusRange is an inclusive range of HTTP status codes.
type StatusRange struct{ Min, Max int }

// StatusSet is the set of HTTP status codes that count as healthy.
type StatusSet []StatusRange

// ParseStatuses parses a list of codes and ranges separated by commas, spaces or newlines: "200",
// "200,204", "200-299", "2xx". Codes must lie within 100-599.
func ParseStatuses(s string) (StatusSet, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' })
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty status list")
	}
	var set StatusSet
	for _, f := range fields {
		r, err := parseRange(f)
		if err != nil {
			return nil, err
		}
		set = append(set, r)
	}
	return set, nil
}

func parseRange(f string) (StatusRange, error) {
	if len(f) == 3 && strings.HasSuffix(strings.ToLower(f), "xx") && f[0] >= '1' && f[0] <= '5' {
		base := int(f[0]-'0') * 100
		return StatusRange{base, base + 99}, nil
	}
	lo, hi, isRange := strings.Cut(f, "-")
	min, err := parseCode(lo)
	if err != nil {
		return StatusRange{}, err
	}
	max := min
	if isRange {
		if max, err = parseCode(hi); err != nil {
			return StatusRange{}, err
		}
		if max < min {
			return StatusRange{}, fmt.Errorf("status range %q ends before it starts", f)
		}
	}
	return StatusRange{min, max}, nil
}

func parseCode(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 100 || n > 599 {
		return 0, fmt.Errorf("%q is not an HTTP status code (100-599)", s)
	}
	return n, nil
}

// Contains reports whether code is in the set.
func (s StatusSet) Contains(code int) bool {
	for _, r := range s {
		if code >= r.Min && code <= r.Max {
			return true
		}
	}
	return false
}

// String renders the set as it is written in an input, e.g. "200-299,304".
func (s StatusSet) String() string {
	parts := make([]string, len(s))
	for i, r := range s {
		if r.Min == r.Max {
			parts[i] = strconv.Itoa(r.Min)
		} else {
			parts[i] = fmt.Sprintf("%d-%d", r.Min, r.Max)
		}
	}
	return strings.Join(parts, ",")
}
