package railway

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/rose/actions/pkg/probe"
)

// GraphQLError is an answer whose "errors" list is not empty, or that has no data.
type GraphQLError struct {
	Operation string
	Messages  []string
	Kind      TokenKind // the kind of token the request carried
}

func (e *GraphQLError) Error() string {
	msg := fmt.Sprintf("railway %s: %s", e.Operation, strings.Join(e.Messages, "; "))
	if h := e.Hint(); h != "" {
		msg += ". " + h
	}
	return msg
}

// Unauthorized reports whether Railway refused the token.
func (e *GraphQLError) Unauthorized() bool {
	for _, m := range e.Messages {
		l := strings.ToLower(m)
		if strings.Contains(l, "not authorized") || strings.Contains(l, "unauthorized") ||
			strings.Contains(l, "project token not found") || strings.Contains(l, "invalid token") {
			return true
		}
	}
	return false
}

// NotFound reports whether Railway answered that the object does not exist.
func (e *GraphQLError) NotFound() bool {
	for _, m := range e.Messages {
		if strings.Contains(strings.ToLower(m), "not found") && !strings.Contains(strings.ToLower(m), "token") {
			return true
		}
	}
	return false
}

// Hint explains an authorization error in terms of token kinds.
func (e *GraphQLError) Hint() string {
	for _, m := range e.Messages {
		l := strings.ToLower(m)
		switch {
		case strings.Contains(l, "project token not found"):
			return "Railway does not know this project token: `token` (or RAILWAY_TOKEN) expects a project token, " +
				"created in the project's Settings → Tokens for one environment; an account or workspace token " +
				"belongs in `api-token` (or RAILWAY_API_TOKEN)"
		case strings.Contains(l, "not authorized") || strings.Contains(l, "unauthorized"):
			if e.Kind == ProjectToken {
				return "the project token was refused or does not cover this request: a project token (`token`, " +
					"RAILWAY_TOKEN) works only for the one project environment it was created for; check the token, " +
					"the project and the environment, or use an account or workspace token in `api-token` (RAILWAY_API_TOKEN)"
			}
			return "the account or workspace token was refused or cannot reach this project: check that `api-token` " +
				"(RAILWAY_API_TOKEN) is valid and belongs to the workspace that owns the project; a project token " +
				"belongs in `token` (RAILWAY_TOKEN), not in `api-token`"
		}
	}
	return ""
}

// HTTPError is an answer that is not a usable JSON answer: a 5xx, an HTML (Cloudflare) page, an odd status.
type HTTPError struct {
	Operation string
	Status    int
	HTML      bool
	Excerpt   string
	reason    string
}

func newHTTPError(op string, resp *http.Response, body []byte) *HTTPError {
	e := &HTTPError{Operation: op, Status: resp.StatusCode, HTML: isHTML(resp.Header.Get("Content-Type"), body)}
	if e.HTML {
		e.Excerpt = htmlExcerpt(body)
	} else {
		e.Excerpt = probe.Excerpt(body, 200)
	}
	return e
}

func (e *HTTPError) Error() string {
	var msg string
	switch {
	case e.HTML:
		msg = fmt.Sprintf("railway %s: HTTP %d with an HTML page instead of JSON (Cloudflare in front of Railway "+
			"may be blocking or throttling the request; retry later)", e.Operation, e.Status)
	case e.reason != "":
		msg = fmt.Sprintf("railway %s: HTTP %d with %s", e.Operation, e.Status, e.reason)
	default:
		msg = fmt.Sprintf("railway %s: HTTP %d", e.Operation, e.Status)
	}
	if e.Excerpt != "" {
		msg += ": " + e.Excerpt
	}
	return msg
}

var (
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	scriptRE = regexp.MustCompile(`(?is)<(script|style)[^>]*>.*?</(script|style)>`)
	titleRE  = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
)

// htmlExcerpt returns the title and the start of the text of an HTML page.
func htmlExcerpt(body []byte) string {
	s := string(body)
	title := ""
	if m := titleRE.FindStringSubmatch(s); m != nil {
		// Bounded like the text: a page may put anything in its title. Quoting
		// can double its length (\" and \\), which stays within the excerpt's
		// budget of 400 runes.
		title = probe.Excerpt([]byte(strings.TrimSpace(m[1])), 100)
		s = strings.Replace(s, m[0], "", 1)
	}
	s = scriptRE.ReplaceAllString(s, " ")
	text := probe.Excerpt([]byte(tagRE.ReplaceAllString(s, " ")), 160)
	switch {
	case title != "" && text != "":
		return fmt.Sprintf("%q: %s", title, text)
	case title != "":
		return fmt.Sprintf("%q", title)
	}
	return text
}

// NetworkError is a request that got no answer.
type NetworkError struct {
	Operation string
	Err       error
}

func (e *NetworkError) Error() string { return fmt.Sprintf("railway %s: %v", e.Operation, e.Err) }
func (e *NetworkError) Unwrap() error { return e.Err }

// RateLimitError is a 429 that could not be waited out.
type RateLimitError struct {
	Operation  string
	RetryAfter time.Duration
	Reset      string
}

func (e *RateLimitError) Error() string {
	msg := fmt.Sprintf("railway %s: rate limited (HTTP 429)", e.Operation)
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf("; Railway asks to retry after %s", e.RetryAfter)
	}
	if e.Reset != "" {
		msg += "; limit resets at " + e.Reset
	}
	return msg + " (Railway's plans allow 100 to 10,000 requests an hour: poll less often)"
}

// RedirectError is a redirect the client refused to follow: to another origin or from HTTPS to HTTP, where
// the token would go to a host the user did not configure; or more than 10 redirects. Only origins
// (scheme and host) are kept, never a path or query that could carry a credential.
type RedirectError struct {
	Operation string
	From, To  string
	TooMany   bool
}

func (e *RedirectError) Error() string {
	if e.TooMany {
		return fmt.Sprintf("railway %s: more than 10 redirects within %s", e.Operation, e.From)
	}
	return fmt.Sprintf("railway %s: the answer redirects from %s to %s; the client does not follow a redirect to another "+
		"host or from HTTPS to HTTP, so the Railway token is never sent there. If Railway moved its API, set api-url "+
		"to the new endpoint", e.Operation, e.From, e.To)
}
