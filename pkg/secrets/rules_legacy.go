package secrets

import "strings"

// Older and newer formats of providers whose current format has its own
// rule: tokens issued before a provider added a prefix, and new prefixed
// formats.
func legacyFormatRules() []ruleDef {
	return []ruleDef{
		def("github-legacy-token", "GitHub personal access token (before 2021, 40 hexadecimal characters)",
			"A GitHub personal access or OAuth token in the format used before April 2021 (40 hexadecimal characters, no ghp_ prefix) assigned to a GitHub token name. Tokens of that age that were never revoked still work."+revoke,
			ctxCheck(named([]string{"github_token", "github_secret", "github_pat", "github_api_token", "github_access_token", "githubtoken", "github_oauth_token", "githubaccesstoken", "github-token", "gh_token", "github_api_key"}, `[a-f0-9]{40}`, 3.0), hexOnly)).
			pos("GITHUB_TOKEN=⟦«hex:40»⟧", "\"github_secret\": \"⟦«hex:40»⟧\"").
			neg("GITHUB_SHA=«hex:40»", "github_token_sha: «hex:40»", "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}",
				// A stand-in: letters beyond f in a hexadecimal token's place.
				"OCTOKIT_TEST_GITHUB_TOKEN=\"«hex:36»wxyz\""),
		def("gitlab-legacy-token", "GitLab personal access token (before 14.5, 20 characters)",
			"A GitLab personal access token in the format used before GitLab 14.5 (20 characters, no glpat- prefix) assigned to a GitLab token name. Self-managed instances still accept tokens of that age."+revoke,
			ctxCheck(named([]string{"gitlab_token", "gitlab_pat", "gitlab_access_token", "gitlab_private_token", "gitlab_api_token", "gitlabtoken", "gitlab-token", "private-token", "private_token", "gl_token"}, `[A-Za-z0-9_-]{20}`, 3.3), twoClasses)).
			pos("GITLAB_TOKEN=⟦«alnum:20»⟧", "curl --header \"PRIVATE-TOKEN: ⟦«alnum:20»⟧\" https://gitlab.rose.internal/api/v4/projects").
			neg("GITLAB_TOKEN=glpat-«alnum:4»", "GL_TOKEN: 'gitlab-ci-token:'", "GITLAB_TOKEN=$CI_JOB_TOKEN"),
		def("buildkite-legacy-token", "Buildkite API access token (before bkua_, 40 characters)",
			"A Buildkite API access token in the format used before the bkua_ prefix (40 lower-case letters and digits, not a hexadecimal commit SHA) assigned to or written near a Buildkite name."+revoke,
			ctxCheck(named([]string{"buildkite"}, `[a-z0-9]{40}`, 3.3), notHex),
			ctxCheck(follows([]string{"buildkite"}, `[a-z0-9]{40}`, 3.3), ctxAll(namedValueCheck, twoClasses, notHex))).
			pos("BUILDKITE_API_TOKEN=⟦«lownum:40»⟧", "# buildkite\nbk configure --token ⟦«lownum:40»⟧").
			neg("BUILDKITE_COMMIT=«hex:40»", "BUILDKITE_API_TOKEN=${BUILDKITE_API_TOKEN}", "# buildkite build of\ngit checkout «hex:40»"),
		tok("cloudflare-global-api-key-cfk", "Cloudflare global API key (cfk_)",
			"A Cloudflare global API key in the prefixed format (cfk_, 40 letters and digits and an 8-character hexadecimal checksum). With the account's e-mail it has full control of the account.",
			"cfk_", `cfk_[A-Za-z0-9]{40}[a-f0-9]{8}`, 3.5).
			pos("CLOUDFLARE_API_KEY=⟦cfk_«alnum:40»«hex:8»⟧").
			neg("CLOUDFLARE_API_KEY=cfk_<key>"),
		def("new-relic-insights-key", "New Relic Insights insert or query key (short form)",
			"A New Relic Insights insert (NRII-) or query (NRIQ-) key of 25 to 31 characters, the length older accounts issued: it writes or reads the account's events."+revoke,
			prefixed("NRII-", `NRII-[A-Za-z0-9_-]{25,31}`, 3.3),
			prefixed("NRIQ-", `NRIQ-[A-Za-z0-9_-]{25,31}`, 3.3)).
			pos("NEW_RELIC_INSERT_KEY=⟦NRII-«b64url:27»⟧", "NEW_RELIC_QUERY_KEY=⟦NRIQ-«b64url:25»⟧").
			neg("NEW_RELIC_INSERT_KEY=NRII-xxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("adobe-api-key", "Adobe I/O API key or client secret",
			"An Adobe I/O (Developer Console) API key or client secret of 32 characters assigned to or written near an Adobe name."+revoke,
			named([]string{"adobe"}, `[A-Za-z0-9]{32}`, 3.5),
			ctxCheck(follows([]string{"adobe_", "adobeio", "adobe.io", "adobe api", "adobe key", "adobe secret", "adobe client", "using adobe"}, `[A-Za-z0-9]{32}`, 3.5), ctxAll(namedValueCheck, twoClasses))).
			pos("ADOBE_API_KEY=⟦«alnum:32»⟧", "# adobe client credentials\nclient_secret: ⟦«alnum:32»⟧").
			neg("ADOBE_API_KEY=${ADOBE_API_KEY}", "adobe_org_id: «alnum:32»"),
	}
}

// hexOnly reports whether s is hexadecimal, as GitHub's tokens before
// 2021 were: a value with other letters (…fxyz) is a stand-in typed in
// their shape.
func hexOnly(s string, _ []byte) bool { return isHex(s) }

// notHex reports whether s has a letter beyond f: a commit SHA or a
// digest in a token's place has none.
func notHex(s string, _ []byte) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; 'g' <= c && c <= 'z' {
			return true
		}
	}
	return false
}

// notCommitName drops a 40-character hexadecimal value whose own name
// says it is a commit (sonar.scm.revision, SONAR_COMMIT, GIT_SHA): a
// SHA-1 in a token's shape.
func notCommitName(secret string, line []byte) bool {
	name := strings.ToLower(nameBefore(line, secret))
	for _, suf := range []string{"revision", "commit", "sha", "sha1", "ref", "hash", "head", "rev"} {
		if strings.HasSuffix(name, suf) {
			return false
		}
	}
	return true
}

// ctxAll is a check that passes when every one of checks does.
func ctxAll(checks ...func(string, []byte) bool) func(string, []byte) bool {
	return func(s string, line []byte) bool {
		for _, c := range checks {
			if !c(s, line) {
				return false
			}
		}
		return true
	}
}
