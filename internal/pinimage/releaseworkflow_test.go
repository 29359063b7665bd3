package pinimage

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflowSteps returns the steps of job in a workflow file, keyed by step
// name (or by the action a nameless step uses).
func workflowSteps(t *testing.T, path, job string) map[string]map[string]any {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []map[string]any `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	j, ok := wf.Jobs[job]
	if !ok {
		t.Fatalf("%s has no job %q", path, job)
	}
	steps := map[string]map[string]any{}
	for _, s := range j.Steps {
		key, _ := s["name"].(string)
		if key == "" {
			key, _ = s["uses"].(string)
		}
		steps[key] = s
	}
	return steps
}

func stepRun(t *testing.T, steps map[string]map[string]any, name string) string {
	t.Helper()
	s, ok := steps[name]
	if !ok {
		t.Fatalf("no step %q", name)
	}
	run, _ := s["run"].(string)
	return run
}

// TestReleaseWorkflowMatchesReleaseLine keeps release.yml and the scripts
// TestReleaseLine replays in step: the same tag selection, the same
// throw-away merge in the plan and the same release-commit merge, and the
// tag pushes made with RELEASE_TOKEN (the release commit changes workflow
// files, which GITHUB_TOKEN may not push).
func TestReleaseWorkflowMatchesReleaseLine(t *testing.T) {
	const path = "../../.github/workflows/release.yml"
	tagList := `git tag --list 'v*' --sort=-v:refname | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | head -n 1`
	for _, want := range []string{tagList, `commit-tree "HEAD^{tree}" -p HEAD -p "${prev}^{commit}"`, `git checkout -q --detach "$merge"`} {
		if !strings.Contains(joinLine, want) {
			t.Fatalf("the test's joinLine lacks %q", want)
		}
	}

	plan := workflowSteps(t, path, "plan")
	join := stepRun(t, plan, "join the release line")
	for _, want := range []string{tagList, `commit-tree "HEAD^{tree}" -p HEAD -p "${prev}^{commit}"`, `git checkout -q --detach "$merge"`} {
		if !strings.Contains(join, want) {
			t.Errorf("plan / join the release line does not run %q (TestReleaseLine replays it)", want)
		}
	}
	if next, ok := plan["next version (dry run)"]; !ok || next["uses"] != "./semver-release" {
		t.Errorf("plan / next version (dry run) should use ./semver-release, got %v", next)
	} else if with, _ := next["with"].(map[string]any); with["dry-run"] != "true" {
		t.Errorf("plan / next version must be a dry run, got with %v", with)
	}
	if s, ok := plan["the release token is set"]; !ok || !strings.Contains(stepEnv(s, "RELEASE_TOKEN"), "secrets.RELEASE_TOKEN") {
		t.Errorf("plan must check that the RELEASE_TOKEN secret is set before publishing anything")
	}

	rel := workflowSteps(t, path, "release")
	start := stepRun(t, rel, "start the release commit")
	if !strings.Contains(startRelease, `git merge -q -s ours --no-ff --no-edit -m "chore(release): $TAG"`) {
		t.Fatal("the test's startRelease changed: update the workflow check too")
	}
	for _, want := range []string{`git merge -q -s ours --no-ff --no-edit -m "chore(release): ${TAG}" "${PREVIOUS_TAG}^{commit}"`, `git show "${PREVIOUS_TAG}:CHANGELOG.md" > CHANGELOG.md`} {
		if !strings.Contains(start, want) {
			t.Errorf("release / start the release commit does not run %q", want)
		}
	}
	pin := stepRun(t, rel, "pin the actions to the image, commit and tag")
	for _, want := range []string{"go run ./internal/pinimage/cmd/pinimage", "-workflows .github/workflows", "git commit -q --amend --no-edit", `git tag -a "$TAG"`} {
		if !strings.Contains(pin, want) {
			t.Errorf("release / pin step does not run %q", want)
		}
	}
	// RELEASE_TOKEN reaches only the step that pushes the tags: the checkout keeps no credential in the git
	// config, where the changelog container and `go run` could read it.
	push := stepRun(t, rel, "push the tags")
	for _, want := range []string{`"refs/tags/${TAG}"`, `"+refs/tags/${major}"`, "git push origin"} {
		if !strings.Contains(push, want) {
			t.Errorf("release / push the tags does not push %q", want)
		}
	}
	for name, s := range rel {
		env := stepEnv(s, "RELEASE_TOKEN")
		if (name == "push the tags") != strings.Contains(env, "secrets.RELEASE_TOKEN") {
			t.Errorf("release / %s: RELEASE_TOKEN in env is %q; only \"push the tags\" may have it", name, env)
		}
		if strings.HasPrefix(name, "actions/checkout@") {
			with, _ := s["with"].(map[string]any)
			if with["persist-credentials"] != false || with["token"] != nil {
				t.Errorf("release / checkout must not persist a token, got %v", with)
			}
		}
	}
}

func stepEnv(step map[string]any, name string) string {
	env, _ := step["env"].(map[string]any)
	return stringOf(env[name])
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}
