package railway_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/railway"
)

// The Rose design's railway.json, in both formats.
const roseJSON = `{
  "$schema": "https://railway.com/railway.schema.json",
  "build": {
    "builder": "NIXPACKS",
    "buildCommand": "uv sync --frozen && cd frontend && npm ci && npm run build",
    "watchPatterns": ["src/**", "frontend/**", "pyproject.toml", "uv.lock"]
  },
  "deploy": {
    "startCommand": "uv run uvicorn src.main:app --host 0.0.0.0 --port $PORT",
    "healthcheckPath": "/api/health",
    "healthcheckTimeout": 30,
    "restartPolicyType": "ON_FAILURE",
    "restartPolicyMaxRetries": 3,
    "numReplicas": 1,
    "requiredMountPath": "/app/data",
    "overlapSeconds": "60",
    "drainingSeconds": 10,
    "preDeployCommand": ["uv run alembic upgrade head"],
    "multiRegionConfig": {"us-west2": {"numReplicas": 1}},
    "cronSchedule": null
  },
  "environments": {
    "staging": {"deploy": {"healthcheckPath": "/api/health/staging", "numReplicas": 1}},
    "pr": {"build": {"buildCommand": null}}
  }
}
`

const roseTOML = `"$schema" = "https://railway.com/railway.schema.json"

[build]
builder = "NIXPACKS"
buildCommand = "uv sync --frozen"
watchPatterns = ["src/**"]

[deploy]
startCommand = "uv run uvicorn src.main:app --host 0.0.0.0 --port $PORT"
healthcheckPath = "/api/health"
healthcheckTimeout = 30
restartPolicyType = "ON_FAILURE"
restartPolicyMaxRetries = 3
sleepApplication = false

[environments.staging.deploy]
healthcheckPath = "/api/health/staging"
`

func TestValidConfigs(t *testing.T) {
	for name, data := range map[string]string{"railway.json": roseJSON, "railway.toml": roseTOML} {
		cfg, err := railway.ValidateConfig(name, []byte(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if cfg.HealthPathFor("production") != "/api/health" || cfg.HealthPathFor("staging") != "/api/health/staging" || cfg.HealthPathFor("") != "/api/health" {
			t.Errorf("%s: health paths %v", name, cfg.HealthcheckPath)
		}
	}
}

func TestInvalidConfigs(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string // each problem, as "line: key: message start"
	}{
		{"unknown keys", "railway.json", `{
  "build": {"builder": "NIXPACKS", "startCommand": "x"},
  "deploy": {"healthCheckPath": "/h", "volumes": ["/app/data"]},
  "variables": {"A": "1"}
}`, []string{
			`railway.json:2: build.startCommand: unknown key ("startCommand" belongs in the deploy section)`,
			`railway.json:3: deploy.healthCheckPath: unknown key (did you mean "healthcheckPath"?)`,
			`railway.json:3: deploy.volumes: unknown key`,
			`railway.json:4: variables: unknown key`,
		}},
		{"wrong types", "railway.json", `{
  "build": {"builder": "DOCKER", "watchPatterns": "src/**"},
  "deploy": {
    "healthcheckTimeout": "30s",
    "restartPolicyMaxRetries": -1,
    "numReplicas": 1.5,
    "sleepApplication": "no",
    "healthcheckPath": "api/health",
    "cronSchedule": "every day",
    "multiRegionConfig": {"us-west2": {"replicas": 2}}
  }
}`, []string{
			`railway.json:2: build.builder: is the string "DOCKER"; want one of RAILPACK, DOCKERFILE, NIXPACKS, HEROKU, PAKETO`,
			`railway.json:2: build.watchPatterns: is the string "src/**"; want an array of strings`,
			`railway.json:4: deploy.healthcheckTimeout: is the string "30s"; want a whole number`,
			`railway.json:5: deploy.restartPolicyMaxRetries: is -1; want at least 0`,
			`railway.json:6: deploy.numReplicas: is the number 1.5; want a whole number`,
			`railway.json:7: deploy.sleepApplication: is the string "no"; want true or false`,
			`railway.json:8: deploy.healthcheckPath: is "api/health"; want a path that starts with "/"`,
			`railway.json:9: deploy.cronSchedule: is the string "every day"; want a cron expression`,
			`railway.json:10: deploy.multiRegionConfig.us-west2.replicas: unknown key`,
		}},
		{"toml", "railway.toml", `[build]
builder = "NIXPACKS"

[deploy]
healthcheckTimeout = "30"
restartPolicyType = "SOMETIMES"
startComand = "x"

[environments.staging.deploy]
numReplicas = true
`, []string{
			`railway.toml:5: deploy.healthcheckTimeout: is the string "30"; want a whole number`,
			`railway.toml:6: deploy.restartPolicyType: is the string "SOMETIMES"; want one of ON_FAILURE, ALWAYS, NEVER`,
			`railway.toml:7: deploy.startComand: unknown key (did you mean "startCommand"?)`,
			`railway.toml:10: environments.staging.deploy.numReplicas: is the boolean true; want a whole number`,
		}},
		{"not json", "railway.json", "{\n  \"build\": {\n    \"builder\": \"NIXPACKS\",\n  }\n}", []string{`railway.json:4: not valid JSON`}},
		{"not toml", "railway.toml", "[build]\nbuilder = NIXPACKS\n", []string{`railway.toml:2: not valid TOML`}},
		{"duplicate key", "railway.json", "{\"deploy\": {\"numReplicas\": 1,\n \"numReplicas\": 2}}", []string{`railway.json:2: deploy.numReplicas: appears twice`}},
		{"not an object", "railway.json", `["build"]`, []string{`railway.json:1: is an array; want a JSON object`}},
		{"null section", "railway.json", `{"deploy": null}`, []string{`railway.json:1: deploy: is null`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := railway.ValidateConfig(tt.file, []byte(tt.data))
			var cerr *railway.ConfigError
			if !errors.As(err, &cerr) {
				t.Fatalf("error %v, want a ConfigError", err)
			}
			if len(cerr.Problems) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(cerr.Problems), len(tt.want), strings.ReplaceAll(err.Error(), "; ", "\n"))
			}
			for i, p := range cerr.Problems {
				if !strings.HasPrefix(p.Error(), tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, p.Error(), tt.want[i])
				}
			}
		})
	}
}

