package secretreport

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"github.com/rose/actions/pkg/secrets"
)

// Tool names the scanner in SARIF.
type Tool struct {
	Name           string // e.g. "rose secret-scan"
	Version        string // e.g. "1.4.0" or "dev"
	InformationURI string
}

// MaxSARIFResults is GitHub code scanning's limit of results per run; SARIF keeps the first
// findings up to it and says how many were left out.
const MaxSARIFResults = 25000

// FingerprintKey is the partialFingerprints key of every result.
const FingerprintKey = "secretFingerprint/v1"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string           `json:"id"`
	Name                 string           `json:"name"`
	ShortDescription     sarifMessage     `json:"shortDescription"`
	FullDescription      sarifMessage     `json:"fullDescription"`
	Help                 sarifMultiformat `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties map[string]any `json:"properties"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn,omitempty"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

// SARIF renders the findings as a SARIF 2.1.0 log that GitHub code scanning accepts: every rule
// of rules (plus any rule a finding names that rules lacks) with short and full descriptions and
// help; results with a repository-relative location, a message that shows at most the redacted
// secret, and a content-based partial fingerprint (a hash of the rule, the secret's hash and the
// file — never the secret). Report.Redact is ignored: SARIF never holds a raw secret.
func SARIF(r Report, rules []secrets.Rule, tool Tool) ([]byte, error) {
	byID := map[string]secrets.Rule{}
	for _, rule := range rules {
		byID[rule.ID] = rule
	}
	for _, f := range r.Findings {
		if _, ok := byID[f.RuleID]; !ok {
			byID[f.RuleID] = secrets.Rule{ID: f.RuleID, Description: f.Description}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	index := map[string]int{}
	driver := sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI, Rules: []sarifRule{}}
	for i, id := range ids {
		index[id] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(byID[id]))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for i, f := range r.Findings {
		if i == MaxSARIFResults {
			run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: []sarifNotification{{
				Level:   "warning",
				Message: sarifMessage{Text: fmt.Sprintf("%d findings left out: code scanning accepts %d results per run; see the JSON report", len(r.Findings)-MaxSARIFResults, MaxSARIFResults)},
			}}}}
			break
		}
		run.Results = append(run.Results, sarifResultOf(f, index[f.RuleID]))
	}
	return marshal(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

func sarifRuleOf(rule secrets.Rule) sarifRule {
	desc := rule.Description
	if desc == "" {
		desc = rule.ID
	}
	help := rule.Help
	if help == "" {
		help = desc + ". Revoke the credential at its provider, replace it, and keep the new one in a secret store; removing it from the repository does not remove it from git history."
	}
	sr := sarifRule{
		ID:               rule.ID,
		Name:             ruleName(rule.ID),
		ShortDescription: sarifMessage{Text: desc},
		FullDescription:  sarifMessage{Text: help},
		Help:             sarifMultiformat{Text: help, Markdown: help},
		Properties: map[string]any{
			"tags":              []string{"security", "secret"},
			"precision":         "high",
			"problem.severity":  "error",
			"security-severity": "8.5",
		},
	}
	sr.DefaultConfiguration.Level = "error"
	return sr
}

// ruleName turns a rule ID such as github-pat into a SARIF name such as GithubPat.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sarifResultOf(f Finding, ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     "error",
		Message:   sarifMessage{Text: message(f)},
		PartialFingerprints: map[string]string{
			FingerprintKey: LocationFingerprint(f),
		},
		Properties: map[string]any{"fingerprint": f.Fingerprint},
	}
	if f.Commit != "" {
		res.Properties["commit"] = f.Commit
	}
	var loc sarifLocation
	loc.PhysicalLocation.ArtifactLocation.URI = FileURI(f.File)
	loc.PhysicalLocation.ArtifactLocation.URIBaseID = "%SRCROOT%"
	loc.PhysicalLocation.Region.StartLine = max(f.Line, 1)
	loc.PhysicalLocation.Region.StartColumn = f.Column
	res.Locations = []sarifLocation{loc}
	return res
}

// FileURI turns a repository-relative, slash-separated path into the relative URI reference that
// SARIF's artifactLocation.uri holds: each segment percent-encoded, so that a path with a space,
// '#', '?', '%', ':' or bytes that are not UTF-8 names the same file once decoded.
func FileURI(file string) string {
	segs := strings.Split(file, "/")
	for i, s := range segs {
		// PathEscape keeps ':', which in a first segment would read as a URI scheme.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// LocationFingerprint is the SARIF partial fingerprint of a finding: the hex SHA-256 of its
// fingerprint (rule and secret hash) and its file, so that the same secret in two files makes
// two alerts and a secret that moves lines keeps its alert.
func LocationFingerprint(f Finding) string {
	sum := sha256.Sum256([]byte(f.Fingerprint + "\x00" + f.File))
	return hex.EncodeToString(sum[:])
}

// message describes a finding without its secret (at most its redacted form).
func message(f Finding) string {
	desc := f.Description
	if desc == "" {
		desc = f.RuleID
	}
	msg := fmt.Sprintf("%s (%s): %s", desc, f.RuleID, secrets.Redact(f.Secret))
	if f.InTestPath {
		msg += ", " + TestPathNote
	}
	if f.Commit != "" {
		msg += fmt.Sprintf(" introduced in commit %s", short(f.Commit))
		if f.Author != "" {
			msg += " by " + f.Author
		}
		if !f.Date.IsZero() {
			msg += " on " + f.Date.UTC().Format("2006-01-02")
		}
	}
	return msg + ". Revoke it at the provider and replace it; deleting it from the file leaves it in git history."
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
