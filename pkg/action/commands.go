package action

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"
)

// Level is an annotation's severity.
type Level string

// Annotation levels.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNotice  Level = "notice"
)

// Annotation is a message shown on a file and line of the pull request or run.
type Annotation struct {
	Level   Level
	File    string // relative to the workspace
	Line    int    // 1-based; 0 for none
	EndLine int
	Col     int
	EndCol  int
	Title   string
	Message string
}

// Annotate prints an annotation as a workflow command (a plain line locally). Untrusted text in the title,
// file or message cannot start another command: properties and data are escaped as the runner expects.
func (rt *Runtime) Annotate(a Annotation) {
	if a.Level == "" {
		a.Level = LevelError
	}
	if rt.local {
		var where string
		if a.File != "" {
			where = a.File
			if a.Line > 0 {
				where += ":" + strconv.Itoa(a.Line)
			}
			where += ": "
		}
		title := ""
		if a.Title != "" {
			title = oneLine(a.Title) + ": "
		}
		fmt.Fprintf(rt.Stdout(), "%s: %s%s%s\n", a.Level, where, title, oneLine(a.Message))
		return
	}
	fmt.Fprintln(rt.Stdout(), FormatAnnotation(a))
}

// FormatAnnotation renders an annotation as a workflow command line.
func FormatAnnotation(a Annotation) string {
	var props []string
	add := func(k, v string) {
		if v != "" {
			props = append(props, k+"="+escapeProperty(v))
		}
	}
	addInt := func(k string, v int) {
		if v > 0 {
			add(k, strconv.Itoa(v))
		}
	}
	add("file", a.File)
	addInt("line", a.Line)
	addInt("endLine", a.EndLine)
	addInt("col", a.Col)
	addInt("endColumn", a.EndCol)
	add("title", a.Title)
	cmd := "::" + string(a.Level)
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return cmd + "::" + escapeData(a.Message)
}

func escapeData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

func escapeProperty(s string) string {
	s = escapeData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", " ")), " ")
}

// SetOutput sets a declared output. Under the runner it is appended to GITHUB_OUTPUT in heredoc form with a
// random delimiter; a name or value containing that delimiter is refused, so untrusted text (a PR title, say)
// can never add another output. Locally it is printed.
func (rt *Runtime) SetOutput(name, value string) error {
	if _, ok := rt.meta.Outputs[name]; !ok {
		return fmt.Errorf("output %q is not declared in %s/action.yml", name, rt.name)
	}
	rt.mu.Lock()
	rt.outputs[name] = value
	rt.mu.Unlock()
	path := rt.env.getenv("GITHUB_OUTPUT")
	if path == "" {
		if strings.Contains(value, "\n") {
			fmt.Fprintf(rt.Stdout(), "output %s:\n%s\n", name, indent(value))
		} else {
			fmt.Fprintf(rt.Stdout(), "output %s=%s\n", name, value)
		}
		return nil
	}
	hexPart, err := randomHex(rt.env.Rand, 16)
	if err != nil {
		return err
	}
	delim := "ghadelimiter_" + hexPart
	if strings.Contains(name, delim) || strings.Contains(value, delim) {
		return fmt.Errorf("output %q: the value contains the output delimiter and was refused", name)
	}
	return appendFile(path, fmt.Sprintf("%s<<%s\n%s\n%s\n", name, delim, value, delim))
}

// Outputs returns the outputs set so far.
func (rt *Runtime) Outputs() map[string]string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	out := make(map[string]string, len(rt.outputs))
	for k, v := range rt.outputs {
		out[k] = v
	}
	return out
}

// summaryLimit is GitHub's cap on one step's summary.
const summaryLimit = 1 << 20

// AddSummary appends Markdown to the job summary (printed locally). Masked secrets are redacted; a summary
// over GitHub's 1 MiB limit is cut with a note rather than rejected by the runner.
func (rt *Runtime) AddSummary(markdown string) error {
	markdown = rt.Redact(markdown)
	if !strings.HasSuffix(markdown, "\n") {
		markdown += "\n"
	}
	path := rt.env.getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		fmt.Fprintf(rt.env.Stdout, "--- summary ---\n%s--- end of summary ---\n", markdown)
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.Size()+int64(len(markdown)) > summaryLimit {
		const note = "\n_The summary was cut: GitHub accepts at most 1 MiB per step._\n"
		room := summaryLimit - st.Size() - int64(len(note))
		if room <= 0 {
			return nil
		}
		markdown = strings.ToValidUTF8(markdown[:room], "") + note // never split a character
	}
	return appendFile(path, markdown)
}

func appendFile(path, s string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// zwsp is a zero-width space: invisible in the log, yet not white space to the runner, so a line that
// starts with it is never read as a workflow command.
const zwsp = "\u200b"

// NeutralizeCommands makes text from outside the process (Railway logs, API error bodies, commit messages)
// safe to print as log lines. The runner reads a line as a command when it starts with "::" after leading
// white space, and, in the legacy syntax, wherever "##[" appears; it splits lines at "\n", "\r" and "\r\n".
// Every line break becomes "\n", and each such line start or "##[" gets a zero-width space, so the text reads
// the same and nothing in it (::set-output, ::add-mask::, ::error, ::stop-commands) is carried out.
func NeutralizeCommands(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") {
			l = zwsp + l
		}
		lines[i] = strings.ReplaceAll(l, "##[", "##"+zwsp+"[")
	}
	return strings.Join(lines, "\n")
}
