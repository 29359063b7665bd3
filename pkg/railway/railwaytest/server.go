// Package railwaytest is a Railway API test server: it parses and validates every GraphQL request against
// Railway's published schema (rejecting invalid ones with GraphQL errors, as the real API does), checks the
// Project-Access-Token and Authorization headers, answers only the fields a request selects, plays scripted
// deployments against an injectable clock, accepts `railway up` tarball uploads and inspects them, and
// injects faults: 429 with Retry-After, 5xx, HTML (Cloudflare) pages.
package railwaytest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
)

//go:embed testdata/schema.graphql
var schemaSDL string

var (
	schemaOnce sync.Once
	schema     *ast.Schema
	schemaErr  error
)

// Schema returns Railway's public schema, parsed.
func Schema() (*ast.Schema, error) {
	schemaOnce.Do(func() {
		schema, schemaErr = gqlparser.LoadSchema(&ast.Source{Name: "railway/schema.graphql", Input: schemaSDL})
	})
	return schema, schemaErr
}

// Validate checks a GraphQL document against the schema.
func Validate(query string) error {
	s, err := Schema()
	if err != nil {
		return err
	}
	if _, errs := gqlparser.LoadQuery(s, query); len(errs) > 0 {
		return errs
	}
	return nil
}

// Step is a status a deployment takes After its creation (and keeps until the next step).
type Step struct {
	Status string
	After  time.Duration
}

// Script is the life of a deployment; its last status lasts forever.
type Script []Step

// Scripts for common cases.
var (
	Good     = Script{{"INITIALIZING", 0}, {"BUILDING", 10 * time.Second}, {"DEPLOYING", 40 * time.Second}, {"SUCCESS", 60 * time.Second}}
	Failed   = Script{{"BUILDING", 0}, {"FAILED", 30 * time.Second}}
	Crashed  = Script{{"BUILDING", 0}, {"DEPLOYING", 20 * time.Second}, {"CRASHED", 40 * time.Second}}
	Endless  = Script{{"BUILDING", 0}, {"DEPLOYING", 20 * time.Second}}
	Rollback = Script{{"DEPLOYING", 0}, {"SUCCESS", 10 * time.Second}}
)

// FaultKind is a failure the server injects.
type FaultKind int

const (
	// RateLimited answers 429 with the Fault's RetryAfter header.
	RateLimited FaultKind = iota + 1
	// ServerError answers 502 with a JSON body.
	ServerError
	// HTMLPage answers 403 with a Cloudflare-like HTML page.
	HTMLPage
	// GraphQLFailure answers 200 with {"errors":[{"message": Message}]}.
	GraphQLFailure
)

// Fault is injected into the next request of operation Op (any operation when empty; "upload" for uploads).
type Fault struct {
	Op         string
	Kind       FaultKind
	RetryAfter string
	Message    string
}

// Request is one request the server received.
type Request struct {
	Op        string // operation name, "upload" for uploads
	Auth      string // "project", "account" or "none"
	Source    string // the x-source header
	Variables map[string]any
	Rejected  string // why the server rejected it (validation or auth), if it did
}

// Upload is one received tarball.
type Upload struct {
	ServiceID, EnvironmentID, ProjectID, Message string
	ContentType                                  string
	Entries                                      map[string]string // name -> content ("" for folders)
	Names                                        []string          // in archive order
}

// Deployment is a deployment the server knows.
type Deployment struct {
	ID, ServiceID, EnvironmentID string
	Created                      time.Time
	Script                       Script
	Cancelled                    bool
	Meta                         map[string]any
}

// Named is an id with a name.
type Named struct{ ID, Name string }

