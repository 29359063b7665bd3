package secrets

// Rule describes one kind of secret.
type Rule struct {
	// ID is stable across versions (used in fingerprints, ignores and SARIF).
	ID string
	// Description is a one-line summary (SARIF shortDescription).
	Description string
	// Help explains the risk and what to do (SARIF help.text).
	Help string
	// Keywords are lower-case strings; the rule only runs on lines that contain one.
	Keywords []string
}

func builtinRules() []*Rule { return nil }
