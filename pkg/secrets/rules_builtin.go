package secrets

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

type ruleDef struct {
	rule     *Rule
	patterns []*pattern
}

func def(id, desc, help string, pats ...*pattern) ruleDef {
	r := &Rule{ID: id, Description: desc, Help: help}
	seen := map[string]bool{}
	for _, p := range pats {
		p.rule = r
		if p.priority == 0 {
			p.priority = prioProvider
		}
		for _, k := range p.keywords {
			if !seen[k] {
				seen[k] = true
				r.Keywords = append(r.Keywords, k)
			}
		}
	}
	return ruleDef{rule: r, patterns: pats}
}

// prefixed is the pattern of a token that starts with a fixed prefix: the
// prefix is the keyword, the whole match the secret.
func prefixed(keyword, re string, minEntropy float64) *pattern {
	return &pattern{
		keywords:   []string{strings.ToLower(keyword)},
		re:         regexp.MustCompile(re),
		minEntropy: minEntropy,
		bound:      true,
	}
}

func withCheck(p *pattern, check func(secret string, line []byte) bool) *pattern {
	p.check = check
	return p
}

func githubChecksum(secret string, _ []byte) bool {
	return validTokenChecksum(secret, 4) && !knownExamples[secret]
}

// checksummed marks a pattern whose check verifies a checksum: a random
// token cannot pass by chance, so the placeholder heuristics are skipped.
func checksummed(p *pattern) *pattern {
	p.noPlaceholder = true
	return p
}

const revoke = " Revoke or rotate it at the provider now (removing the commit does not help: clones and forks keep it), then remove it from the code and load it from a secret store or an environment variable."

