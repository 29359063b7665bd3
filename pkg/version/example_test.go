package version_test

import (
	"fmt"

	"github.com/Masterminds/semver/v3"

	"github.com/rose/actions/pkg/conventional"
	"github.com/rose/actions/pkg/version"
)

func ExampleNext() {
	commits := []version.Change{
		{SHA: "1a2b3c4", Commit: conventional.Commit{Header: "fix: handle empty body", Type: "fix", Conventional: true}},
		{SHA: "5d6e7f8", Commit: conventional.Commit{Header: "feat(api): add /health", Type: "feat", Scope: "api", Conventional: true}},
	}
	res, err := version.Next(semver.MustParse("1.4.2"), commits, version.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Current, "->", res.Next, res.Bump)
	for _, r := range res.Decisive() {
		fmt.Println(r.SHA, r.Why)
	}
	// Output:
	// 1.4.2 -> 1.5.0 minor
	// 5d6e7f8 feature
}
