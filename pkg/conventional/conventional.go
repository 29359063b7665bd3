// Package conventional parses commit messages written to the Conventional Commits 1.0.0 specification
// (https://www.conventionalcommits.org/en/v1.0.0/). Where the specification is silent it agrees with
// conventional-commits-parser and its conventionalcommits preset, the parser most release tools use.
package conventional

import "errors"

// Footer is one git-trailer style footer of a commit message: "Token: value" or "Token #value".
// Value may span several lines.
type Footer struct {
	Token, Value string
}

// Revert describes a commit that reverts another: the reverted commit's header and SHA
// (from `Revert "<header>"` and `This reverts commit <sha>.`).
type Revert struct {
	Header, SHA string
}

// Commit is a parsed commit message.
type Commit struct {
	// Header is the first line of the message, without its line ending.
	Header string
	// Type is the commit type ("feat", "fix" ...) as written; empty when the header is not conventional.
	Type string
	// Scope is the scope as written between the parentheses, Scopes the same split on commas.
	Scope  string
	Scopes []string
	// Bang is true when the header carries "!" before the colon.
	Bang bool
	// Breaking is true when the commit is a breaking change: Bang or a BREAKING CHANGE footer.
	Breaking bool
	// Description is the text after "type(scope): ", or the whole header when it is not conventional.
	Description string
	// Body is the free text between the header and the footers, trimmed.
	Body string
	// Footers lists the footers in order.
	Footers []Footer
	// BreakingNotes holds the text of every BREAKING CHANGE / BREAKING-CHANGE note.
	BreakingNotes []string
	// Revert is set when the commit reverts another.
	Revert *Revert
	// Merge is true for merge commit messages ("Merge pull request #1 ...", "Merge branch ...").
	Merge bool
	// Conventional is true when the header follows the Conventional Commits header grammar.
	Conventional bool
}

// ErrEmpty is returned by ParseHeader for an empty header.
var ErrEmpty = errors.New("empty header")

// Parse parses a full commit message: header, body and footers. It never fails: a message whose header
// is not conventional gives a Commit with Conventional false and the header as Description.
func Parse(message string) Commit {
	return parse(message)
}

// ParseHeader parses a single header line. The error is nil exactly when the header is conventional,
// and otherwise says what is wrong with it. The returned Commit is filled as far as possible either way.
func ParseHeader(header string) (Commit, error) {
	return parseHeader(header)
}
