// Package prlint holds the checks of the pr-lint action as pure functions: the pull request title against
// Conventional Commits (or a header pattern) and a policy of type and scope names or patterns, the single
// commit GitHub squash-merges with, the branch name and its target, required files, forbidden paths, large
// files, conflict markers and the mergeable state, and the rendering of their outcomes as a Markdown report.
//
// Each check's result is an Outcome — passed, found something, or skipped with a reason — and the Report is
// built from outcomes only, so a check that did not run is never shown as passed.
//
// Nothing here does I/O: the action gathers titles, trees, blobs and API answers and passes them in.
package prlint

// Check names one of pr-lint's checks.
type Check string

// The checks, in report order.
const (
	CheckTitle          Check = "title"
	CheckSingleCommit   Check = "single-commit"
	CheckSameAsTitle    Check = "single-commit-same-as-title"
	CheckBranch         Check = "branch"
	CheckTargets        Check = "branch-targets"
	CheckRequiredFiles  Check = "required-files"
	CheckForbiddenPaths Check = "forbidden-paths"
	CheckLargeFiles     Check = "large-files"
	CheckMarkers        Check = "conflict-markers"
	CheckConflicts      Check = "merge-conflicts"
)

// AllChecks lists every check in report order.
var AllChecks = []Check{
	CheckTitle, CheckSingleCommit, CheckSameAsTitle, CheckBranch, CheckTargets, CheckRequiredFiles,
	CheckForbiddenPaths, CheckLargeFiles, CheckMarkers, CheckConflicts,
}

// Label is the human name of the check used in reports.
func (c Check) Label() string {
	switch c {
	case CheckTitle:
		return "Title"
	case CheckSingleCommit:
		return "Single commit"
	case CheckSameAsTitle:
		return "Single commit same as title"
	case CheckBranch:
		return "Branch name"
	case CheckTargets:
		return "Branch target"
	case CheckRequiredFiles:
		return "Required files"
	case CheckForbiddenPaths:
		return "Forbidden paths"
	case CheckLargeFiles:
		return "Large files"
	case CheckMarkers:
		return "Conflict markers"
	case CheckConflicts:
		return "Merge conflicts"
	}
	return string(c)
}

// Level is how serious a finding is.
type Level int

// Levels, from the least to the most serious.
const (
	// Pending marks work in progress: not a failure, not yet a pass.
	Pending Level = iota + 1
	// Warning is reported but does not fail the pull request.
	Warning
	// Failure fails the pull request.
	Failure
)

func (l Level) String() string {
	switch l {
	case Pending:
		return "pending"
	case Warning:
		return "warning"
	case Failure:
		return "failure"
	}
	return "unknown"
}

// Finding is one thing a check reports.
type Finding struct {
	Check Check
	Level Level
	// Message is one line of plain text; it may quote untrusted text (titles, branch names, paths), so
	// renderers must escape it.
	Message string
	// Example is a corrected example (for titles), empty when there is none.
	Example string
	// File and Line locate the finding in the head commit, when it has a place.
	File string
	Line int
}

// Status is the outcome of one check in a report.
type Status string

// Statuses of a check.
const (
	StatusPassed  Status = "passed"
	StatusFailed  Status = "failed"
	StatusWarning Status = "warning"
	StatusPending Status = "pending"
	StatusSkipped Status = "skipped"
)

// Outcome is what one check returns: passed (no findings), found something (findings), or skipped with
// the reason it could not run. A check that could not finish its work is not skipped: it fails with a
// finding that says why (see Errored), so nothing unchecked is ever reported as passed.
type Outcome struct {
	Check    Check
	Findings []Finding
	// Skipped is true when the check did not run; Reason says why.
	Skipped bool
	Reason  string
}

// Ran is the outcome of check c that ran and found fs (none: it passed).
func Ran(c Check, fs ...Finding) Outcome { return Outcome{Check: c, Findings: fs} }

// Skipped is the outcome of check c that did not run, with the reason.
func Skipped(c Check, reason string) Outcome { return Outcome{Check: c, Skipped: true, Reason: reason} }

// Errored is the outcome of check c that could not be completed: a failure that says why.
func Errored(c Check, err error) Outcome {
	return Outcome{Check: c, Findings: []Finding{{Check: c, Level: Failure,
		Message: "could not be checked: " + err.Error()}}}
}

// Report gathers the outcome of every check that was run or skipped.
type Report struct {
	// Title and Branch are the pull request's, shown in the report header.
	Title, Branch string
	// Findings in the order they were added.
	Findings []Finding

	ran     []Check
	skipped map[Check]string
}

// Record adds a check's outcome. A check recorded twice keeps the findings of both; it is skipped only when
// every outcome recorded for it was.
func (r *Report) Record(o Outcome) {
	seen := r.has(o.Check)
	if !seen {
		r.ran = append(r.ran, o.Check)
	}
	if o.Skipped {
		if !seen {
			if r.skipped == nil {
				r.skipped = map[Check]string{}
			}
			r.skipped[o.Check] = o.Reason
		}
	} else {
		delete(r.skipped, o.Check)
	}
	for _, f := range o.Findings {
		f.Check = o.Check
		r.Findings = append(r.Findings, f)
	}
}

func (r *Report) has(c Check) bool {
	for _, x := range r.ran {
		if x == c {
			return true
		}
	}
	return false
}

// SkipReason tells why check c was skipped, or "" when it was not.
func (r *Report) SkipReason(c Check) string { return r.skipped[c] }

// Skipped lists the checks that were skipped, in report order.
func (r *Report) Skipped() []Check {
	var out []Check
	for _, c := range r.Checks() {
		if _, ok := r.skipped[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// Checks lists the checks that were run or skipped, in report order.
func (r *Report) Checks() []Check {
	var out []Check
	for _, c := range AllChecks {
		if r.has(c) {
			out = append(out, c)
		}
	}
	return out
}

// Status is the outcome of check c: the most serious of its findings, else skipped or passed.
func (r *Report) Status(c Check) Status {
	worst := Level(0)
	for _, f := range r.Findings {
		if f.Check == c && f.Level > worst {
			worst = f.Level
		}
	}
	switch worst {
	case Failure:
		return StatusFailed
	case Warning:
		return StatusWarning
	case Pending:
		return StatusPending
	}
	if _, ok := r.skipped[c]; ok {
		return StatusSkipped
	}
	return StatusPassed
}

// Count returns the number of findings of level l.
func (r *Report) Count(l Level) int {
	n := 0
	for _, f := range r.Findings {
		if f.Level == l {
			n++
		}
	}
	return n
}

// Failed reports whether a failing check failed.
func (r *Report) Failed() bool { return r.Count(Failure) > 0 }

// Clean reports whether every check ran and found nothing: no failure, warning, pending work or skipped check.
func (r *Report) Clean() bool { return len(r.ran) > 0 && len(r.Findings) == 0 && len(r.skipped) == 0 }

// Problems is the number of failures and warnings.
func (r *Report) Problems() int { return r.Count(Failure) + r.Count(Warning) }
