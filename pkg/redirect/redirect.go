// Package redirect holds the one redirect rule every HTTP client of the actions follows: credentials go
// only to the origin the user named. A redirect to another origin is followed without any header the caller
// set (Authorization, Project-Access-Token, X-Api-Key, cookies ...), and no request carries a Referer, which
// would hand the original URL and its query (?token=...) to the next host. A redirect from HTTPS to plain
// HTTP is refused: following it would send the request, and whatever it carries, in clear text.
package redirect

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// MaxHops is how many redirects one request may follow.
const MaxHops = 10

// ErrDowngrade is returned (wrapped in the client's *url.Error) for a redirect from HTTPS to HTTP.
var ErrDowngrade = errors.New("refused a redirect from https to http")

// keep are the headers a cross-origin redirect may still carry: they describe the client, never the user.
var keep = map[string]bool{
	"User-Agent":      true,
	"Accept":          true,
	"Accept-Encoding": true,
	"Accept-Language": true,
	"Content-Type":    true,
}

// Follow is an http.Client CheckRedirect function that follows redirects under the rule above.
func Follow(req *http.Request, via []*http.Request) error {
	if len(via) >= MaxHops {
		return fmt.Errorf("stopped after %d redirects", MaxHops)
	}
	req.Header.Del("Referer")
	first := via[0].URL
	if strings.EqualFold(via[len(via)-1].URL.Scheme, "https") && !strings.EqualFold(req.URL.Scheme, "https") {
		return fmt.Errorf("%w (to %s)", ErrDowngrade, Redacted(req.URL))
	}
	if !SameOrigin(first, req.URL) {
		for name := range req.Header {
			if !keep[http.CanonicalHeaderKey(name)] {
				req.Header.Del(name)
			}
		}
	}
	return nil
}

// Refuse is an http.Client CheckRedirect function that returns the redirect response itself.
func Refuse(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// SameOrigin reports whether a and b share scheme, host and port (default ports filled in).
func SameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// Redacted renders u without its password and query values, for a message.
func Redacted(u *url.URL) string {
	c := *u
	if c.RawQuery != "" {
		q := c.Query()
		for k := range q {
			q[k] = []string{"xxxxx"}
		}
		c.RawQuery = q.Encode()
	}
	return c.Redacted()
}
