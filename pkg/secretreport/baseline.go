package secretreport

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Baseline is a set of accepted findings, read from a JSON report that this package wrote (JSON):
// a team that turns scanning on in an old repository accepts what is there and fails only on new
// leaks.
//
// An entry matches a finding with the same fingerprint (the rule and the SHA-256 of the secret) in
// the same file. Commits and line numbers are not compared: a baselined secret stays accepted when
// its line moves, when the history is rewritten or when a later commit touches the file, while a
// different secret on the same line has another fingerprint and is reported. An entry without a
// file accepts its secret in every file.
type Baseline struct {
	entries map[baselineKey]int // index into used
	used    []bool
	// Unredacted counts entries whose match holds the raw secret (a report written with
	// redaction off): such a file must not be committed.
	Unredacted int
}

type baselineKey struct{ fingerprint, file string }

const baselineShape = `a baseline is a JSON report written by the report input, {"findings": [{"rule": ..., "fingerprint": ..., "file": ...}], ...}`

var baselineFingerprint = regexp.MustCompile(`^([a-z0-9][a-z0-9_.-]*):([0-9a-f]{64})$`)

// ParseBaseline reads a baseline: a JSON report ({"findings": [{"rule", "fingerprint", "file",
// ...}], ...}). Only fingerprint (required), rule and file are used; other fields are ignored.
func ParseBaseline(data []byte) (*Baseline, error) {
	var doc struct {
		Findings *[]struct {
			Rule        string `json:"rule"`
			Fingerprint string `json:"fingerprint"`
			File        string `json:"file"`
			Match       string `json:"match"`
		} `json:"findings"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("not JSON (%v at byte %d): %s", err, se.Offset, baselineShape)
		case errors.As(err, &te) && te.Field != "":
			return nil, fmt.Errorf("%q is a JSON %s: %s", te.Field, te.Value, baselineShape)
		case errors.As(err, &te):
			return nil, fmt.Errorf("a JSON %s: %s", te.Value, baselineShape)
		}
		return nil, fmt.Errorf("%v: %s", err, baselineShape)
	}
	if doc.Findings == nil {
		return nil, errors.New(`no "findings" list: ` + baselineShape)
	}
	b := &Baseline{entries: map[baselineKey]int{}}
	for i, e := range *doc.Findings {
		m := baselineFingerprint.FindStringSubmatch(e.Fingerprint)
		if m == nil {
			return nil, fmt.Errorf(`findings[%d]: fingerprint %q: want "rule-id:<64 hex digits of SHA-256>" as in the report`, i, e.Fingerprint)
		}
		if e.Rule != "" && e.Rule != m[1] {
			return nil, fmt.Errorf("findings[%d]: rule %q does not match the fingerprint's rule %q", i, e.Rule, m[1])
		}
		if raw(e.Match, m[2]) {
			b.Unredacted++
		}
		k := baselineKey{e.Fingerprint, e.File}
		if _, dup := b.entries[k]; dup {
			continue
		}
		b.entries[k] = len(b.used)
		b.used = append(b.used, false)
	}
	return b, nil
}

// raw reports whether match is the secret whose SHA-256 is hash.
func raw(match, hash string) bool {
	if match == "" || strings.HasSuffix(match, "…") {
		return false
	}
	sum := sha256.Sum256([]byte(match))
	return hex.EncodeToString(sum[:]) == hash
}

// Len returns the number of distinct entries.
func (b *Baseline) Len() int {
	if b == nil {
		return 0
	}
	return len(b.used)
}

// Match reports whether the baseline accepts a finding with this fingerprint in this file, and
// marks the entry used. A nil Baseline accepts nothing.
func (b *Baseline) Match(fingerprint, file string) bool {
	if b == nil {
		return false
	}
	for _, k := range []baselineKey{{fingerprint, file}, {fingerprint, ""}} {
		if i, ok := b.entries[k]; ok {
			b.used[i] = true
			return true
		}
	}
	return false
}

// Unused returns the number of entries that matched no finding so far: secrets removed from
// history, or outside what was scanned.
func (b *Baseline) Unused() int {
	n := 0
	if b != nil {
		for _, u := range b.used {
			if !u {
				n++
			}
		}
	}
	return n
}

// IsReport reports whether data is a report that this package writes: a JSON report or a SARIF
// log of this tool (any tool name given to SARIF is recognised by the fingerprint key of its
// results). A scanner must not report the findings listed inside its own reports and baselines.
func IsReport(data []byte) bool {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	var doc struct {
		Findings []map[string]json.RawMessage `json:"findings"`
		Stats    map[string]json.RawMessage   `json:"stats"`
		Version  string                       `json:"version"`
		Runs     []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return false
	}
	if doc.Findings != nil && doc.Stats != nil {
		for _, f := range doc.Findings {
			if f["fingerprint"] == nil || f["rule"] == nil {
				return false
			}
		}
		return true
	}
	if doc.Version == "2.1.0" {
		for _, r := range doc.Runs {
			for _, res := range r.Results {
				if _, ok := res.PartialFingerprints[FingerprintKey]; ok {
					return true
				}
			}
		}
	}
	return false
}
