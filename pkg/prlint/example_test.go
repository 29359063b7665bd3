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

func ExampleRE2Equivalent() {
	// action-semantic-pull-request's README pattern: the subject does not start with an upper-case letter.
	fmt.Println(prlint.RE2Equivalent(`^(?![A-Z]).+$`))
	_, err := prlint.CompilePattern(`^(?![A-Z]).+$`)
	fmt.Println(err != nil)
	// Output:
	// ^[^A-Z].*$
	// true
}

func ExampleParseSize() {
	limit, _ := prlint.ParseSize("1MB")
	fmt.Println(limit.Bytes, limit, limit.Format(2_000_000))
	_, err := prlint.ParseSize("1M")
	fmt.Println(err)
	// Output:
	// 1000000 1 MB 2.0 MB
	// the unit "M" is ambiguous: write 1MB (powers of 1000) or 1MiB (powers of 1024)
}

func ExampleForbiddenPaths() {
	files := []prlint.ChangedFile{{Path: "api/.env"}, {Path: "api/.env.example"}, {Path: "deploy/key.pem"}}
	for _, f := range prlint.ForbiddenPaths(prlint.DefaultForbiddenPaths, files) {
		fmt.Println(f.File)
	}
	// Output:
	// api/.env
	// deploy/key.pem
}

func ExampleParseTitlePolicy() {
	p, errs := prlint.ParseTitlePolicy(prlint.TitleInputs{Types: "feat\nfix\nJIRA-\\d+", DisallowScopes: "release"})
	fmt.Println(len(errs))
	for _, title := range []string{"JIRA-12(api): add x", "fix(release): y", "fix:"} {
		res := prlint.Title(title, prlint.TitleContext{}, p)
		if res.Passed() {
			fmt.Println("passed:", res.Commit.Type)
			continue
		}
		fmt.Println(res.Problems[0].Kind, "->", res.Findings[0].Example)
	}
	// Output:
	// 0
	// passed: JIRA-12
	// disallowed-scope -> fix: y
	// no-subject -> fix: describe the change
}
