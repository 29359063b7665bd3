package conventional_test

import (
	"fmt"

	"github.com/rose/actions/pkg/conventional"
)

func ExampleParse() {
	c := conventional.Parse("feat(api)!: drop the v1 endpoints\n\nUse /v2.\n\nBREAKING CHANGE: /v1 is gone\nRefs: #42\n")
	fmt.Println(c.Type, c.Scope, c.Breaking, c.Description)
	fmt.Println(c.BreakingNotes[0])
	for _, f := range c.Footers {
		fmt.Printf("%s=%s\n", f.Token, f.Value)
	}
	// Output:
	// feat api true drop the v1 endpoints
	// /v1 is gone
	// BREAKING CHANGE=/v1 is gone
	// Refs=#42
}

func ExampleParseHeader() {
	_, err := conventional.ParseHeader("Fix/login-redirect")
	fmt.Println(err)
	_, err = conventional.ParseHeader("fix:login")
	fmt.Println(err)
	// Output:
	// missing type: "Fix/login-redirect" looks like a branch name (GitHub titles a pull request from branch "fix/login-redirect" as "Fix/login-redirect"); write "type(scope): description"
	// type must be followed by ": ": add a space after the colon in "fix:login"
}
