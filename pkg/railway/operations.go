package railway

// The GraphQL operations this package sends. Each one is checked against Railway's public schema in the
// tests (testdata copied from the railwayapp/cli repository), and the test server rejects any request that
// does not validate, as the real API does.
const (
	// OpProjectToken tells which project and environment a project token belongs to.
	OpProjectToken = `query ProjectToken {
  projectToken {
    projectId
    environmentId
    project { id name }
    environment { id name }
  }
}`

	// OpProject lists a project's services and environments (there is no filter by name).
	OpProject = `query Project($id: String!) {
  project(id: $id) {
    id
    name
    services { edges { node { id name } } }
    environments { edges { node { id name } } }
  }
}`

	// OpDeployment reads one deployment.
	OpDeployment = `query Deployment($id: String!) {
  deployment(id: $id) {
    id
    status
    url
    staticUrl
    canRollback
    createdAt
    statusUpdatedAt
    meta
    serviceId
    environmentId
  }
}`

	// OpDeployments lists deployments, newest first.
	OpDeployments = `query Deployments($input: DeploymentListInput!, $first: Int) {
  deployments(input: $input, first: $first) {
    edges {
      node {
        id
        status
        url
        staticUrl
        canRollback
        createdAt
        statusUpdatedAt
        meta
      }
    }
  }
}`

	// OpDeployCommit deploys a commit of a GitHub-linked service and returns the new deployment's id.
	OpDeployCommit = `mutation ServiceInstanceDeployV2($environmentId: String!, $serviceId: String!, $commitSha: String) {
  serviceInstanceDeployV2(environmentId: $environmentId, serviceId: $serviceId, commitSha: $commitSha)
}`

	// OpRollback rolls back to a deployment; it answers a Boolean, with no selection set.
	OpRollback = `mutation DeploymentRollback($id: String!) {
  deploymentRollback(id: $id)
}`

	// OpCancel cancels a deployment that has not finished.
	OpCancel = `mutation DeploymentCancel($id: String!) {
  deploymentCancel(id: $id)
}`

	// OpBuildLogs reads the last lines of a deployment's build log.
	OpBuildLogs = `query BuildLogs($deploymentId: String!, $limit: Int) {
  buildLogs(deploymentId: $deploymentId, limit: $limit) { timestamp message severity }
}`

	// OpDeploymentLogs reads the last lines of a deployment's runtime log.
	OpDeploymentLogs = `query DeploymentLogs($deploymentId: String!, $limit: Int) {
  deploymentLogs(deploymentId: $deploymentId, limit: $limit) { timestamp message severity }
}`
)

// Operations lists every operation the package sends, by name.
var Operations = map[string]string{
	"ProjectToken":            OpProjectToken,
	"Project":                 OpProject,
	"Deployment":              OpDeployment,
	"Deployments":             OpDeployments,
	"ServiceInstanceDeployV2": OpDeployCommit,
	"DeploymentRollback":      OpRollback,
	"DeploymentCancel":        OpCancel,
	"BuildLogs":               OpBuildLogs,
	"DeploymentLogs":          OpDeploymentLogs,
}
