package secretreport_test

import (
	"fmt"
	"time"

	"github.com/rose/actions/pkg/secretreport"
	"github.com/rose/actions/pkg/secrets"
)

// The job summary shows where each secret is, never the secret.
func ExampleMarkdown() {
	secret := "sk_live_" + "0123456789abcdefghijKLMN"
	r := secretreport.Report{
		Findings: []secretreport.Finding{{
			RuleID: "stripe-secret-key", Description: "Stripe live secret key",
			Commit: "89abcdef0123456789abcdef0123456789abcdef", Author: "Ann", File: "billing.py", Line: 12,
			Fingerprint: secrets.Fingerprint("stripe-secret-key", secret), Secret: secret,
		}},
		Stats: secretreport.Stats{Commits: 3, Files: 5, Bytes: 1200, Duration: 40 * time.Millisecond},
	}
	fmt.Print(secretreport.Markdown(r, secretreport.SummaryOptions{Mode: "pull request #7"}))
	// Output:
	// ## Secret scan: 1 secret found
	//
	// Scanned pull request #7: 3 commits, 5 file versions, 1.2 kB of added text in 40 ms.
	//
	// | Rule | File:line | Commit | Author |
	// | --- | --- | --- | --- |
	// | `stripe-secret-key` Stripe live secret key | `billing.py:12` | `89abcdef0123` | Ann |
	//
	// Revoke each credential at its provider and replace it: removing it from the code leaves it in git history. A false alarm can be silenced with a `secret-scan:allow` comment on its line or by adding its fingerprint (in the JSON report) to `ignores` in the configuration file; to accept every finding of an old history at once, pass a report of it as `baseline`.
}
