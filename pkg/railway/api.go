package railway

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Deployment statuses (enum DeploymentStatus).
const (
	StatusBuilding      = "BUILDING"
	StatusCrashed       = "CRASHED"
	StatusDeploying     = "DEPLOYING"
	StatusFailed        = "FAILED"
	StatusInitializing  = "INITIALIZING"
	StatusNeedsApproval = "NEEDS_APPROVAL"
	StatusQueued        = "QUEUED"
	StatusRemoved       = "REMOVED"
	StatusRemoving      = "REMOVING"
	StatusSkipped       = "SKIPPED"
	StatusSleeping      = "SLEEPING"
	StatusSuccess       = "SUCCESS"
	StatusWaiting       = "WAITING"
)

// Statuses lists every value of the schema's DeploymentStatus enum with what a deploy does when its new
// deployment is in it. A test checks the list against the schema, so a status Railway adds is noticed.
var Statuses = map[string]string{
	StatusInitializing:  "in progress: waited on; cancelled when the timeout passes",
	StatusQueued:        "in progress: waited on; cancelled when the timeout passes",
	StatusWaiting:       "in progress (Railway waits, e.g. for the commit's GitHub checks): waited on; cancelled when the timeout passes",
	StatusBuilding:      "in progress: waited on; cancelled when the timeout passes",
	StatusDeploying:     "in progress: waited on; cancelled when the timeout passes",
	StatusNeedsApproval: "waits for someone to approve the deployment in Railway: waited on; when the timeout passes it is neither cancelled nor rolled back, and the run fails saying it waits for approval",
	StatusSuccess:       "deployed: health-url is checked, and the run succeeds",
	StatusSleeping:      "deployed and asleep (App Sleeping): stable, like SUCCESS; health-url is checked (the request wakes it); a valid rollback target",
	StatusSkipped:       "skipped by Railway (\"No changed files matched patterns\": the service's watch paths did not match): a successful no-op with a notice; the previous deployment keeps serving",
	StatusFailed:        "the build or deploy failed: the build log is printed and the previous deployment is restored",
	StatusCrashed:       "the service crashed: the deploy log is printed and the previous deployment is restored",
	StatusRemoving:      "being removed before it served (replaced or cancelled): a failure; nothing is rolled back",
	StatusRemoved:       "removed before it served (replaced or cancelled): a failure; nothing is rolled back",
}

// Terminal reports whether a deployment in status s has finished: SUCCESS, SLEEPING, SKIPPED, FAILED,
// CRASHED, REMOVING or REMOVED. NEEDS_APPROVAL is not: an approval may come while a deploy waits.
func Terminal(s string) bool {
	switch s {
	case StatusSuccess, StatusSleeping, StatusSkipped, StatusFailed, StatusCrashed, StatusRemoved, StatusRemoving:
		return true
	}
	return false
}

// Stable reports whether a deployment in status s serves (or would, once woken): SUCCESS or SLEEPING. Only
// a stable deployment is a rollback target.
func Stable(s string) bool { return s == StatusSuccess || s == StatusSleeping }

// Named is an object with an id and a name.
type Named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// TokenScope is what a project token belongs to.
type TokenScope struct {
	ProjectID     string `json:"projectId"`
	EnvironmentID string `json:"environmentId"`
	Project       Named  `json:"project"`
	Environment   Named  `json:"environment"`
}

// ProjectToken asks which project and environment the client's project token belongs to.
func (c *Client) ProjectToken(ctx context.Context) (TokenScope, error) {
	var out struct {
		ProjectToken TokenScope `json:"projectToken"`
	}
	err := c.Do(ctx, OpProjectToken, nil, &out)
	return out.ProjectToken, err
}

// Project is a project with its services and environments.
type Project struct {
	ID           string
	Name         string
	Services     []Named
	Environments []Named
}

type edges struct {
	Edges []struct {
		Node Named `json:"node"`
	} `json:"edges"`
}

func (e edges) nodes() []Named {
	out := make([]Named, len(e.Edges))
	for i, n := range e.Edges {
		out[i] = n.Node
	}
	return out
}

// Project reads a project's services and environments.
func (c *Client) Project(ctx context.Context, id string) (Project, error) {
	var out struct {
		Project struct {
			ID           string `json:"id"`
			Name         string `json:"name"`
			Services     edges  `json:"services"`
			Environments edges  `json:"environments"`
		} `json:"project"`
	}
	if err := c.Do(ctx, OpProject, map[string]any{"id": id}, &out); err != nil {
		return Project{}, err
	}
	p := out.Project
	return Project{ID: p.ID, Name: p.Name, Services: p.Services.nodes(), Environments: p.Environments.nodes()}, nil
}