// Server is a Railway API test server. Configure it before the first request; read its records after.
type Server struct {
	*httptest.Server

	mu sync.Mutex
	// Now is the clock that drives the scripts (time.Now by default).
	Now func() time.Time

	ProjectToken string // accepted in Project-Access-Token, scoped to ProjectID / TokenEnvironment
	AccountToken string // accepted in Authorization: Bearer
	ProjectID    string
	ProjectName  string
	// TokenEnvironment is the environment the project token belongs to.
	TokenEnvironment Named
	Environments     []Named
	Services         []Named

	// NextScripts are taken in order by new deployments (deploy or upload); Good when empty.
	NextScripts []Script
	// RollbackScript is the life of a deployment made by deploymentRollback.
	RollbackScript Script
	// Faults are injected into the next matching requests, each once.
	Faults []Fault
	// FailLogs makes the log queries answer an error.
	FailLogs bool
	// Logs are the lines of every deployment's build and deploy logs.
	Logs []string
	// OldestFirst lists deployments oldest first, so a client that trusts the list's order picks the
	// wrong one (Railway documents no order).
	OldestFirst bool

	Deployments []*Deployment // oldest first
	Requests    []Request
	Uploads     []Upload
	Rollbacks   []string // ids passed to deploymentRollback
	Cancels     []string // ids passed to deploymentCancel
	seq         int
}

// New starts a server with a project "rose" (proj-1), environments production and staging, services
// rose-production and worker, and one SUCCESS deployment of rose-production in production (dep-prev)
// created an hour before now.
func New() *Server {
	s := &Server{
		Now:              time.Now,
		ProjectToken:     "rw-project-token-5e3f9a1c",
		AccountToken:     "rw-account-token-7b2d4e6f",
		ProjectID:        "proj-1",
		ProjectName:      "rose",
		TokenEnvironment: Named{"env-prod", "production"},
		Environments:     []Named{{"env-prod", "production"}, {"env-stg", "staging"}},
		Services:         []Named{{"svc-1", "rose-production"}, {"svc-2", "worker"}},
		RollbackScript:   Rollback,
		Logs:             []string{"Starting Container", "Traceback (most recent call last):", "ModuleNotFoundError: No module named 'chainlit'"},
	}
	s.Deployments = []*Deployment{{ID: "dep-prev", ServiceID: "svc-1", EnvironmentID: "env-prod",
		Created: time.Now().Add(-time.Hour), Script: Script{{"SUCCESS", 0}}, Meta: map[string]any{"commitHash": "0ld"}}}
	s.Server = httptest.NewServer(s)
	return s
}

// SetNow sets the clock and moves the existing deployments' creation an hour before it.
func (s *Server) SetNow(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Now = now
	for _, d := range s.Deployments {
		d.Created = now().Add(-time.Hour)
	}
}

// GraphQLURL is the GraphQL endpoint.
func (s *Server) GraphQLURL() string { return s.URL + "/graphql/v2" }

// Ops lists the operation names received, in order.
func (s *Server) Ops() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.Requests {
		out = append(out, r.Op)
	}
	return out
}

// Rejected lists the requests the server rejected as invalid (not for auth).
func (s *Server) Rejected() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.Requests {
		if strings.HasPrefix(r.Rejected, "invalid") {
			out = append(out, r)
		}
	}
	return out
}

// Lock guards reads of the records while requests may run.
func (s *Server) Lock() { s.mu.Lock() }

// Unlock ends what Lock started.
func (s *Server) Unlock() { s.mu.Unlock() }

// ServeHTTP routes GraphQL and upload requests.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("User-Agent") == "" || strings.HasPrefix(r.Header.Get("User-Agent"), "Go-http-client") {
		// Cloudflare in front of Railway challenges anonymous clients.
		s.Requests = append(s.Requests, Request{Op: "?", Rejected: "cloudflare"})
		writeHTML(w, http.StatusForbidden)
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/graphql/v2":
		s.serveGraphQL(w, r, body)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/project/") && strings.HasSuffix(r.URL.Path, "/up"):
		s.serveUpload(w, r, body)
	default:
		http.NotFound(w, r)
	}
}

