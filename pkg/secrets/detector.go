package secrets

import "sync"

// Detector scans fragments with a fixed set of rules. It is safe for
// concurrent use by many goroutines.
type Detector struct {
	rules []*Rule
	cfg   Config

	mu          sync.Mutex
	usedIgnores map[string]bool
}

// NewDetector builds a detector from the built-in rules and cfg.
func NewDetector(cfg Config) (*Detector, error) {
	d := &Detector{cfg: cfg, usedIgnores: map[string]bool{}}
	for _, r := range builtinRules() {
		d.rules = append(d.rules, r)
	}
	return d, nil
}

// Scan returns the findings in f, in order of position.
func (d *Detector) Scan(f Fragment) []Finding {
	return nil
}

// Rules returns the enabled rules, built-in and extra, sorted by ID.
func (d *Detector) Rules() []Rule {
	out := make([]Rule, 0, len(d.rules))
	for _, r := range d.rules {
		out = append(out, *r)
	}
	return out
}

// SkipPath reports whether files at path are never scanned (lockfiles,
// vendored code, configured allowlists).
func (d *Detector) SkipPath(path string) bool {
	return false
}

// UnusedIgnores returns the configured fingerprint ignores that have not
// suppressed any finding so far, in configuration order.
func (d *Detector) UnusedIgnores() []string {
	return nil
}
