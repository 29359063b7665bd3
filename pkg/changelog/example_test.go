package changelog_test

import (
	"fmt"
	"time"

	"github.com/rose/actions/pkg/changelog"
	"github.com/rose/actions/pkg/conventional"
)

func ExampleMarkdown() {
	entries := []changelog.Entry{
		{SHA: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Commit: conventional.Parse("feat(api): add search (#7)")},
		{SHA: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Commit: conventional.Parse("fix!: stop caching errors")},
		{SHA: "3333333ccccccccccccccccccccccccccccccccc", Commit: conventional.Parse("chore: tidy")},
	}
	fmt.Print(changelog.Markdown(entries, changelog.Options{
		Version: "1.3.0", PreviousTag: "v1.2.0", Tag: "v1.3.0", RepoURL: "https://github.com/rose/app",
		Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	}))
	// Output:
	// ## [1.3.0](https://github.com/rose/app/compare/v1.2.0...v1.3.0) (2026-03-01)
	//
	// ### ⚠ BREAKING CHANGES
	//
	// * stop caching errors
	//
	// ### Features
	//
	// * **api:** add search ([#7](https://github.com/rose/app/issues/7)) ([1111111](https://github.com/rose/app/commit/1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa))
	//
	// ### Bug Fixes
	//
	// * stop caching errors ([2222222](https://github.com/rose/app/commit/2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb))
}

func ExampleUpdate() {
	old := "# Changelog\n\n## 1.2.0 (2026-02-01)\n\n* old entry\n"
	section := "## 1.3.0 (2026-03-01)\n\n* new entry\n"
	once := changelog.Update([]byte(old), "1.3.0", section)
	twice := changelog.Update(once, "1.3.0", section) // a re-run replaces, never duplicates
	fmt.Print(string(twice))
	// Output:
	// # Changelog
	//
	// ## 1.3.0 (2026-03-01)
	//
	// * new entry
	//
	// ## 1.2.0 (2026-02-01)
	//
	// * old entry
}