func writeHTML(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title><style>body{color:red}</style></head>`+
		`<body><h1>Sorry, you have been blocked</h1><p>You are unable to access railway.com</p><script>var x=1;</script></body></html>`)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func gqlErrors(msgs ...string) map[string]any {
	var errs []map[string]any
	for _, m := range msgs {
		errs = append(errs, map[string]any{"message": m})
	}
	return map[string]any{"errors": errs, "data": nil}
}

// fault takes the next fault for op, if any, and writes it; it reports whether it did.
func (s *Server) fault(w http.ResponseWriter, op string) bool {
	for i, f := range s.Faults {
		if f.Op != "" && f.Op != op {
			continue
		}
		s.Faults = slices.Delete(s.Faults, i, i+1)
		switch f.Kind {
		case RateLimited:
			w.Header().Set("Retry-After", f.RetryAfter)
			w.Header().Set("X-RateLimit-Remaining", "0")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"message": "Too Many Requests"})
		case ServerError:
			writeJSON(w, http.StatusBadGateway, map[string]any{"message": "Bad Gateway"})
		case HTMLPage:
			writeHTML(w, http.StatusForbidden)
		case GraphQLFailure:
			writeJSON(w, http.StatusOK, gqlErrors(f.Message))
		}
		return true
	}
	return false
}

// auth returns "project", "account", or an error message as Railway words it.
func (s *Server) auth(r *http.Request) (string, string) {
	if v := r.Header.Get("Project-Access-Token"); v != "" {
		if v == s.ProjectToken {
			return "project", ""
		}
		return "none", "Project Token not found"
	}
	if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && v != "" {
		if v == s.AccountToken {
			return "account", ""
		}
		return "none", "Not Authorized"
	}
	return "none", "Not Authorized"
}

type gqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request, body []byte) {
	var req gqlRequest
	if err := json.Unmarshal(body, &req); err != nil || req.Query == "" {
		s.Requests = append(s.Requests, Request{Op: "?", Rejected: "invalid JSON"})
		writeJSON(w, http.StatusBadRequest, gqlErrors("Must provide query string."))
		return
	}
	rec := Request{Op: req.OperationName, Variables: req.Variables, Source: r.Header.Get("x-source")}
	defer func() { s.Requests = append(s.Requests, rec) }()
	if s.fault(w, req.OperationName) {
		rec.Rejected = "fault"
		return
	}
	sch, err := Schema()
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, gqlErrors(err.Error()))
		return
	}
	doc, errs := gqlparser.LoadQuery(sch, req.Query)
	if len(errs) > 0 {
		rec.Rejected = "invalid: " + errs.Error()
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": errs, "data": nil})
		return
	}
	op := doc.Operations.ForName(req.OperationName)
	if op == nil {
		rec.Rejected = "invalid: unknown operation " + req.OperationName
		writeJSON(w, http.StatusBadRequest, gqlErrors("Unknown operation named \""+req.OperationName+"\"."))
		return
	}
	if rec.Op == "" {
		rec.Op = op.Name
	}
	vars, err := validator.VariableValues(sch, op, req.Variables)
	if err != nil {
		rec.Rejected = "invalid: " + err.Error()
		writeJSON(w, http.StatusBadRequest, gqlErrors(err.Error()))
		return
	}
	kind, authErr := s.auth(r)
	rec.Auth = kind
	if authErr != "" {
		rec.Rejected = "auth: " + authErr
		writeJSON(w, http.StatusOK, gqlErrors(authErr))
		return
	}
	data := map[string]any{}
	for _, sel := range op.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok {
			continue
		}
		val, err := s.resolve(f.Name, f.ArgumentMap(vars), kind)
		if err != nil {
			rec.Rejected = "error: " + err.Error()
			writeJSON(w, http.StatusOK, gqlErrors(err.Error()))
			return
		}
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		data[key] = project(val, f.SelectionSet)
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data})
}

var errNotAuthorized = errors.New("Not Authorized") //nolint:staticcheck // Railway's own message, capital letters included

// scoped checks that a project token may touch the environment.
func (s *Server) scoped(kind, projectID, environmentID string) error {
	if kind != "project" {
		return nil
	}
	if projectID != "" && projectID != s.ProjectID || environmentID != "" && environmentID != s.TokenEnvironment.ID {
		return errNotAuthorized
	}
	return nil
}

func str(v any) string { s, _ := v.(string); return s }

func (s *Server) resolve(field string, args map[string]any, kind string) (any, error) {
	switch field {
	case "projectToken":
		if kind != "project" {
			return nil, errors.New("Project Token not found") //nolint:staticcheck // Railway's own message
		}
		return map[string]any{
			"projectId": s.ProjectID, "environmentId": s.TokenEnvironment.ID,
			"project":     map[string]any{"id": s.ProjectID, "name": s.ProjectName},
			"environment": map[string]any{"id": s.TokenEnvironment.ID, "name": s.TokenEnvironment.Name},
		}, nil
	case "project":
		if str(args["id"]) != s.ProjectID {
			return nil, errors.New("Project not found")
		}
		if err := s.scoped(kind, s.ProjectID, ""); err != nil {
			return nil, err
		}
		return map[string]any{"id": s.ProjectID, "name": s.ProjectName,
			"services": connection(s.Services), "environments": connection(s.Environments)}, nil
	case "deployment":
		d := s.find(str(args["id"]))
		if d == nil {
			return nil, errors.New("Deployment not found")
		}
		if err := s.scoped(kind, "", d.EnvironmentID); err != nil {
			return nil, err
		}
		return s.render(d), nil
	case "deployments":
		in, _ := args["input"].(map[string]any)
		if err := s.scoped(kind, str(in["projectId"]), str(in["environmentId"])); err != nil {
			return nil, err
		}
		if kind == "project" && str(in["environmentId"]) == "" {
			return nil, errNotAuthorized
		}
		var allowed []any
		if st, ok := in["status"].(map[string]any); ok {
			allowed, _ = st["in"].([]any)
		}
		first := 100
		if n, ok := args["first"].(int64); ok {
			first = int(n)
		} else if n, ok := args["first"].(float64); ok {
			first = int(n)
		}
		var edges []any
		order := slices.Clone(s.Deployments)
		if !s.OldestFirst {
			slices.Reverse(order)
		}
		for _, d := range order {
			if len(edges) >= first {
				break
			}
			if v := str(in["serviceId"]); v != "" && v != d.ServiceID {
				continue
			}
			if v := str(in["environmentId"]); v != "" && v != d.EnvironmentID {
				continue
			}
			node := s.render(d)
			if len(allowed) > 0 && !slices.Contains(allowed, node["status"]) {
				continue
			}
			edges = append(edges, map[string]any{"cursor": d.ID, "node": node})
		}
		return map[string]any{"edges": edges, "pageInfo": map[string]any{"hasNextPage": false, "hasPreviousPage": false}}, nil
	case "serviceInstanceDeployV2":
		env, svc := str(args["environmentId"]), str(args["serviceId"])
		if err := s.scoped(kind, "", env); err != nil {
			return nil, err
		}
		if !s.known(svc, env) {
			return nil, errors.New("Service instance not found")
		}
		d := s.create(svc, env, map[string]any{"commitHash": str(args["commitSha"])})
		return d.ID, nil
	case "deploymentRollback":
		target := s.find(str(args["id"]))
		if target == nil {
			return nil, errors.New("Deployment not found")
		}
		if err := s.scoped(kind, "", target.EnvironmentID); err != nil {
			return nil, err
		}
		s.Rollbacks = append(s.Rollbacks, target.ID)
		if !s.everSucceeded(target) {
			return nil, errors.New("Cannot rollback to this deployment")
		}
		s.createWith(target.ServiceID, target.EnvironmentID, s.RollbackScript, map[string]any{"rollbackTarget": target.ID})
		return true, nil
	case "deploymentCancel":
		d := s.find(str(args["id"]))
		if d == nil {
			return nil, errors.New("Deployment not found")
		}
		if err := s.scoped(kind, "", d.EnvironmentID); err != nil {
			return nil, err
		}
		s.Cancels = append(s.Cancels, d.ID)
		if st := s.rawStatus(d); st == "SUCCESS" || st == "FAILED" || st == "CRASHED" || st == "REMOVED" {
			return nil, errors.New("Deployment is not in progress")
		}
		d.Cancelled = true
		return true, nil
	case "buildLogs", "deploymentLogs":
		if s.FailLogs {
			return nil, errors.New("Failed to retrieve logs")
		}
		d := s.find(str(args["deploymentId"]))
		if d == nil {
			return nil, errors.New("Deployment not found")
		}
		var out []any
		for i, m := range s.Logs {
			out = append(out, map[string]any{"timestamp": d.Created.Add(time.Duration(i) * time.Second).Format(time.RFC3339Nano),
				"message": m, "severity": "info", "attributes": []any{}})
		}
		return out, nil
	}
	return nil, fmt.Errorf("railwaytest: field %s is valid but not played by this server", field)
}

func connection(ns []Named) map[string]any {
	var edges []any
	for _, n := range ns {
		edges = append(edges, map[string]any{"cursor": n.ID, "node": map[string]any{"id": n.ID, "name": n.Name}})
	}
	return map[string]any{"edges": edges, "pageInfo": map[string]any{"hasNextPage": false}}
}

func (s *Server) known(svc, env string) bool {
	okS := slices.ContainsFunc(s.Services, func(n Named) bool { return n.ID == svc })
	okE := slices.ContainsFunc(s.Environments, func(n Named) bool { return n.ID == env })
	return okS && okE
}

func (s *Server) find(id string) *Deployment {
	for _, d := range s.Deployments {
		if d.ID == id {
			return d
		}
	}
	return nil
}

func (s *Server) create(svc, env string, meta map[string]any) *Deployment {
	script := Good
	if len(s.NextScripts) > 0 {
		script, s.NextScripts = s.NextScripts[0], s.NextScripts[1:]
	}
	return s.createWith(svc, env, script, meta)
}

func (s *Server) createWith(svc, env string, script Script, meta map[string]any) *Deployment {
	s.seq++
	d := &Deployment{ID: fmt.Sprintf("dep-%d", s.seq), ServiceID: svc, EnvironmentID: env, Created: s.Now(), Script: script, Meta: meta}
	s.Deployments = append(s.Deployments, d)
	return d
}

// rawStatus is the script's status now, REMOVED once cancelled.
func (s *Server) rawStatus(d *Deployment) string {
	if d.Cancelled {
		return "REMOVED"
	}
	elapsed := s.Now().Sub(d.Created)
	st := d.Script[0].Status
	for _, step := range d.Script {
		if elapsed >= step.After {
			st = step.Status
		}
	}
	return st
}

// everSucceeded reports whether d served (SUCCESS or SLEEPING): only such a deployment can be rolled back to.
func (s *Server) everSucceeded(d *Deployment) bool {
	st := s.rawStatus(d)
	return st == "SUCCESS" || st == "SLEEPING"
}

// Status is a deployment's status now: a SUCCESS or SLEEPING deployment becomes REMOVED once a newer
// deployment of the same service and environment succeeds, as on Railway.
func (s *Server) Status(d *Deployment) string {
	st := s.rawStatus(d)
	if st != "SUCCESS" && st != "SLEEPING" {
		return st
	}
	seen := false
	for _, o := range s.Deployments {
		if o == d {
			seen = true
			continue
		}
		if seen && o.ServiceID == d.ServiceID && o.EnvironmentID == d.EnvironmentID && s.everSucceeded(o) {
			return "REMOVED"
		}
	}
	return st
}

// StatusOf returns the status of deployment id now ("" when unknown).
func (s *Server) StatusOf(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.find(id); d != nil {
		return s.Status(d)
	}
	return ""
}

func (s *Server) render(d *Deployment) map[string]any {
	st := s.Status(d)
	return map[string]any{
		"id": d.ID, "status": st, "createdAt": d.Created.UTC().Format(time.RFC3339Nano),
		"statusUpdatedAt": s.Now().UTC().Format(time.RFC3339Nano), "updatedAt": s.Now().UTC().Format(time.RFC3339Nano),
		"url": nil, "staticUrl": "rose-production-up.railway.app", "canRollback": s.everSucceeded(d) && st != "SUCCESS",
		"meta": d.Meta, "projectId": s.ProjectID, "environmentId": d.EnvironmentID, "serviceId": d.ServiceID,
	}
}

// project keeps only the selected fields of v, like a GraphQL server.
func project(v any, sel ast.SelectionSet) any {
	if len(sel) == 0 || v == nil {
		return v
	}
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = project(e, sel)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for _, s := range sel {
			switch f := s.(type) {
			case *ast.Field:
				key := f.Alias
				if key == "" {
					key = f.Name
				}
				out[key] = project(x[f.Name], f.SelectionSet)
			case *ast.InlineFragment:
				for k, v := range project(x, f.SelectionSet).(map[string]any) {
					out[k] = v
				}
			case *ast.FragmentSpread:
				for k, v := range project(x, f.Definition.SelectionSet).(map[string]any) {
					out[k] = v
				}
			}
		}
		return out
	}
	return v
}

func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request, body []byte) {
	rec := Request{Op: "upload", Source: r.Header.Get("x-source")}
	defer func() { s.Requests = append(s.Requests, rec) }()
	if s.fault(w, "upload") {
		rec.Rejected = "fault"
		return
	}
	kind, authErr := s.auth(r)
	rec.Auth = kind
	if authErr != "" {
		rec.Rejected = "auth: " + authErr
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": authErr})
		return
	}
	// /project/<p>/environment/<e>/up
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) != 5 || parts[0] != "project" || parts[2] != "environment" {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
		return
	}
	proj, env, svc := parts[1], parts[3], r.URL.Query().Get("serviceId")
	if err := s.scoped(kind, proj, env); err != nil || proj != s.ProjectID {
		rec.Rejected = "auth: Not Authorized"
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "Not Authorized"})
		return
	}
	if !s.known(svc, env) {
		rec.Rejected = "invalid: unknown service"
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Service not found"})
		return
	}
	up := Upload{ProjectID: proj, EnvironmentID: env, ServiceID: svc, Message: r.URL.Query().Get("message"),
		ContentType: r.Header.Get("Content-Type"), Entries: map[string]string{}}
	if err := readTarball(body, &up); err != nil {
		rec.Rejected = "invalid: " + err.Error()
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Failed to read archive: " + err.Error()})
		return
	}
	s.Uploads = append(s.Uploads, up)
	d := s.create(svc, env, map[string]any{"reason": "deploy", "message": up.Message})
	writeJSON(w, http.StatusOK, map[string]any{
		"deploymentId": d.ID, "url": s.URL + "/project/" + proj + "/service/" + svc + "?id=" + d.ID,
		"logsUrl":          s.URL + "/project/" + proj + "/service/" + svc + "?id=" + d.ID + "#build",
		"deploymentDomain": "rose-production-up.railway.app",
	})
}

func readTarball(body []byte, up *Upload) error {
	gz, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("not gzip: %w", err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not a tar: %w", err)
		}
		content, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		up.Names = append(up.Names, h.Name)
		up.Entries[h.Name] = string(content)
	}
}