// Deployment is one deployment of a service.
type Deployment struct {
	ID              string          `json:"id"`
	Status          string          `json:"status"`
	URL             string          `json:"url"`
	StaticURL       string          `json:"staticUrl"`
	CanRollback     bool            `json:"canRollback"`
	CreatedAt       time.Time       `json:"createdAt"`
	StatusUpdatedAt *time.Time      `json:"statusUpdatedAt"`
	Meta            json.RawMessage `json:"meta"`
	ServiceID       string          `json:"serviceId"`
	EnvironmentID   string          `json:"environmentId"`
}

// PublicURL is the deployment's public URL with a scheme, or "".
func (d Deployment) PublicURL() string {
	u := d.StaticURL
	if u == "" {
		u = d.URL
	}
	if u == "" {
		return ""
	}
	if len(u) > 8 && (u[:7] == "http://" || u[:8] == "https://") {
		return u
	}
	return "https://" + u
}

// Deployment reads one deployment.
func (c *Client) Deployment(ctx context.Context, id string) (Deployment, error) {
	var out struct {
		Deployment Deployment `json:"deployment"`
	}
	err := c.Do(ctx, OpDeployment, map[string]any{"id": id}, &out)
	return out.Deployment, err
}

// DeploymentFilter selects deployments (DeploymentListInput).
type DeploymentFilter struct {
	ProjectID     string
	EnvironmentID string
	ServiceID     string
	Statuses      []string // any of these statuses; all when empty
}

// Deployments lists up to first deployments matching f, newest first.
func (c *Client) Deployments(ctx context.Context, f DeploymentFilter, first int) ([]Deployment, error) {
	input := map[string]any{}
	for k, v := range map[string]string{"projectId": f.ProjectID, "environmentId": f.EnvironmentID, "serviceId": f.ServiceID} {
		if v != "" {
			input[k] = v
		}
	}
	if len(f.Statuses) > 0 {
		input["status"] = map[string]any{"in": f.Statuses}
	}
	var out struct {
		Deployments struct {
			Edges []struct {
				Node Deployment `json:"node"`
			} `json:"edges"`
		} `json:"deployments"`
	}
	if err := c.Do(ctx, OpDeployments, map[string]any{"input": input, "first": first}, &out); err != nil {
		return nil, err
	}
	ds := make([]Deployment, len(out.Deployments.Edges))
	for i, e := range out.Deployments.Edges {
		ds[i] = e.Node
	}
	return ds, nil
}

// DeployCommit deploys commitSha (the latest commit when empty) of a GitHub-linked service and returns the
// new deployment's id.
func (c *Client) DeployCommit(ctx context.Context, environmentID, serviceID, commitSha string) (string, error) {
	vars := map[string]any{"environmentId": environmentID, "serviceId": serviceID}
	if commitSha != "" {
		vars["commitSha"] = commitSha
	}
	var out struct {
		ID string `json:"serviceInstanceDeployV2"`
	}
	if err := c.Do(ctx, OpDeployCommit, vars, &out); err != nil {
		return "", err
	}
	if out.ID == "" {
		return "", fmt.Errorf("railway ServiceInstanceDeployV2: no deployment id in the answer")
	}
	return out.ID, nil
}

// Rollback asks Railway to roll the service back to deployment id.
func (c *Client) Rollback(ctx context.Context, id string) error {
	var out struct {
		OK bool `json:"deploymentRollback"`
	}
	if err := c.Do(ctx, OpRollback, map[string]any{"id": id}, &out); err != nil {
		return err
	}
	if !out.OK {
		return fmt.Errorf("railway DeploymentRollback: Railway answered false for deployment %s", id)
	}
	return nil
}

// Cancel cancels deployment id.
func (c *Client) Cancel(ctx context.Context, id string) error {
	var out struct {
		OK bool `json:"deploymentCancel"`
	}
	if err := c.Do(ctx, OpCancel, map[string]any{"id": id}, &out); err != nil {
		return err
	}
	if !out.OK {
		return fmt.Errorf("railway DeploymentCancel: Railway answered false for deployment %s", id)
	}
	return nil
}

// Log is one log line.
type Log struct {
	Timestamp string `json:"timestamp"`
	Message   string `json:"message"`
	Severity  string `json:"severity"`
}

// BuildLogs reads the last limit lines of a deployment's build log.
func (c *Client) BuildLogs(ctx context.Context, deploymentID string, limit int) ([]Log, error) {
	var out struct {
		Logs []Log `json:"buildLogs"`
	}
	err := c.Do(ctx, OpBuildLogs, map[string]any{"deploymentId": deploymentID, "limit": limit}, &out)
	return out.Logs, err
}

// DeploymentLogs reads the last limit lines of a deployment's runtime log.
func (c *Client) DeploymentLogs(ctx context.Context, deploymentID string, limit int) ([]Log, error) {
	var out struct {
		Logs []Log `json:"deploymentLogs"`
	}
	err := c.Do(ctx, OpDeploymentLogs, map[string]any{"deploymentId": deploymentID, "limit": limit}, &out)
	return out.Logs, err
}
