package railway_test

import (
	"context"
	"fmt"

	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

func ExampleClient_Deployments() {
	srv := railwaytest.New() // stands in for backboard.railway.com
	defer srv.Close()
	c := railway.New(srv.GraphQLURL(), railway.Token{Kind: railway.ProjectToken, Value: srv.ProjectToken}, srv.Client())
	ctx := context.Background()
	scope, _ := c.ProjectToken(ctx)
	serving, _ := c.Deployments(ctx, railway.DeploymentFilter{ProjectID: scope.ProjectID, EnvironmentID: scope.EnvironmentID,
		ServiceID: "svc-1", Statuses: []string{railway.StatusSuccess}}, 1)
	fmt.Println(scope.Environment.Name, serving[0].ID, serving[0].Status)
	// Output: production dep-prev SUCCESS
}

func ExampleClient_UploadURL() {
	c := railway.New(railway.DefaultEndpoint, railway.Token{}, nil)
	u, _ := c.UploadURL("proj-1", "env-prod", "svc-1", "")
	fmt.Println(u)
	// Output: https://backboard.railway.com/project/proj-1/environment/env-prod/up?serviceId=svc-1
}
