package action

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
)

// credentialName matches query parameter names that carry a credential (?token=, ?api_key=, ?sig=,
// X-Amz-Signature ...). Other values stay readable in the log: masking "json" would garble every line.
var credentialName = regexp.MustCompile(`(?i)(token|key|secret|passw|pwd|sig|auth|credential|session|cookie|code|ticket|jwt|bearer|private)`)

// MaskURL masks the credential parts of a URL as soon as it is read: the password of its user information and
// the value of every query parameter whose name is credential-shaped.
func (rt *Runtime) MaskURL(raw string) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return
	}
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			rt.Mask(pw)
			rt.Mask(url.QueryEscape(pw))
		}
	}
	for name, values := range u.Query() {
		if !credentialName.MatchString(name) {
			continue
		}
		for _, v := range values {
			rt.Mask(v)
			rt.Mask(url.QueryEscape(v)) // the form the raw URL, and so the log, shows
		}
	}
}

// MaskHeader masks a header value the user supplied. Its credential part is masked on its own too, so that
// "Bearer X" hides X wherever X alone appears, and a Basic credential hides its decoded password.
func (rt *Runtime) MaskHeader(value string) {
	value = strings.TrimSpace(value)
	rt.Mask(value)
	scheme, cred, ok := strings.Cut(value, " ")
	if !ok {
		return
	}
	cred = strings.TrimSpace(cred)
	rt.Mask(cred)
	if strings.EqualFold(scheme, "Basic") {
		if b, err := base64.StdEncoding.DecodeString(cred); err == nil {
			if _, pw, ok := strings.Cut(string(b), ":"); ok {
				rt.Mask(pw)
			}
		}
	}
}
