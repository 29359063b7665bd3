package railway_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

func ExampleValidateConfig() {
	_, err := railway.ValidateConfig("railway.json", []byte(`{
  "deploy": {
    "healthcheckPath": "/api/health",
    "healthcheckTimeout": "30s",
    "restartPolicy": "ON_FAILURE"
  }
}`))
	var cerr *railway.ConfigError
	if errors.As(err, &cerr) {
		for _, p := range cerr.Problems {
			fmt.Println(p.Line, p.Key, strings.SplitN(p.Message, ";", 2)[0])
		}
	}
	// Output:
	// 4 deploy.healthcheckTimeout is the string "30s"
	// 5 deploy.restartPolicy unknown key (did you mean "restartPolicyType"?)
}

func ExampleIgnoreRules_Match() {
	rules, _ := railway.ParseIgnore([]byte("*.log\n!keep.log\nbuild/\n"))
	fmt.Println(rules.Match("app/debug.log", false))
	fmt.Println(rules.Match("keep.log", false))
	fmt.Println(rules.Match("build", true))
	fmt.Println(rules.Match("build", false)) // build/ speaks about folders only
	// Output:
	// ignored
	// included
	// ignored
	// no match
}
