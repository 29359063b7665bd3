// Package action is the runtime every action of this repository is built on. It follows the GitHub Actions
// runner's contract for Docker actions: inputs from INPUT_<NAME> variables with defaults taken from the
// action's own action.yml, outputs written to GITHUB_OUTPUT with a random delimiter, a Markdown job summary,
// workflow-command annotations, masking of secrets, the event payload decoded into go-github types, and exit
// codes (0 success, 1 the check failed, 2 bad input or configuration).
//
// The same program runs locally: without GITHUB_ACTIONS=true the workspace is the working directory, outputs
// and the summary are printed, and annotations are printed as plain lines.
//
// A program's main stays thin:
//
//	func main() { os.Exit(action.Main(action.OSEnv(), "pr-lint", run)) }
package action
