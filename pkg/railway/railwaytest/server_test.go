package railwaytest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func post(t *testing.T, s *Server, body string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.GraphQLURL(), bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", "railwaytest")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func gql(query string, vars map[string]any) string {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return string(b)
}

func TestServerBehavesLikeRailway(t *testing.T) {
	s := New()
	defer s.Close()
	auth := map[string]string{"Project-Access-Token": s.ProjectToken}
	tests := []struct {
		name   string
		body   string
		header map[string]string
		status int
		want   string
	}{
		{"valid query answers only the selected fields", gql(`query D($id: String!) { deployment(id: $id) { id status } }`, map[string]any{"id": "dep-prev"}),
			auth, 200, `{"data":{"deployment":{"id":"dep-prev","status":"SUCCESS"}}}`},
		{"alias", gql(`query { d: deployment(id: "dep-prev") { s: status } }`, nil), auth, 200, `{"data":{"d":{"s":"SUCCESS"}}}`},
		{"unknown field", gql(`query { deployment(id: "dep-prev") { id state } }`, nil), auth, 400, `Cannot query field \"state\" on type \"Deployment\"`},
		{"selection on a Boolean", gql(`mutation { deploymentRollback(id: "dep-prev") { id } }`, nil), auth, 400, `must not have a selection since type \"Boolean\" has no subfields`},
		{"wrong variable type", gql(`query D($id: String!) { deployment(id: $id) { id } }`, map[string]any{"id": 5}), auth, 400, `cannot use float64 as String`},
		{"missing variable", gql(`query D($id: String!) { deployment(id: $id) { id } }`, nil), auth, 400, `must be defined`},
		{"no token", gql(`query { deployment(id: "dep-prev") { id } }`, nil), nil, 200, `"message":"Not Authorized"`},
		{"unknown project token", gql(`query { projectToken { projectId } }`, nil), map[string]string{"Project-Access-Token": "x"}, 200, `Project Token not found`},
		{"bearer account token", gql(`query { projectToken { projectId } }`, nil), map[string]string{"Authorization": "Bearer " + s.AccountToken}, 200, `Project Token not found`},
		{"project token outside its environment", gql(`query { deployments(input: {environmentId: "env-stg"}) { edges { node { id } } } }`, nil), auth, 200, `Not Authorized`},
		{"not JSON", `query { me { id } }`, auth, 400, `Must provide query string.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := post(t, s, tt.body, tt.header)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("HTTP %d %s\nwant HTTP %d with %s", status, body, tt.status, tt.want)
			}
		})
	}
}

func TestServerAnswersAnonymousClientsWithHTML(t *testing.T) {
	s := New()
	defer s.Close()
	resp, err := s.Client().Post(s.GraphQLURL(), "application/json", strings.NewReader(gql(`query { projectToken { projectId } }`, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 403 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "Cloudflare") {
		t.Errorf("HTTP %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
}

func TestScriptsAndSupersededDeployments(t *testing.T) {
	s := New()
	defer s.Close()
	d := s.createWith("svc-1", "env-prod", Script{{"BUILDING", 0}, {"SUCCESS", 0}}, nil)
	if s.Status(d) != "SUCCESS" || s.StatusOf("dep-prev") != "REMOVED" {
		t.Errorf("new %s, previous %s: a newer SUCCESS removes the older one", s.Status(d), s.StatusOf("dep-prev"))
	}
}