// builtinRuleDefs returns the built-in rules. Each call builds new values.
func builtinRuleDefs() []ruleDef {
	return []ruleDef{
		// GitHub
		def("github-pat", "GitHub personal access token (classic)",
			"A GitHub classic personal access token (ghp_) with a valid CRC32 checksum. It acts as its owner on every repository and organisation the token's scopes reach."+revoke,
			checksummed(withCheck(prefixed("ghp_", `ghp_[A-Za-z0-9]{36,}`, 0), githubChecksum))),
		def("github-oauth", "GitHub OAuth access token",
			"A GitHub OAuth app user token (gho_) with a valid checksum. It acts as the user who authorised the app."+revoke,
			checksummed(withCheck(prefixed("gho_", `gho_[A-Za-z0-9]{36,}`, 0), githubChecksum))),
		def("github-app-token", "GitHub App user-to-server or server-to-server token",
			"A GitHub App token (ghu_ user-to-server or ghs_ installation, including Actions' GITHUB_TOKEN) with a valid checksum. Installation tokens expire within an hour, but a leaked one can still be used until then."+revoke,
			checksummed(withCheck(prefixed("ghu_", `ghu_[A-Za-z0-9]{36,}`, 0), githubChecksum)),
			checksummed(withCheck(prefixed("ghs_", `ghs_[A-Za-z0-9]{36,}`, 0), githubChecksum))),
		def("github-refresh-token", "GitHub refresh token",
			"A GitHub App refresh token (ghr_) with a valid checksum: it mints new user-to-server tokens."+revoke,
			checksummed(withCheck(prefixed("ghr_", `ghr_[A-Za-z0-9]{36,}`, 0), githubChecksum))),
		def("github-fine-grained-pat", "GitHub fine-grained personal access token",
			"A GitHub fine-grained personal access token (github_pat_). It acts as its owner on the repositories it was granted."+revoke,
			prefixed("github_pat_", `github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`, 3.5)),
		def("github-installation-token", "GitHub App installation token (ghs_<app id>_<JWT> format)",
			"A GitHub App installation token in the long format introduced in 2026 (ghs_, the app id, then a JWT), as used by GITHUB_TOKEN. It acts as the app installation until it expires."+revoke,
			&pattern{
				keywords: []string{"ghs_"},
				re:       regexp.MustCompile(`(?:^|[^A-Za-z0-9_.-])(ghs_[0-9]{1,20}_[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})` + `(?:[^A-Za-z0-9_.-]|$)`),
				group:    1, minEntropy: 4.0, priority: prioProvider + 1,
			}),

		// npm, PyPI
		def("npm-access-token", "npm access token",
			"An npm access token (npm_) with a valid CRC32 checksum. It can publish packages as its owner: a supply-chain risk."+revoke,
			checksummed(withCheck(prefixed("npm_", `npm_[A-Za-z0-9]{36}`, 0), func(s string, _ []byte) bool { return validTokenChecksum(s, 4) }))),
		def("pypi-upload-token", "PyPI API token",
			"A PyPI API token (a pypi- macaroon for pypi.org). It can upload releases of its projects."+revoke,
			prefixed("pypi-AgEIcHlwaS5vcmc", `pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`, 3.5)),

		// AWS
		def("aws-access-key-id", "AWS access key ID",
			"An AWS access key ID (AKIA long-term, ASIA temporary, ABIA, ACCA). The ID alone cannot sign requests, but its secret key is usually nearby; treat the pair as leaked."+revoke,
			&pattern{
				keywords:   []string{"akia", "asia", "abia", "acca"},
				re:         regexp.MustCompile(`\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`),
				group:      1,
				minEntropy: 3.0,
				gate:       awsKeyIDGate,
			}),
		def("aws-secret-access-key", "AWS secret access key",
			"An AWS secret access key (40 characters), found next to an aws_secret_access_key name or an AWS access key ID. With its key ID it signs requests as the IAM user or role."+revoke,
			&pattern{
				keywords: []string{"secret_access_key", "secretaccesskey", "secret-access-key", "secret.access.key", "aws_secret", "awssecret", "aws-secret", "aws.secret", "secret_key", "secretkey", "secret-key", "secret.key"},
				re:       regexp.MustCompile(`(?i:secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?key)` + `[A-Za-z0-9_-]*` + assign + `([A-Za-z0-9+/]{40})(?:[^A-Za-z0-9+/=]|$)`),
				group:    1, minEntropy: 3.8,
				check: awsSecretCheck,
			},
			&pattern{
				keywords: []string{"akia", "asia"},
				before:   4, after: 4,
				re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9+/=_-])([A-Za-z0-9+/]{40})(?:[^A-Za-z0-9+/=_-]|$)`),
				group: 1, minEntropy: 4.0,
				check:  awsSecretCheck,
				anchor: awsKeyIDRe,
			}),

		// Slack, Discord
		def("slack-bot-token", "Slack bot token",
			"A Slack bot token (xoxb-). It acts as the bot in its workspace: reads channels, posts messages."+revoke,
			prefixed("xoxb-", `xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,40}`, 3.0)),
		def("slack-user-token", "Slack user token",
			"A Slack user token (xoxp-) or legacy token. It acts as the user who installed the app."+revoke,
			prefixed("xoxp-", `xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{24,40}`, 3.0),
			prefixed("xoxe-", `xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{24,40}`, 3.0),
			prefixed("xoxa-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0),
			prefixed("xoxo-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0),
			prefixed("xoxr-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0),
			prefixed("xoxs-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0)),
		def("slack-app-token", "Slack app-level token",
			"A Slack app-level token (xapp-), used for Socket Mode connections."+revoke,
			prefixed("xapp-", `xapp-[0-9]-[A-Z0-9]{6,14}-[0-9]{8,16}-[A-Za-z0-9]{30,}`, 3.0)),
		def("slack-refresh-token", "Slack configuration or refresh token",
			"A Slack configuration access token or refresh token (xoxe). It manages apps of the workspace."+revoke,
			prefixed("xoxe", `xoxe(?:\.xox[bp]-[0-9]-[A-Za-z0-9]{120,}|-[0-9]-[A-Za-z0-9]{120,})`, 3.5)),
		def("slack-webhook-url", "Slack incoming webhook URL",
			"A Slack incoming webhook URL. Anyone holding it can post messages to its channel."+revoke,
			&pattern{
				keywords: []string{"hooks.slack.com"},
				re:       regexp.MustCompile(`(https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{30,})`),
				group:    1,
				check: func(s string, _ []byte) bool {
					tail := s[strings.Index(s, ".com/")+5:]
					return !isPlaceholder(tail) && entropy(tail) >= 3.5
				},
				noPlaceholder: true,
			}),
		def("discord-webhook-url", "Discord webhook URL",
			"A Discord webhook URL (id and token). Anyone holding it can post to its channel as the webhook."+revoke,
			&pattern{
				keywords: []string{"discord.com/api", "discordapp.com/api"},
				re:       regexp.MustCompile(`(https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api(?:/v[0-9]+)?/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,}))` + end),
				group:    1,
				check: func(s string, _ []byte) bool {
					tok := s[strings.LastIndex(s, "/")+1:]
					return !isPlaceholder(tok) && entropy(tok) >= 4.0
				},
				noPlaceholder: true,
			}),

		// Payments
		def("stripe-secret-key", "Stripe live secret key",
			"A Stripe live secret key (sk_live_): full access to the account's live data and money movement. Test keys (sk_test_) and publishable keys (pk_) are not reported."+revoke,
			prefixed("sk_live_", `sk_live_[A-Za-z0-9]{20,}`, 3.5)),
		def("stripe-restricted-key", "Stripe live restricted key",
			"A Stripe live restricted key (rk_live_): access to the live resources it was granted."+revoke,
			prefixed("rk_live_", `rk_live_[A-Za-z0-9]{20,}`, 3.5)),

		// Google
		def("google-api-key", "Google API key",
			"A Google Cloud / Firebase API key (AIza). Unrestricted keys can be used to bill the project's APIs."+revoke,
			prefixed("AIza", `AIza[0-9A-Za-z_-]{35}`, 3.5)),
		def("google-oauth-client-secret", "Google OAuth client secret",
			"A Google OAuth 2.0 client secret (GOCSPX-)."+revoke,
			prefixed("GOCSPX-", `GOCSPX-[A-Za-z0-9_-]{28}`, 3.5)),

		// AI providers
		def("openai-api-key", "OpenAI API key",
			"An OpenAI API key (sk-proj-, sk-svcacct-, sk-admin- or legacy sk-), recognised by the T3BlbkFJ marker every OpenAI key carries (base64 of \"OpenAI\"). It bills the organisation's usage."+revoke,
			&pattern{
				keywords:   []string{"t3blbkfj"},
				re:         regexp.MustCompile(`sk-(?:[a-z]+-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}`),
				minEntropy: 3.5, bound: true,
			}),
		def("anthropic-api-key", "Anthropic API key",
			"An Anthropic API key (sk-ant-api03-, ending in AA). It bills the organisation's usage."+revoke,
			prefixed("sk-ant-api", `sk-ant-api[0-9]{2}-[A-Za-z0-9_-]{78,}AA`, 4.0)),
		def("anthropic-admin-key", "Anthropic Admin API key",
			"An Anthropic Admin API key (sk-ant-admin01-): it manages the organisation's members and keys."+revoke,
			prefixed("sk-ant-admin", `sk-ant-admin[0-9]{2}-[A-Za-z0-9_-]{78,}AA`, 4.0)),
		def("groq-api-key", "Groq API key",
			"A Groq API key (gsk_)."+revoke,
			prefixed("gsk_", `gsk_[A-Za-z0-9]{52}`, 4.0)),
		def("xai-api-key", "xAI API key",
			"An xAI (Grok) API key (xai-)."+revoke,
			prefixed("xai-", `xai-[A-Za-z0-9]{80}`, 4.0)),
		def("elevenlabs-api-key", "ElevenLabs API key",
			"An ElevenLabs API key (sk_ and 48 hexadecimal characters, or a 32-character key sent as xi-api-key)."+revoke,
			prefixed("sk_", `sk_[a-f0-9]{48}`, 3.0),
			&pattern{
				keywords: []string{"xi-api-key", "xi_api_key", "elevenlabs", "eleven_labs"},
				re:       regexp.MustCompile(`(?i:xi[_-]api[_-]key|eleven_?labs[a-z0-9_-]*(?:key|token))` + assign + `([a-f0-9]{32})\b`),
				group:    1, minEntropy: 3.3, priority: prioContext,
			}),
		def("together-api-key", "Together AI API key",
			"A Together AI API key (tgp_v1_, or a 64-character hexadecimal key named for Together)."+revoke,
			prefixed("tgp_v1_", `tgp_v1_[A-Za-z0-9_-]{43}`, 4.0),
			&pattern{
				keywords: []string{"together"},
				re:       regexp.MustCompile(`(?i:together[a-z0-9_-]*(?:key|token))` + assign + `([a-f0-9]{64})\b`),
				group:    1, minEntropy: 3.5, priority: prioContext,
			}),
		def("huggingface-token", "Hugging Face access token",
			"A Hugging Face user access token (hf_)."+revoke,
			prefixed("hf_", `hf_[A-Za-z]{34}`, 3.8)),
		def("replicate-api-token", "Replicate API token",
			"A Replicate API token (r8_)."+revoke,
			prefixed("r8_", `r8_[A-Za-z0-9]{37}`, 3.8)),
		def("perplexity-api-key", "Perplexity API key",
			"A Perplexity API key (pplx-)."+revoke,
			prefixed("pplx-", `pplx-[A-Za-z0-9]{48}`, 4.0)),
		def("qdrant-api-key", "Qdrant API key",
			"A Qdrant Cloud database API key (a JWT or a random key) named or used next to a Qdrant cluster URL."+revoke,
			&pattern{
				keywords: []string{"qdrant"},
				before:   3, after: 3,
				re:    regexp.MustCompile(`(?i:api[_-]?key|apikey|token|secret)` + assign + `(` + jwtRe + `|[A-Za-z0-9_-]{32,})` + end),
				group: 1, minEntropy: 3.5, priority: prioContext + 1,
				check: func(s string, _ []byte) bool {
					if strings.HasPrefix(s, "eyJ") {
						return validJWT(s)
					}
					return looksRandom(s, 32)
				},
			},
			&pattern{
				keywords: []string{"qdrant"},
				before:   3, after: 3,
				re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9_.-])(` + jwtRe + `)` + `(?:[^A-Za-z0-9_.-]|$)`),
				group: 1, minEntropy: 3.5, priority: prioContext + 1,
				check: func(s string, _ []byte) bool { return validJWT(s) },
			}),

		// Deploy and CI platforms
		def("railway-token", "Railway API or project token",
			"A Railway account, workspace or project token (a UUID) named for Railway or used against Railway's API."+revoke,
			&pattern{
				keywords: []string{"railway"},
				before:   4, after: 4,
				re:    regexp.MustCompile(`(?i:token|api[_-]?key|secret|bearer)` + `(?:["'\x60]?\s*(?:=|:=|:|=>|,)\s*["'\x60]?|\s+)` + `(` + uuidRe + `)\b`),
				group: 1, minEntropy: 3.0, priority: prioContext,
			},
			&pattern{
				keywords: []string{"project-access-token"},
				re:       regexp.MustCompile(`(?i:project-access-token)` + assign + `(` + uuidRe + `)\b`),
				group:    1, minEntropy: 3.0, priority: prioContext,
			}),
		def("codecov-token", "Codecov upload token",
			"A Codecov repository or global upload token (a UUID) named for Codecov or passed to its uploader."+revoke,
			&pattern{
				keywords: []string{"codecov"},
				before:   4, after: 4,
				re:    regexp.MustCompile(`(?:(?i:token)` + assign + `|(?:^|\s)(?:-t|--token)[\s=]+["']?)` + `(` + uuidRe + `)\b`),
				group: 1, minEntropy: 3.0, priority: prioContext,
			}),
		def("gitlab-pat", "GitLab personal access token",
			"A GitLab personal, project or group access token (glpat-)."+revoke,
			prefixed("glpat-", `glpat-[A-Za-z0-9_-]{20,}`, 3.5)),
		def("digitalocean-token", "DigitalOcean access token",
			"A DigitalOcean personal access token (dop_v1_)."+revoke,
			prefixed("dop_v1_", `dop_v1_[a-f0-9]{64}`, 3.0)),
		def("docker-hub-pat", "Docker Hub personal access token",
			"A Docker Hub personal access token (dckr_pat_): it can push images as its owner."+revoke,
			prefixed("dckr_pat_", `dckr_pat_[A-Za-z0-9_-]{27}`, 3.5)),
		def("doppler-token", "Doppler service token",
			"A Doppler service token (dp.pt.)."+revoke,
			prefixed("dp.pt.", `dp\.pt\.[A-Za-z0-9]{43}`, 3.5)),
		def("sentry-auth-token", "Sentry organisation auth token",
			"A Sentry organisation auth token (sntrys_)."+revoke,
			prefixed("sntrys_", `sntrys_eyJ[A-Za-z0-9_=+/-]{40,}`, 4.0)),
		def("supabase-access-token", "Supabase personal access token",
			"A Supabase management API token (sbp_)."+revoke,
			prefixed("sbp_", `sbp_[a-f0-9]{40}`, 3.0)),
		def("databricks-token", "Databricks personal access token",
			"A Databricks personal access token (dapi)."+revoke,
			prefixed("dapi", `dapi[a-f0-9]{32}(?:-[0-9])?`, 3.0)),
		def("sendgrid-api-key", "SendGrid API key",
			"A SendGrid API key (SG.): it sends mail as the account."+revoke,
			prefixed("SG.", `SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`, 4.0)),
		def("shopify-token", "Shopify access token or shared secret",
			"A Shopify app access token or shared secret (shpat_, shpca_, shppa_, shpss_)."+revoke,
			prefixed("shpat_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shpss_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shpca_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shppa_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0)),
		def("postman-api-key", "Postman API key",
			"A Postman API key (PMAK-)."+revoke,
			prefixed("PMAK-", `PMAK-[a-f0-9]{24}-[a-f0-9]{34}`, 3.0)),
		def("linear-api-key", "Linear API key",
			"A Linear personal API key (lin_api_)."+revoke,
			prefixed("lin_api_", `lin_api_[A-Za-z0-9]{40}`, 4.0)),
		def("new-relic-user-key", "New Relic user API key",
			"A New Relic user API key (NRAK-)."+revoke,
			prefixed("NRAK-", `NRAK-[A-Z0-9]{27}`, 3.5)),
		def("pulumi-access-token", "Pulumi access token",
			"A Pulumi access token (pul-)."+revoke,
			prefixed("pul-", `pul-[a-f0-9]{40}`, 3.0)),
		def("age-secret-key", "age secret key",
			"An age encryption secret key (AGE-SECRET-KEY-1): it decrypts everything encrypted to its recipient."+revoke,
			prefixed("AGE-SECRET-KEY-1", `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`, 3.5)),
		def("telegram-bot-token", "Telegram bot token",
			"A Telegram Bot API token (bot id, colon, AA and 33 characters)."+revoke,
			&pattern{
				keywords: []string{":aa"},
				gate: func(text []byte, start, _ int) bool {
					return start >= 8 && isDigits(text[start-8:start])
				},
				re:    regexp.MustCompile(`(?:^|[^0-9A-Za-z_:-])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})` + end),
				group: 1, minEntropy: 3.5,
			}),

		// Keys and structured credentials
		def("private-key", "Private key (PEM)",
			"A PEM-encoded private key (RSA, EC, DSA, OpenSSH, PKCS#8, PGP). Whoever holds it can impersonate its owner, sign or decrypt."+revoke,
			&pattern{
				keywords: []string{"private key"},
				after:    220,
				gate: func(text []byte, _, end int) bool {
					rest := text[end:]
					return bytes.HasPrefix(rest, []byte("-----")) || bytes.HasPrefix(rest, []byte(" BLOCK-----"))
				},
				re:    regexp.MustCompile(`-----BEGIN[ A-Z0-9_-]{0,}PRIVATE KEY(?: BLOCK)?-----(?s:.)*?-----END[ A-Z0-9_-]{0,}PRIVATE KEY(?: BLOCK)?-----`),
				check: privateKeyCheck, noPlaceholder: true,
			}),
		def("jwt", "JSON Web Token in a credential context",
			"A signed JSON Web Token assigned to a token, key, secret or Authorization value. Long-lived JWTs (service-role keys, API keys) grant whatever their claims say until they expire."+revoke,
			&pattern{
				keywords: []string{"eyj"},
				gate:     jwtGate,
				re:       regexp.MustCompile(`(?:^|[^A-Za-z0-9_.-])(` + jwtRe + `)` + `(?:[^A-Za-z0-9_.-]|$)`),
				group:    1, minEntropy: 3.5, priority: prioContext,
				check: func(s string, line []byte) bool {
					return validJWT(s) && credentialContext(bytes.ReplaceAll(line, []byte(s), nil))
				},
			}),
		def("url-credentials", "Credentials in a URL",
			"A URL with a user name and a password (scheme://user:password@host), such as a database or registry connection string."+revoke,
			&pattern{
				keywords: []string{"://"},
				gate:     userinfoGate,
				re:       regexp.MustCompile(`\b[A-Za-z][A-Za-z0-9+.-]{1,30}://([^\s:/?#@"'\x60<>\[\]{}()\\]{1,}):([^\s/?#@"'\x60<>\\]{1,})@[A-Za-z0-9_.-]*[A-Za-z0-9]`),
				group:    2, priority: prioContext, noPlaceholder: true, testStrict: true,
				check: urlPasswordCheck,
			}),
		def("generic-secret", "Generic secret assigned to a credential name",
			"A random-looking value assigned to a name such as password, secret, token or api_key. Placeholders, variable references, identifiers, words and low-entropy values are not reported."+revoke,
			&pattern{
				keywords: genericKeywords,
				re: regexp.MustCompile(`(?i:([a-z0-9_.-]*?(?:password|passwd|pwd|passphrase|secret|token|(?:api|access|private|auth|secret|signing|encryption|master|app|session|account|shared[_.-]?access)[_.-]?key|credentials?|creds)s?(?:[_.-]?(?:str|string|value|val|b64|base64|hex|raw|[0-9]{1,3}))?))` +
					`\\?(?:["'\x60]\s*,|["'\x60]?\s*(?:=|:=|:|=>|>))\s*\\?["'\x60]?([^\s"'\x60,;()\[\]{}<>\\]{8,})`),
				group: 2, priority: prioGeneric, nameGroup: 1, testStrict: true,
				gate: assignGate, parse: parseAssignment,
				check: genericCheck,
			},
			&pattern{
				keywords: []string{"bearer"},
				re:       regexp.MustCompile(`(?i:authorization["']?\s*[:=]\s*["']?bearer|bearer)\s+([A-Za-z0-9_.~+/-]{20,}=*)`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: func(s string, _ []byte) bool {
					return !hasProviderPrefix(s) && looksRandom(s, 20)
				},
			},
			&pattern{
				// Docker config.json and .npmrc: base64 of user:password.
				keywords: []string{"auth"},
				gate:     assignGate,
				re:       regexp.MustCompile(`(?i:auth)["']?\s*[:=]\s*["']?([A-Za-z0-9+/]{12,}={0,2})`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: func(s string, _ []byte) bool {
					dec, err := base64.StdEncoding.DecodeString(s)
					if err != nil || !printable(dec) {
						return false
					}
					_, pw, ok := strings.Cut(string(dec), ":")
					return ok && !weakPasswords[strings.ToLower(pw)] && looksRandom(pw, 6)
				},
			},
			&pattern{
				// curl -u user:password, --user 'user:password'.
				keywords: []string{"-u ", "-u=", "--user ", "--user=", "-u'", "-u\""},
				gate: func(line []byte, start, _ int) bool {
					return indexFold(line[max(0, start-512):start], "curl") >= 0
				},
				re:    regexp.MustCompile(`(?:\s-u|--user)(?:=|\s*)["']?[^\s"':$]{1,64}:([^\s"'$]{3,})`),
				group: 1, priority: prioGeneric, testStrict: true,
				check: func(pw string, line []byte) bool {
					return !weakPasswords[strings.ToLower(pw)] && !isPlaceholder(pw) && looksRandom(pw, 6)
				},
			},
			&pattern{
				keywords: []string{"authorization"},
				re:       regexp.MustCompile(`(?i:authorization)\\?["']?\s*[:=]\s*\\?["']?(?i:token|basic)\s+([A-Za-z0-9_.~+/-]{12,}=*)`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: authorizationCheck,
			},
			&pattern{
				// Kubernetes env entries and similar: the name on one line
				// (or in one field), the value in the next.
				keywords: genericKeywords,
				after:    1,
				gate:     nameValueGate,
				re:       regexp.MustCompile(`(?i:name)\\?["']?\s*[:=]\s*\\?["']?[A-Za-z0-9_.-]*` + genericNames + `\\?["']?\s*,?\s*\n?\s*\{?\s*\\?["']?(?i:value)\\?["']?\s*[:=]\s*\\?["']?([^\s"'\x60,;()\[\]{}<>\\]{8,})`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: genericCheck,
			},
			&pattern{
				// Dockerfile ENV without "=", command-line flags.
				keywords: genericKeywords,
				gate:     envFlagGate,
				re:       regexp.MustCompile(`(?:(?i:ENV)\s+[A-Za-z0-9_]*|--[a-z0-9-]*)` + genericNames + `\s+["']?([^\s"'\x60,;()\[\]{}<>\\]{8,})`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: genericCheck,
			}),
	}
}

// genericNames matches the credential word that ends a name.
const genericNames = `(?i:password|passwd|pwd|passphrase|secret|token|(?:api|access|private|auth|secret|signing|encryption|master|app|session|account|shared[_.-]?access)[_.-]?key|credentials?|creds)s?`

var genericKeywords = func() []string {
	kws := []string{"password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "creds", "sharedaccesskey"}
	for _, w := range []string{"api", "access", "private", "auth", "secret", "signing", "encryption", "master", "app", "session", "account"} {
		for _, sep := range []string{"", "_", "-", "."} {
			kws = append(kws, w+sep+"key")
		}
	}
	return kws
}()

// nameValueGate passes a credential word on a line that names something
// (name: DB_PASSWORD).
func nameValueGate(line []byte, start, _ int) bool {
	return indexFold(line[max(0, start-256):start], "name") >= 0
}

// envFlagGate passes a credential word in a Dockerfile ENV line or a
// command-line flag, followed by a space.
func envFlagGate(text []byte, start, end int) bool { // text starts at the line
	i := end
	if i < len(text) && (text[i] == 's' || text[i] == 'S') {
		i++
	}
	if i >= len(text) || text[i] != ' ' {
		return false
	}
	head := bytes.TrimLeft(text[:start], " \t")
	return bytes.HasPrefix(head, []byte("ENV ")) || bytes.HasPrefix(head, []byte("env ")) ||
		bytes.Contains(text[max(0, start-256):start], []byte("--"))
}

// authorizationCheck judges the credential of an Authorization header:
// Basic credentials by their password, tokens by their randomness.
func authorizationCheck(s string, line []byte) bool {
	if hasProviderPrefix(s) {
		return false
	}
	if dec, err := base64.StdEncoding.DecodeString(s); err == nil && printable(dec) {
		if _, pw, ok := strings.Cut(string(dec), ":"); ok {
			return !weakPasswords[strings.ToLower(pw)] && looksRandom(pw, 6)
		}
	}
	return looksRandom(s, 16)
}

var awsKeyIDRe = regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`)

func awsSecretCheck(s string, _ []byte) bool {
	if isHex(s) || strings.Contains(strings.ToUpper(s), "EXAMPLE") {
		return false
	}
	var upper, lowerN, digit bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			upper = true
		case 'a' <= c && c <= 'z':
			lowerN = true
		case '0' <= c && c <= '9':
			digit = true
		}
	}
	return upper && lowerN && (digit || strings.ContainsAny(s, "+/"))
}

// credentialContext reports whether a line names a credential.
func credentialContext(line []byte) bool {
	for _, w := range [...]string{"token", "secret", "key", "auth", "bearer", "password", "passwd", "jwt", "credential", "session", "cookie"} {
		if indexFold(line, w) >= 0 {
			return true
		}
	}
	return false
}

func privateKeyCheck(block string, _ []byte) bool {
	body := block[strings.Index(block, "-----\n")+1:]
	if i := strings.Index(block[11:], "-----"); i >= 0 {
		body = block[11+i+5:]
	}
	if j := strings.LastIndex(body, "-----END"); j >= 0 {
		body = body[:j]
	}
	if strings.Contains(body, "...") || strings.Contains(body, "…") || strings.Contains(body, "xxxx") || strings.Contains(body, "XXXX") {
		return false
	}
	// Base64 characters of the body, ignoring headers, whitespace, escaped
	// newlines and string-concatenation noise.
	var b64 strings.Builder
	for _, ln := range strings.Split(strings.ReplaceAll(body, `\n`, "\n"), "\n") {
		if strings.Contains(ln, ":") { // Proc-Type, DEK-Info, Comment headers
			continue
		}
		for i := 0; i < len(ln); i++ {
			c := ln[i]
			if isAlnum(c) || c == '+' || c == '/' || c == '=' {
				b64.WriteByte(c)
			}
		}
	}
	s := b64.String()
	return len(s) >= 64 && entropy(s) >= 4.5
}

// weakPasswords are stand-in passwords of tutorials and local setups.
var weakPasswords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "secret": true, "changeme": true, "pwd": true, "admin": true,
	"root": true, "test": true, "postgres": true, "mysql": true, "guest": true, "user": true, "username": true,
	"example": true, "token": true, "foobar": true, "foo": true, "bar": true, "redis": true, "mongo": true,
}

func urlPasswordCheck(pw string, line []byte) bool {
	if weakPasswords[strings.ToLower(pw)] || isPlaceholder(pw) || strings.Contains(pw, "$") {
		return false
	}
	if strings.Contains(pw, "%") {
		dec, err := url.PathUnescape(pw)
		if err != nil {
			return false
		}
		if weakPasswords[strings.ToLower(dec)] || !looksRandom(dec, 6) {
			return false
		}
	}
	if strings.HasPrefix(pw, "%") || strings.HasSuffix(pw, "%") {
		return false
	}
	// The user name is just before the password; a password equal to it is a stand-in.
	i := bytes.Index(line, []byte(":"+pw+"@"))
	if i > 0 {
		j := bytes.LastIndex(line[:i], []byte("//"))
		if j >= 0 && strings.EqualFold(string(line[j+2:i]), pw) {
			return false
		}
	}
	if hasProviderPrefix(pw) && len(pw) > 20 {
		return true // a token used as a password (the provider rule usually wins)
	}
	return looksRandom(pw, 6)
}

// ignoredGenericNames are names ending in a credential word whose values
// are not secrets.
// They are compared lower-case with separators (_ - .) removed.
var ignoredGenericNames = []string{
	"pagetoken", "nexttoken", "continuationtoken", "csrftoken", "xsrftoken", "synctoken", "cursortoken",
	"maxtokens", "numtokens", "tokens", "secretref", "secretname", "idtokenhint", "resumetoken",
	"refreshtokenurl", "publictoken", "publickey", "publishablekey",
}

// genericNameIgnored reports whether a name's value is not a secret
// (pagination and CSRF tokens, public keys).
func genericNameIgnored(name string) bool {
	n := strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == '.' || r == '"' || r == '\'' {
			return -1
		}
		return unicode.ToLower(r)
	}, name)
	if strings.Contains(n, "public") || strings.Contains(n, "publishable") {
		return true
	}
	for _, ig := range ignoredGenericNames {
		if strings.HasSuffix(n, ig) {
			return true
		}
	}
	return false
}

var (
	pathLike = regexp.MustCompile(`^(?:/[A-Za-z0-9_.@-]+)+/?$`)
	// testModeKey: keys of payment providers' test modes (rzp_test_,
	// sk_test_, FLWSECK_TEST-), which cannot act on live data.
	testModeKey = regexp.MustCompile(`^(?i:[a-z]{2,8}[_-]test[_-])`)
	colonList   = regexp.MustCompile(`^[A-Za-z_]+(?::[A-Za-z_]+)+:?$`)
	snakeIdent  = regexp.MustCompile(`^(?:[a-z]+(?:_[a-z0-9]+)+|[A-Z]+(?:_[A-Z0-9]+)+)$`)
	plainWord   = regexp.MustCompile(`^[A-Za-z_$][A-Za-z_$]*$`)
)

var numericLiteral = regexp.MustCompile(`^[-+]?(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_.eE+-]*)[uUlLfF]*$`)

func genericCheck(v string, line []byte) bool {
	if isFingerprint(v, line) || quotedProse(v, line) {
		return false
	}
	if hasProviderPrefix(v) || strings.Contains(v, "://") || strings.HasPrefix(v, "./") ||
		strings.HasPrefix(v, "~/") || numericLiteral.MatchString(v) {
		return false
	}
	if pathLike.MatchString(v) || colonList.MatchString(v) || snakeIdent.MatchString(v) || testModeKey.MatchString(v) {
		return false
	}
	switch v[0] {
	case '-', '+', '*', '&', '!', '.', '|', '\\', '?', '#', '^', '=', ':', '@':
		// An operator before an identifier is code (+cmd.Dir, *ecdh.PublicKey, !tt.want).
		rest := strings.TrimLeft(v, "-+*&!.|\\?#^=:@")
		if rest == "" || codeRef(rest) || identifierLike(rest) || snakeIdent.MatchString(rest) ||
			len(rest) <= 10 && plainWord.MatchString(rest) {
			return false
		}
	}
	if isUUIDString(v) {
		return true // a UUID assigned to a credential name is a credential (Heroku, Railway, ...)
	}
	if !looksRandom(v, 8) {
		return false
	}
	// Base64 of readable text (Kubernetes Secret data): judge the text.
	if len(v)%4 == 0 && len(v) >= 8 {
		if dec, err := base64.StdEncoding.DecodeString(v); err == nil && printable(dec) {
			return looksRandom(string(dec), 6)
		}
	}
	return true
}

// isFingerprint reports whether v is the hash part of a finding fingerprint (rule-id:sha256), as written in
// ignore lists and reports: a kebab-case rule id, a colon, then v as 64 lower-case hex digits.
func isFingerprint(v string, line []byte) bool {
	if len(v) != 64 || !isHex(v) || strings.ToLower(v) != v {
		return false
	}
	at := bytes.Index(line, []byte(":"+v))
	if at <= 0 {
		return false
	}
	start := at
	for start > 0 {
		c := line[start-1]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			break
		}
		start--
	}
	id := line[start:at]
	return len(id) >= 3 && bytes.IndexByte(id, '-') > 0 && id[0] != '-'
}

// quotedProse reports whether v opens a quoted sentence ("needs a token to deploy, ..."): the value follows
// the opening quote and a space and a word follow it. Such a string is a message, not a credential.
func quotedProse(v string, line []byte) bool {
	at := bytes.Index(line, []byte(v))
	if at <= 0 || line[at-1] != '"' && line[at-1] != '\'' {
		return false
	}
	rest := line[at+len(v):]
	words := 0
	for _, w := range bytes.Fields(rest) {
		if len(w) > 0 && ('a' <= w[0] && w[0] <= 'z' || 'A' <= w[0] && w[0] <= 'Z') {
			words++
		}
		if bytes.ContainsAny(w, "\"'") {
			break
		}
	}
	return len(rest) > 1 && rest[0] == ' ' && words >= 2
}

func isUUIDString(s string) bool {
	return len(s) == 36 && uuidFull.MatchString(s)
}

var uuidFull = regexp.MustCompile(`^` + uuidRe + `$`)

func printable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return len(b) > 0
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// awsKeyIDGate passes a keyword hit that begins an upper-case AWS key ID.
func awsKeyIDGate(text []byte, start, end int) bool {
	if end+16 > len(text) || text[start] != 'A' || text[start+1] < 'A' || text[start+1] > 'Z' {
		return false
	}
	for _, c := range text[end : end+16] {
		if !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}

// jwtGate passes "eyJ" followed by base64url text and a dot.
func jwtGate(text []byte, start, end int) bool {
	if text[start+2] != 'J' || text[start] != 'e' || text[start+1] != 'y' {
		return false
	}
	for i := end; i < len(text) && i < end+2048; i++ {
		c := text[i]
		if c == '.' {
			return i-end >= 8
		}
		if !isTokenChar(c) {
			return false
		}
	}
	return false
}

// userinfoGate passes "://" followed by user:password@ before the path.
func userinfoGate(text []byte, _, end int) bool {
	colon := false
	for i := end; i < len(text) && i < end+400; i++ {
		switch text[i] {
		case ':':
			colon = true
		case '@':
			return colon
		case '/', ' ', '\t', '\n', '\r', '"', '\'', '<', '>', '`':
			return false
		}
	}
	return false
}

// assignGate passes a credential word that ends a name and is followed by
// an assignment: optional s, quote, spaces, then = : , or >.
func assignGate(text []byte, _, end int) bool {
	i := end
	if i < len(text) && (text[i] == 's' || text[i] == 'S') {
		i++
	}
	// An allowed name suffix: _str, String, Value, _b64, _2 ...
	j := i
	if j < len(text) && (text[j] == '_' || text[j] == '.' || text[j] == '-') {
		j++
	}
	k := j
	for k < len(text) && isAlnum(text[k]) && k-j < 8 {
		k++
	}
	if k > j && (k == len(text) || !isTokenChar(text[k]) && text[k] != '.') && nameSuffix(text[j:k]) {
		i = k
	}
	if i < len(text) && (isTokenChar(text[i]) || text[i] == '.') {
		return false // the keyword does not end the name
	}
	if i < len(text) && text[i] == '\\' {
		i++
	}
	if i < len(text) && (text[i] == '"' || text[i] == '\'' || text[i] == '`') {
		i++
	}
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i < len(text) && (text[i] == '=' || text[i] == ':' || text[i] == ',' || text[i] == '>')
}

// nameSuffix reports whether b may follow a credential word at the end of a
// name (the suffixes the generic regex accepts).
func nameSuffix(b []byte) bool {
	if isDigits(b) {
		return len(b) <= 3
	}
	switch strings.ToLower(string(b)) {
	case "str", "string", "value", "val", "b64", "base64", "hex", "raw":
		return true
	}
	return false
}

func isNameChar(c byte) bool { return isTokenChar(c) || c == '.' }

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// isValueChar is the character class of the generic rule's values.
func isValueChar(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v', '"', '\'', '`', ',', ';', '(', ')', '[', ']', '{', '}', '<', '>', '\\':
		return false
	}
	return true
}

// parseAssignment reads "name = value" around a credential keyword
// line[ks:ke] exactly as the generic rule's regular expression does, and
// returns the same submatch offsets: the match, the name, the value.
func parseAssignment(line []byte, ks, ke int) ([]int, bool) {
	ns := ks
	for ns > 0 && ks-ns < 256 && isNameChar(line[ns-1]) {
		ns--
	}
	// The name may end with a plural s and an allowed suffix; the regexp
	// tries the longest name first.
	ends := make([]int, 0, 4)
	for _, plural := range [2]bool{true, false} {
		i := ke
		if plural {
			if i >= len(line) || line[i]|0x20 != 's' {
				continue
			}
			i++
		}
		j := i
		if j < len(line) && (line[j] == '_' || line[j] == '.' || line[j] == '-') {
			j++
		}
		k := j
		for k < len(line) && isAlnum(line[k]) && k-j < 8 {
			k++
		}
		for e := k; e > j; e-- {
			if nameSuffix(line[j:e]) {
				ends = append(ends, e)
				break
			}
		}
		ends = append(ends, i)
	}
	for _, ne := range ends {
		if vs, ve, ok := parseValue(line, ne); ok {
			return []int{ns, ve, ns, ne, vs, ve}, true
		}
	}
	return nil, false
}

// parseValue reads the separator and the value after a name ending at i.
func parseValue(line []byte, i int) (vs, ve int, ok bool) {
	if i < len(line) && line[i] == '\\' {
		i++
	}
	quoted := false
	if i < len(line) && isQuote(line[i]) {
		i++
		quoted = true
	}
	for i < len(line) && isSpace(line[i]) {
		i++
	}
	if i >= len(line) {
		return 0, 0, false
	}
	switch line[i] {
	case ',':
		if !quoted {
			return 0, 0, false
		}
		i++
	case '=':
		i++
		if i < len(line) && line[i] == '>' {
			i++
		}
	case ':':
		i++
		if i < len(line) && line[i] == '=' {
			i++
		}
	case '>':
		i++
	default:
		return 0, 0, false
	}
	for i < len(line) && isSpace(line[i]) {
		i++
	}
	if i < len(line) && line[i] == '\\' {
		i++
	}
	if i < len(line) && isQuote(line[i]) {
		i++
	}
	vs = i
	for i < len(line) && isValueChar(line[i]) {
		i++
	}
	return vs, i, i-vs >= 8
}
