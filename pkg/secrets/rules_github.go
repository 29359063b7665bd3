package secrets

import "regexp"

// GitHub: classic tokens carry a CRC32 checksum of their body in their last
// six characters (base 62); a token that fails it is not a token.
func githubRules() []ruleDef {
	return []ruleDef{
		def("github-pat", "GitHub personal access token (classic)",
			"A GitHub classic personal access token (ghp_) with a valid CRC32 checksum. It acts as its owner on every repository and organisation the token's scopes reach."+revoke,
			checksummed(withCheck(prefixed("ghp_", `ghp_[A-Za-z0-9]{36,}`, 0), githubChecksum))).
			pos("GH_TOKEN=⟦ghp_«crc:«alnum:30»»⟧", "git clone https://⟦ghp_«crc:«alnum:30»»⟧@github.com/rose/app.git").
			neg("GH_TOKEN=ghp_«alnum:36»", "token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}"),
		def("github-oauth", "GitHub OAuth access token",
			"A GitHub OAuth app user token (gho_) with a valid checksum. It acts as the user who authorised the app."+revoke,
			checksummed(withCheck(prefixed("gho_", `gho_[A-Za-z0-9]{36,}`, 0), githubChecksum))).
			pos(`{"access_token": "⟦gho_«crc:«alnum:30»»⟧", "scope": "repo"}`).
			neg(`{"access_token": "gho_«alnum:36»"}`),
		def("github-app-token", "GitHub App user-to-server or server-to-server token",
			"A GitHub App token (ghu_ user-to-server or ghs_ installation, including Actions' GITHUB_TOKEN) with a valid checksum. Installation tokens expire within an hour, but a leaked one can still be used until then."+revoke,
			checksummed(withCheck(prefixed("ghu_", `ghu_[A-Za-z0-9]{36,}`, 0), githubChecksum)),
			checksummed(withCheck(prefixed("ghs_", `ghs_[A-Za-z0-9]{36,}`, 0), githubChecksum))).
			pos("token = \"⟦ghu_«crc:«alnum:30»»⟧\"", "GITHUB_TOKEN=⟦ghs_«crc:«alnum:30»»⟧").
			neg("token = \"ghs_«alnum:36»\""),
		def("github-refresh-token", "GitHub refresh token",
			"A GitHub App refresh token (ghr_) with a valid checksum: it mints new user-to-server tokens."+revoke,
			checksummed(withCheck(prefixed("ghr_", `ghr_[A-Za-z0-9]{36,}`, 0), githubChecksum))).
			pos(`refresh_token=⟦ghr_«crc:«alnum:30»»⟧`).
			neg(`refresh_token=ghr_«alnum:36»`),
		def("github-fine-grained-pat", "GitHub fine-grained personal access token",
			"A GitHub fine-grained personal access token (github_pat_). It acts as its owner on the repositories it was granted."+revoke,
			prefixed("github_pat_", `github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`, 3.5)).
			pos("github:\n  token: ⟦github_pat_«alnum:22»_«alnum:59»⟧\n").
			neg("token: github_pat_«alnum:22»_«alnum:20»", "token: github_pat_11AAAAAAAAAAAAAAAAAAAAAA_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("github-installation-token", "GitHub App installation token (ghs_<app id>_<JWT> format)",
			"A GitHub App installation token in the long format introduced in 2026 (ghs_, the app id, then a JWT), as used by GITHUB_TOKEN. It acts as the app installation until it expires."+revoke,
			&pattern{
				keywords: []string{"ghs_"},
				re:       regexp.MustCompile(`(?:^|[^A-Za-z0-9_.-])(ghs_[0-9]{1,20}_[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})` + `(?:[^A-Za-z0-9_.-]|$)`),
				group:    1, minEntropy: 4.0, priority: prioProvider + 1,
			}).
			pos("export GITHUB_TOKEN=⟦ghs_«digits:7»_«jwt»⟧").
			neg("export GITHUB_TOKEN=ghs_123_header.payload.signature"),
	}
}
