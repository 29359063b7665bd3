package railway

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/rose/actions/pkg/probe"
)

// UploadResult is the upload endpoint's answer.
type UploadResult struct {
	DeploymentID     string `json:"deploymentId"`
	URL              string `json:"url"`
	LogsURL          string `json:"logsUrl"`
	DeploymentDomain string `json:"deploymentDomain"`
}

// UploadURL is the `railway up` endpoint on the GraphQL endpoint's host:
// <scheme>://<host>/project/<projectId>/environment/<environmentId>/up?serviceId=<id>[&message=...].
func (c *Client) UploadURL(projectID, environmentID, serviceID, message string) (string, error) {
	u, err := url.Parse(c.Endpoint)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("railway endpoint %q is not a URL", c.Endpoint)
	}
	u.Path = "/project/" + projectID + "/environment/" + environmentID + "/up"
	u.RawPath = "/project/" + url.PathEscape(projectID) + "/environment/" + url.PathEscape(environmentID) + "/up"
	q := url.Values{"serviceId": {serviceID}}
	if message != "" {
		q.Set("message", message)
	}
	u.RawQuery = q.Encode()
	u.Fragment = ""
	return u.String(), nil
}

// Upload sends a gzipped tarball (see Archive) to start a deployment of the service, like `railway up`.
// It is retried only when nothing reached Railway or on 429, so a deployment is never started twice.
func (c *Client) Upload(ctx context.Context, projectID, environmentID, serviceID, message string, archive []byte) (UploadResult, error) {
	endpoint, err := c.UploadURL(projectID, environmentID, serviceID, message)
	if err != nil {
		return UploadResult{}, err
	}
	status, raw, err := c.send(ctx, "upload", false, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(archive))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/gzip")
		return req, nil
	})
	if err != nil {
		return UploadResult{}, err
	}
	var res UploadResult
	var msg struct {
		Message string `json:"message"`
		Error   string `json:"error"`
	}
	_ = json.Unmarshal(raw, &msg)
	if msg.Message == "" {
		msg.Message = msg.Error
	}
	switch {
	case status == http.StatusRequestEntityTooLarge:
		return res, fmt.Errorf("railway upload: the archive (%d bytes compressed) is too large for Railway: leave out build output and data with a .railwayignore", len(archive))
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		gerr := &GraphQLError{Operation: "upload", Kind: c.Token.Kind, Messages: []string{"Not Authorized"}}
		if msg.Message != "" {
			gerr.Messages = []string{msg.Message}
		}
		return res, gerr
	case status >= 300:
		detail := msg.Message
		if detail == "" {
			detail = probe.Excerpt(raw, 200)
		}
		return res, fmt.Errorf("railway upload: HTTP %d: %s", status, detail)
	}
	if err := json.Unmarshal(raw, &res); err != nil || res.DeploymentID == "" {
		return res, fmt.Errorf("railway upload: no deployment id in the answer: %s", probe.Excerpt(raw, 200))
	}
	return res, nil
}
