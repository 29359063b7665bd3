package prlint

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// RequiredFiles reports every pattern (an exact path or a doublestar glob) that matches no file of
// the head commit. files lists the head commit's file paths, slash-separated.
func RequiredFiles(patterns, files []string) []Finding {
	var out []Finding
	for _, p := range patterns {
		p = strings.TrimPrefix(p, "./")
		found := false
		for _, f := range files {
			if f == p || matchGlob(p, f) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, Finding{Check: CheckRequiredFiles, Level: Failure,
				Message: fmt.Sprintf("required file %q is missing from the head commit", p)})
		}
	}
	return out
}

// ChangedFile is a file added or changed by the pull request, as found in the head commit.
type ChangedFile struct {
	Path string
	// Size is the blob's size in bytes.
	Size int64
	// LFS is true when the blob is a Git LFS pointer (the content lives in LFS, not in git).
	LFS bool
}

// LargeFileMode says what a file over the limit does.
type LargeFileMode string

// Modes of the large-files input.
const (
	LargeFilesWarn LargeFileMode = "warn"
	LargeFilesFail LargeFileMode = "fail"
)

// LargeFiles reports every changed file larger than the limit that is not a Git LFS pointer, with sizes in
// the limit's unit.
func LargeFiles(files []ChangedFile, limit Size, mode LargeFileMode) []Finding {
	level := Warning
	if mode == LargeFilesFail {
		level = Failure
	}
	var out []Finding
	for _, f := range files {
		if f.LFS || f.Size <= limit.Bytes {
			continue
		}
		out = append(out, Finding{Check: CheckLargeFiles, Level: level, File: f.Path, Message: fmt.Sprintf(
			"%q is %s, over the %s limit (max-file-size); track it with Git LFS or keep it out of the repository",
			f.Path, limit.Format(f.Size), limit)})
	}
	return out
}

// FormatSize renders a byte count the way people read it: 2 MB is "2.0 MiB", 300 bytes "300 B".
func FormatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// lfsPointerHeader starts every Git LFS pointer file (git-lfs spec v1).
const lfsPointerHeader = "version https://git-lfs.github.com/spec/v1\n"

// MaxLFSPointerSize is the largest size of a Git LFS pointer; a larger blob is never one.
const MaxLFSPointerSize = 1024

// IsLFSPointer reports whether content is a Git LFS pointer: the version line, then "key value" lines
// including an oid and a size, under 1024 bytes.
func IsLFSPointer(content []byte) bool {
	if len(content) > MaxLFSPointerSize || !bytes.HasPrefix(content, []byte(lfsPointerHeader)) {
		return false
	}
	hasOID, hasSize := false, false
	sc := bufio.NewScanner(bytes.NewReader(content[len(lfsPointerHeader):]))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			return false
		}
		switch key {
		case "oid":
			hasOID = strings.HasPrefix(value, "sha256:")
		case "size":
			_, err := strconv.ParseInt(value, 10, 64)
			hasSize = err == nil
		}
	}
	return hasOID && hasSize
}

// AddedLine is a line added by the pull request, numbered in the head version of its file.
type AddedLine struct {
	Line int
	Text string
}

// markerKind classifies a line as a conflict marker: '<', '=', '>' or 0.
func markerKind(line string) byte {
	line = strings.TrimSuffix(line, "\r")
	switch {
	case strings.HasPrefix(line, "<<<<<<<") && (len(line) == 7 || line[7] == ' '):
		return '<'
	case strings.HasPrefix(line, ">>>>>>>") && (len(line) == 7 || line[7] == ' '):
		return '>'
	case line == "=======":
		return '='
	}
	return 0
}

// ConflictMarkers reports the conflict markers among the lines a pull request adds to a file.
// A lone "=======" line is also a Markdown heading underline, so it is reported only in a file that
// also gets a "<<<<<<<" or ">>>>>>>" marker.
func ConflictMarkers(path string, added []AddedLine) []Finding {
	var marks []AddedLine
	strong := false
	for _, l := range added {
		switch markerKind(l.Text) {
		case '<', '>':
			strong = true
			marks = append(marks, l)
		case '=':
			marks = append(marks, l)
		}
	}
	if !strong {
		return nil
	}
	out := make([]Finding, 0, len(marks))
	for _, m := range marks {
		out = append(out, Finding{Check: CheckMarkers, Level: Failure, File: path, Line: m.Line,
			Message: fmt.Sprintf("conflict marker %q added at %s:%d: a merge or rebase was committed unresolved; in %s keep the lines you want from each side, delete the <<<<<<<, ======= and >>>>>>> lines, then commit and push",
				strings.TrimSuffix(m.Text, "\r")[:7], path, m.Line, path)})
	}
	return out
}

// AddedLinesFromPatch extracts the added lines of a unified diff of one file (the `patch` field of the
// pull request files API: hunks only, no file header), numbered in the new file.
func AddedLinesFromPatch(patch string) []AddedLine {
	var out []AddedLine
	newLine := 0
	for _, line := range strings.Split(patch, "\n") {
		if strings.HasPrefix(line, "@@") {
			// @@ -a,b +c,d @@
			if _, after, ok := strings.Cut(line, " +"); ok {
				num, _, _ := strings.Cut(after, " ")
				num, _, _ = strings.Cut(num, ",")
				if n, err := strconv.Atoi(num); err == nil {
					newLine = n
				}
			}
			continue
		}
		if newLine == 0 {
			continue
		}
		switch {
		case strings.HasPrefix(line, "+"):
			out = append(out, AddedLine{Line: newLine, Text: line[1:]})
			newLine++
		case strings.HasPrefix(line, "-"), strings.HasPrefix(line, `\`):
		default:
			newLine++
		}
	}
	return out
}

// Mergeable turns the pull request's mergeable state into findings. mergeable is nil when GitHub
// had not computed it by the deadline.
func Mergeable(mergeable *bool, state string) []Finding {
	switch {
	case mergeable == nil:
		return []Finding{{Check: CheckConflicts, Level: Warning,
			Message: "GitHub had not computed whether the pull request can be merged; run the check again"}}
	case !*mergeable || state == "dirty":
		return []Finding{{Check: CheckConflicts, Level: Failure,
			Message: "the pull request has merge conflicts with its base branch; merge or rebase the base branch and resolve them"}}
	}
	return nil
}
