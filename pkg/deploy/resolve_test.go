package deploy

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

func TestResolve(t *testing.T) {
	srv := railwaytest.New()
	defer srv.Close()
	project := railway.New(srv.GraphQLURL(), railway.Token{Kind: railway.ProjectToken, Value: srv.ProjectToken}, srv.Client())
	account := railway.New(srv.GraphQLURL(), railway.Token{Kind: railway.AccountToken, Value: srv.AccountToken}, srv.Client())
	tests := []struct {
		name                          string
		client                        *railway.Client
		kind                          railway.TokenKind
		project, environment, service string
		want                          Target
		configErr                     string
		err                           string
	}{
		{name: "project token fills project and environment", client: project, kind: railway.ProjectToken, service: "rose-production",
			want: target},
		{name: "service by id, environment by name", client: project, kind: railway.ProjectToken, environment: "production", service: "svc-1",
			want: target},
		{name: "service name in another case", client: project, kind: railway.ProjectToken, service: "Rose-Production", want: target},
		{name: "account token with names", client: account, kind: railway.AccountToken, project: "proj-1", environment: "staging", service: "worker",
			want: Target{ProjectID: "proj-1", ProjectName: "rose", EnvironmentID: "env-stg", EnvironmentName: "staging", ServiceID: "svc-2", ServiceName: "worker"}},
		{name: "unknown service", client: project, kind: railway.ProjectToken, service: "api",
			configErr: `input service is "api": the project has no such service; accepted: "rose-production" (svc-1), "worker" (svc-2)`},
		{name: "project token for another environment", client: project, kind: railway.ProjectToken, environment: "staging", service: "worker",
			configErr: `the project token belongs to environment "production"`},
		{name: "project token for another project", client: project, kind: railway.ProjectToken, project: "proj-9", service: "worker",
			configErr: `the project token belongs to project proj-1 (rose)`},
		{name: "account token without project", client: account, kind: railway.AccountToken, service: "worker",
			configErr: "the project id is required"},
		{name: "account token without environment", client: account, kind: railway.AccountToken, project: "proj-1", service: "worker",
			configErr: `input environment is empty and the project has 2: name one of "production" (env-prod), "staging" (env-stg)`},
		{name: "unknown project", client: account, kind: railway.AccountToken, project: "proj-9", environment: "production", service: "worker",
			configErr: `input project "proj-9": Railway knows no such project`},
		{name: "bad project token", client: railway.New(srv.GraphQLURL(), railway.Token{Kind: railway.ProjectToken, Value: "nope"}, srv.Client()),
			kind: railway.ProjectToken, service: "worker", err: "Project Token not found. Railway does not know this project token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(context.Background(), tt.client, tt.kind, tt.project, tt.environment, tt.service)
			var cerr *ConfigError
			switch {
			case tt.configErr != "":
				if !errors.As(err, &cerr) || !strings.Contains(err.Error(), tt.configErr) {
					t.Fatalf("error %v, want a ConfigError with %q", err, tt.configErr)
				}
			case tt.err != "":
				if err == nil || errors.As(err, &cerr) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
			default:
				if err != nil || got != tt.want {
					t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
				}
			}
		})
	}
	if len(srv.Rejected()) > 0 {
		t.Errorf("invalid requests: %+v", srv.Rejected())
	}
}
