package prlint_test

import (
	"fmt"
	"regexp"

	"github.com/rose/actions/pkg/prlint"
)

func ExampleTitle() {
	policy := prlint.TitlePolicy{Types: prlint.MustTypes(prlint.DefaultTypes...), MaxLength: prlint.DefaultMaxTitleLength, AllowWIP: true}
	// GitHub's default title for a pull request from the branch fix/login-bug.
	res := prlint.Title("Fix/login bug", prlint.TitleContext{Branch: "fix/login-bug"}, policy)
	for _, f := range res.Findings {
		fmt.Println(f.Level, "-", f.Example)
	}
	res = prlint.Title("feat(api)!: drop v1", prlint.TitleContext{}, policy)
	fmt.Println(res.Passed(), res.Commit.Type, res.Commit.Scope, res.Commit.Breaking)
	// Output:
	// failure - fix: login bug
	// true feat api true
}

func ExampleBranchName() {
	p := prlint.BranchPolicy{Pattern: regexp.MustCompile(prlint.DefaultBranchPattern), Exempt: prlint.DefaultBranchExempt}
	fmt.Println(len(prlint.BranchName("dependabot/go_modules/golang.org/x/net-0.30.0", p)))
	for _, f := range prlint.BranchName("Feature/Login Page", p) {
		fmt.Println(f.Example)
	}
	// Output:
	// 0
	// feature/login-page
}

func ExampleReport_Markdown() {
	r := &prlint.Report{Title: "feat: add login", Branch: "feature/login"}
	r.Record(prlint.Ran(prlint.CheckTitle))
	r.Record(prlint.Ran(prlint.CheckLargeFiles, prlint.Finding{Level: prlint.Warning, File: "a.bin", Message: `"a.bin" is 2.0 MB`}))
	fmt.Print(r.Markdown())
	// Output:
	// <!-- rose/actions:pr-lint -->
	// ### ⚠️ pr-lint: 1 warning
	//
	// **Title:** <code>feat: add login</code><br>
	// **Branch:** <code>feature/login</code>
	//
	// | Check | Result |
	// | --- | --- |
	// | Title | ✅ passed |
	// | Large files | ⚠️ warning |
	//
	// #### Details
	//
	// - ⚠️ **Large files**: "a.bin" is 2.0 MB
}
