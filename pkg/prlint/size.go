package prlint

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Size is a size limit as the user wrote it: its bytes, and the unit it was written in, which messages
// use ("1 MB", not "976.6 KiB").
type Size struct {
	Bytes int64
	// Number and Unit are as written: "1.5" and "MB". Unit is "B" for a plain number of bytes.
	Number string
	Unit   string
}

// sizeUnits are the documented units of max-file-size, by lower-case spelling: B, decimal KB/MB/GB and
// binary KiB/MiB/GiB.
var sizeUnits = map[string]struct {
	name string
	mult float64
}{
	"": {"B", 1}, "b": {"B", 1},
	"kb": {"KB", 1e3}, "mb": {"MB", 1e6}, "gb": {"GB", 1e9},
	"kib": {"KiB", 1 << 10}, "mib": {"MiB", 1 << 20}, "gib": {"GiB", 1 << 30},
}

var sizeRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)$`)

// ParseSize reads a size: a number with an optional unit, B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB
// (powers of 1024), in any letter case. A bare number is bytes. Units without B (`1M`, `1k`) are refused:
// they are ambiguous between powers of 1000 and 1024.
func ParseSize(s string) (Size, error) {
	m := sizeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Size{}, fmt.Errorf("%q is not a size", s)
	}
	u, ok := sizeUnits[strings.ToLower(m[2])]
	if !ok {
		if l := strings.ToLower(m[2]); l == "k" || l == "m" || l == "g" {
			up := strings.ToUpper(l)
			return Size{}, fmt.Errorf("the unit %q is ambiguous: write %s%sB (powers of 1000) or %s%siB (powers of 1024)", m[2], m[1], up, m[1], up)
		}
		return Size{}, fmt.Errorf("%q is not a unit", m[2])
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return Size{}, fmt.Errorf("%q is not a size", s)
	}
	b := f * u.mult
	if b > math.MaxInt64/2 {
		return Size{}, fmt.Errorf("%q is too large", s)
	}
	return Size{Bytes: int64(b), Number: m[1], Unit: u.name}, nil
}

// String renders the limit as written: "1 MB", "512 KiB", "2048 B".
func (s Size) String() string {
	if s.Unit == "" {
		return FormatSize(s.Bytes)
	}
	return s.Number + " " + s.Unit
}

// Format renders n bytes in the limit's unit, with one decimal ("1.9 MB"). When that rounding hides the
// difference with the limit (1,000,001 bytes against 1 MB) the exact byte count follows.
func (s Size) Format(n int64) string {
	u, ok := sizeUnits[strings.ToLower(s.Unit)]
	if !ok || u.mult == 1 {
		return fmt.Sprintf("%d B", n)
	}
	v := float64(n) / u.mult
	out := fmt.Sprintf("%.1f %s", v, u.name)
	limit, _ := strconv.ParseFloat(s.Number, 64)
	if r, _ := strconv.ParseFloat(fmt.Sprintf("%.1f", v), 64); r <= limit && n > s.Bytes {
		out += fmt.Sprintf(" (%d bytes)", n)
	}
	return out
}
