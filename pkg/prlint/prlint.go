// Package prlint holds the checks of the pr-lint action as pure functions: the pull request title against
// Conventional Commits and a policy, the branch name and its target, required files, large files, conflict
// markers and the mergeable state, and the rendering of their findings as a Markdown report.
//
// Nothing here does I/O: the action gathers titles, trees, blobs and API answers and passes them in.
package prlint

// Check names one of pr-lint's checks.
type Check string

// The checks, in report order.
const (
	CheckTitle         Check = "title"
	CheckBranch        Check = "branch"
	CheckTargets       Check = "branch-targets"
	CheckRequiredFiles Check = "required-files"
	CheckLargeFiles    Check = "large-files"
	CheckConflicts     Check = "merge-conflicts"
	CheckSingleCommit  Check = "single-commit"
)

// AllChecks lists every check in report order.
var AllChecks = []Check{
	CheckTitle, CheckBranch, CheckTargets, CheckRequiredFiles, CheckLargeFiles, CheckConflicts, CheckSingleCommit,
}

// Label is the human name of the check used in reports.
func (c Check) Label() string {
	switch c {
	case CheckTitle:
		return "Title"
	case CheckBranch:
		return "Branch name"
	case CheckTargets:
		return "Branch target"
	case CheckRequiredFiles:
		return "Required files"
	case CheckLargeFiles:
		return "Large files"
	case CheckConflicts:
		return "Merge conflicts"
	case CheckSingleCommit:
		return "Single commit"
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

// Report gathers the outcome of every check that was run or skipped.
type Report struct {
	// Title and Branch are the pull request's, shown in the report header.
	Title, Branch string
	// Findings in the order they were added.
	Findings []Finding

	ran     []Check
	skipped map[Check]string
}

// Ran records that check c was run (whether or not it found anything).
func (r *Report) Ran(c Check) {
	for _, x := range r.ran {
		if x == c {
			return
		}
	}
	r.ran = append(r.ran, c)
}

// Add records findings; their checks are recorded as run.
func (r *Report) Add(fs ...Finding) {
	for _, f := range fs {
		r.Ran(f.Check)
		r.Findings = append(r.Findings, f)
	}
}

// Skip records that check c could not be run, and why.
func (r *Report) Skip(c Check, reason string) {
	if r.skipped == nil {
		r.skipped = map[Check]string{}
	}
	r.skipped[c] = reason
	r.Ran(c)
}

// SkipReason tells why check c was skipped, or "" when it was not.
func (r *Report) SkipReason(c Check) string { return r.skipped[c] }

// Checks lists the checks that were run or skipped, in report order.
func (r *Report) Checks() []Check {
	var out []Check
	for _, c := range AllChecks {
		for _, x := range r.ran {
			if x == c {
				out = append(out, c)
			}
		}
	}
	return out
}

// Status is the outcome of check c: the most serious of its findings.
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

// Clean reports whether nothing at all was found: no failure, warning or pending work.
func (r *Report) Clean() bool { return len(r.Findings) == 0 }

// Problems is the number of failures and warnings.
func (r *Report) Problems() int { return r.Count(Failure) + r.Count(Warning) }