// FuzzValidateConfig: whatever a pull request puts in railway.json, validation never panics, reports
// invalid JSON exactly when encoding/json rejects the file (or finds a duplicate key), names a file on every
// problem, and gives the same verdict on the document re-encoded by encoding/json (key order and spacing do
// not change what is valid).
func FuzzValidateConfig(f *testing.F) {
	f.Add([]byte(roseJSON))
	f.Add([]byte(`{"deploy": {"healthcheckTimeout": "30s", "numReplicas": 1.5}, "x": null}`))
	f.Add([]byte(`{"environments": {"pr": {"build": {"builder": "nixpacks"}}}}`))
	f.Add([]byte(`[1, 2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := railway.ValidateConfig("railway.json", data)
		var cerr *railway.ConfigError
		if err != nil && !errors.As(err, &cerr) {
			t.Fatalf("error of another type: %v", err)
		}
		syntax := false
		if cerr != nil {
			for _, p := range cerr.Problems {
				if p.File != "railway.json" || p.Message == "" {
					t.Fatalf("problem without file or message: %+v", p)
				}
				syntax = syntax || strings.HasPrefix(p.Message, "not valid JSON") || p.Message == "appears twice"
			}
		}
		var doc any
		jsonErr := json.Unmarshal(data, &doc)
		if (jsonErr != nil) != syntax && !(jsonErr == nil && syntax && hasDuplicateKey(data)) {
			t.Fatalf("encoding/json says %v, the validator's syntax verdict is %v: %v", jsonErr, syntax, err)
		}
		if jsonErr != nil || syntax {
			return
		}
		again, _ := json.Marshal(doc)
		_, err2 := railway.ValidateConfig("railway.json", again)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("verdict changed after re-encoding: %v then %v\n%s", err, err2, again)
		}
		var c2 *railway.ConfigError
		if errors.As(err2, &c2) && len(c2.Problems) != len(cerr.Problems) {
			t.Fatalf("%d problems, %d after re-encoding", len(cerr.Problems), len(c2.Problems))
		}
	})
}

// hasDuplicateKey reports whether some JSON object of data repeats a key (encoding/json keeps the last).
func hasDuplicateKey(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func() bool
	walk = func() bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, _ := dec.Token()
				ks, _ := k.(string)
				if seen[ks] || walk() {
					return true
				}
				seen[ks] = true
			}
			dec.Token()
		case json.Delim('['):
			for dec.More() {
				if walk() {
					return true
				}
			}
			dec.Token()
		}
		return false
	}
	return walk()
}
