package workflowpolicy_test

import (
	"fmt"

	"github.com/rose/actions/pkg/workflowpolicy"
)

func ExamplePolicy_Check() {
	src := []byte(`name: ci
on: pull_request
jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
`)
	p := workflowpolicy.Policy{TrustedRepos: []string{"rose/actions"}}
	for _, f := range p.Check("ci.yml", src) {
		fmt.Println(f.Line, f.Rule)
	}
	// Output:
	// 1 missing-permissions
	// 4 missing-timeout
	// 9 unpinned-uses
	// 10 expression-injection
}
