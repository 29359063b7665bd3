package main

import (
	"fmt"
	"path"
	"strconv"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/secretreport"
	"github.com/rose/actions/pkg/secrets"
)

// maxAnnotations bounds the error annotations printed; GitHub shows the first ones only.
const maxAnnotations = 100

// maxLimitedAnnotations bounds the warnings about files read only in part; the summary lists
// up to a hundred.
const maxLimitedAnnotations = 10

// publish writes the annotations, reports, outputs and summary. No secret reaches any of them
// except the JSON report's match when redact is false.
func publish(rt *action.Runtime, det *secrets.Detector, base *secretreport.Baseline, p plan, in inputs, res result) error {
	for i, f := range res.findings {
		if i == maxAnnotations {
			rt.Warningf("%d more findings are not annotated: see the job summary and the report", len(res.findings)-maxAnnotations)
			break
		}
		file := f.File
		if !p.files && p.prefix != "" {
			file = path.Join(p.prefix, file) // the repository is a folder of the workspace
		}
		rt.Annotate(action.Annotation{
			Level:   action.LevelError,
			File:    file,
			Line:    f.Line,
			Col:     f.Column,
			Title:   "Secret: " + f.Description,
			Message: annotationMessage(f),
		})
	}
	limited, nLimited := det.Limits()
	for i, l := range limited {
		if i == maxLimitedAnnotations {
			break
		}
		file := l.Path
		if !p.files && p.prefix != "" {
			file = path.Join(p.prefix, file)
		}
		rt.Annotate(action.Annotation{
			Level: action.LevelWarning, File: file, Line: l.Line, Title: "Scanned in part",
			Message: "This file is too dense in rule keywords (generated, minified or repeated data) to be read by every rule " +
				"within secret-scan's budget of work: from this line on, some rules did not read it. See the job summary.",
		})
	}
	unused := det.UnusedIgnores()
	for _, ig := range unused {
		rt.Warningf("The ignore %s in the configuration matched no finding: remove it", ig)
	}
	report := secretreport.Report{
		Findings: res.findings, Baselined: res.baselined, Stats: res.stats, Redact: in.redact,
		Limited: limited, LimitedCount: nLimited,
	}
	if err := rt.SetOutput("findings", strconv.Itoa(len(res.findings))); err != nil {
		return err
	}
	if in.report != "" {
		b, err := secretreport.JSON(report)
		if err != nil {
			return fmt.Errorf("render the JSON report: %w", err)
		}
		if err := rt.WriteFile(in.reportPath, b); err != nil {
			return fmt.Errorf("write the JSON report: %w", err)
		}
		if err := rt.SetOutput("report", in.report); err != nil {
			return err
		}
	}
	if in.sarif != "" {
		b, err := secretreport.SARIF(report, det.Rules(), secretreport.Tool{
			Name: "rose secret-scan", Version: toolVersion(), InformationURI: "https://github.com/rose/actions",
		})
		if err != nil {
			return fmt.Errorf("render SARIF: %w", err)
		}
		if err := rt.WriteFile(in.sarifPath, b); err != nil {
			return fmt.Errorf("write SARIF: %w", err)
		}
		if err := rt.SetOutput("sarif", in.sarif); err != nil {
			return err
		}
	}
	commitURL := ""
	if owner, repo := rt.Repo(); owner != "" && !rt.Local() {
		commitURL = rt.ServerURL() + "/" + owner + "/" + repo + "/commit/"
	}
	opts := secretreport.SummaryOptions{
		Mode: p.desc, CommitURL: commitURL, MaxFileSize: in.maxFileSize, UnusedIgnores: unused, Baseline: in.baseline,
	}
	if p.files || p.sel.All {
		// Only a scan of everything can tell that a baseline entry is stale; a pull request's
		// commits hold none of the old secrets.
		opts.UnusedBaseline = base.Unused()
	}
	return rt.AddSummary(secretreport.Markdown(report, opts))
}

func annotationMessage(f secretreport.Finding) string {
	msg := "Rule " + f.RuleID
	if f.InTestPath {
		msg += ", " + secretreport.TestPathNote
	}
	if f.Commit != "" {
		msg += ", introduced in commit " + short(f.Commit)
		if f.Author != "" {
			msg += " by " + f.Author
		}
	}
	return msg + ". Revoke it at the provider and replace it: deleting it leaves it in git history. Fingerprint: " + f.Fingerprint
}
