// Package deploy orchestrates a Railway deployment: it resolves the target service, remembers the deployment
// that serves now, starts the new one (upload or commit), polls it to a final status within a timeout, prints
// the last log lines when it fails (a log failure never fails the deploy), checks a health URL with package
// probe, and rolls back to the remembered deployment when the new one fails, crashes, times out or is
// unhealthy. The Railway API, the clock and the sleeper are injected.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rose/actions/pkg/railway"
)

// API is the part of Railway's API a deploy uses; *railway.Client implements it.
type API interface {
	ProjectToken(ctx context.Context) (railway.TokenScope, error)
	Project(ctx context.Context, id string) (railway.Project, error)
	Deployment(ctx context.Context, id string) (railway.Deployment, error)
	Deployments(ctx context.Context, f railway.DeploymentFilter, first int) ([]railway.Deployment, error)
	DeployCommit(ctx context.Context, environmentID, serviceID, commitSha string) (string, error)
	Upload(ctx context.Context, projectID, environmentID, serviceID, message string, archive []byte) (railway.UploadResult, error)
	Rollback(ctx context.Context, id string) error
	Cancel(ctx context.Context, id string) error
	BuildLogs(ctx context.Context, deploymentID string, limit int) ([]railway.Log, error)
	DeploymentLogs(ctx context.Context, deploymentID string, limit int) ([]railway.Log, error)
}

var _ API = (*railway.Client)(nil)

// Target is the resolved project, environment and service.
type Target struct {
	ProjectID, ProjectName         string
	EnvironmentID, EnvironmentName string
	ServiceID, ServiceName         string
}

// ConfigError is a target that cannot be resolved from the inputs: a wrong name, a missing project, a
// project token used for another environment. The action exits 2 on it.
type ConfigError struct{ msg string }

func (e *ConfigError) Error() string { return e.msg }

func configErrorf(format string, args ...any) error {
	return &ConfigError{fmt.Sprintf(format, args...)}
}

// Resolve finds the project, environment and service a deploy targets. With a project token, the project
// and environment come from the token when empty, and must match it when given. Names and ids are accepted.
func Resolve(ctx context.Context, api API, kind railway.TokenKind, project, environment, service string) (Target, error) {
	var t Target
	var scope railway.TokenScope
	if kind == railway.ProjectToken {
		var err error
		if scope, err = api.ProjectToken(ctx); err != nil {
			return t, fmt.Errorf("read the project token's project and environment: %w", err)
		}
		if project == "" {
			project = scope.ProjectID
		} else if project != scope.ProjectID {
			return t, configErrorf("input project is %q but the project token belongs to project %s (%s): use a token of that project, or an account token in api-token",
				project, scope.ProjectID, scope.Project.Name)
		}
	}
	if project == "" {
		return t, configErrorf("input project is empty: with an account or workspace token (api-token / RAILWAY_API_TOKEN) the project id is required")
	}
	p, err := api.Project(ctx, project)
	if err != nil {
		var gerr *railway.GraphQLError
		if errors.As(err, &gerr) && gerr.NotFound() {
			return t, configErrorf("input project %q: Railway knows no such project (%v)", project, err)
		}
		return t, fmt.Errorf("read project %s: %w", project, err)
	}
	t.ProjectID, t.ProjectName = p.ID, p.Name

	env, err := pick("environment", environment, p.Environments)
	if environment == "" && kind == railway.ProjectToken {
		env, err = railway.Named{ID: scope.EnvironmentID, Name: scope.Environment.Name}, nil
	}
	if err != nil {
		return t, err
	}
	if kind == railway.ProjectToken && env.ID != scope.EnvironmentID {
		return t, configErrorf("input environment is %q but the project token belongs to environment %q: a project token deploys only to its own environment; use that environment's token, or an account token in api-token",
			environment, scope.Environment.Name)
	}
	t.EnvironmentID, t.EnvironmentName = env.ID, env.Name

	if service == "" {
		return t, configErrorf("input service is empty: name the service to deploy (one of %s)", names(p.Services))
	}
	svc, err := pick("service", service, p.Services)
	if err != nil {
		return t, err
	}
	t.ServiceID, t.ServiceName = svc.ID, svc.Name
	return t, nil
}

// pick finds want among list by id, exact name, then case-insensitive name. An empty want is accepted only
// when the list holds one item.
func pick(what, want string, list []railway.Named) (railway.Named, error) {
	if want == "" {
		if len(list) == 1 {
			return list[0], nil
		}
		return railway.Named{}, configErrorf("input %s is empty and the project has %d: name one of %s", what, len(list), names(list))
	}
	for _, n := range list {
		if n.ID == want || n.Name == want {
			return n, nil
		}
	}
	var found []railway.Named
	for _, n := range list {
		if strings.EqualFold(n.Name, want) {
			found = append(found, n)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return railway.Named{}, configErrorf("input %s is %q: the project has no such %s; accepted: %s", what, want, what, names(list))
}

func names(list []railway.Named) string {
	if len(list) == 0 {
		return "(none)"
	}
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = fmt.Sprintf("%q (%s)", n.Name, n.ID)
	}
	return strings.Join(out, ", ")
}
