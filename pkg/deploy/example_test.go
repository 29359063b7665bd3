package deploy_test

import (
	"context"
	"fmt"
	"time"

	"github.com/rose/actions/pkg/deploy"
	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

func ExampleDeployer_Run() {
	srv := railwaytest.New() // stands in for Railway; this deployment crashes 20ms after it starts
	defer srv.Close()
	srv.NextScripts = []railwaytest.Script{{{Status: "DEPLOYING"}, {Status: "CRASHED", After: 20 * time.Millisecond}}}
	srv.RollbackScript = railwaytest.Script{{Status: "SUCCESS"}}

	c := railway.New(srv.GraphQLURL(), railway.Token{Kind: railway.ProjectToken, Value: srv.ProjectToken}, srv.Client())
	ctx := context.Background()
	target, err := deploy.Resolve(ctx, c, railway.ProjectToken, "", "", "rose-production")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := &deploy.Deployer{API: c}
	res, err := d.Run(ctx, deploy.Options{Target: target, Mode: deploy.ModeCommit, CommitSHA: "0123abc", Wait: true,
		Timeout: time.Minute, PollInterval: 5 * time.Millisecond, Rollback: true})
	fmt.Println(err, res.Status, res.PreviousID, res.RolledBack)
	fmt.Println(res.Failure)
	// Output:
	// <nil> CRASHED dep-prev true
	// deployment dep-1 ended CRASHED
}
