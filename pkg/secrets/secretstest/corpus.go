// Package secretstest generates a labelled corpus for testing secret
// scanners: format-valid fake credentials (GitHub and npm tokens with real
// CRC32 checksums, real PEM private keys, signed-looking JWTs, ...) planted in
// realistic files, and look-alike traps that must not be reported
// (placeholders, documented examples, test keys, hashes, bad checksums).
//
// The values are generated from a seed when the tests run and never
// committed, so the repository holds nothing a push-protection scanner would
// flag. No value can act on any real account.
package secretstest

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"hash/crc32"
	"math/rand/v2"
	"strings"
)

// Case is one file of the labelled corpus: a planted fake credential (Rule
// and Secret set) or a trap (Rule empty) that a scanner must not report.
type Case struct {
	Name   string // unique, never contains the secret
	Path   string // slash-separated, relative
	Text   string // the file's content
	Rule   string // the rule ID that must report Secret; empty for a trap
	Secret string // the planted value
	Also   string // a rule whose findings in this file are planted too (an AWS key ID next to its secret)
}

// Line is the 1-based line of the planted secret in c.Text (0 for a trap).
func (c Case) Line() int {
	i := strings.Index(c.Text, c.Secret)
	if c.Secret == "" || i < 0 {
		return 0
	}
	return 1 + strings.Count(c.Text[:i], "\n")
}

// Corpus returns the planted credentials (at least one for every built-in
// rule of package secrets, in realistic contexts) and the traps for one
// seed. The same seed gives the same corpus, except the RSA and EC private
// keys, whose generation the standard library randomises on purpose.
func Corpus(seed uint64) (positives, traps []Case) {
	g := NewGen(seed)
	positives = genPositives(g)
	traps = genTraps(g)
	return positives, traps
}

// The corpus's credentials are generated when the tests run, never
// committed: they are format-valid fakes (correct checksums and shapes) made
// from a seeded random source, so the repository itself holds no
// credential-shaped value that a push-protection or secret scanner flags.
// Alphabets of token bodies.
const (
	Alnum       = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	HexLower    = "0123456789abcdef"
	UpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	Base32      = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	B64         = Alnum + "+/"
	B64URL      = Alnum + "-_"
	Digits      = "0123456789"
	Bech32Upper = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
	Letters     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

// Gen generates fake credential material from a seed.
type Gen struct{ r *rand.Rand }

// NewGen returns a generator; the same seed gives the same values.
func NewGen(seed uint64) *Gen { return &Gen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

// IntN returns a number in [0, n).
func (g *Gen) IntN(n int) int { return g.r.IntN(n) }

// String returns n characters drawn from alphabet.
func (g *Gen) String(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.r.IntN(len(alphabet))]
	}
	return string(b)
}

// UUID returns a random version-4 UUID.
func (g *Gen) UUID() string {
	return g.String(HexLower, 8) + "-" + g.String(HexLower, 4) + "-4" + g.String(HexLower, 3) + "-a" + g.String(HexLower, 3) + "-" + g.String(HexLower, 12)
}

// GitHubToken returns prefix + 30 random characters + their checksum: a
// format-valid GitHub classic token (ghp_, gho_, ghu_, ghs_, ghr_) or npm
// token (npm_).
func (g *Gen) GitHubToken(prefix string) string {
	body := g.String(Alnum, 30)
	return prefix + body + Checksum(body)
}

// JWT returns an HS256 JWT with the given JSON payload and a random
// signature of sigLen characters.
func (g *Gen) JWT(payload string, sigLen int) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(payload)) + "." + g.String(B64URL, sigLen)
}

// Password returns a random password of n characters with symbols.
func (g *Gen) Password(n int) string {
	return g.passwordFrom(Alnum+"!#%&*+-=?@^_~", n)
}

// URLPassword returns a password as it appears in a URL (no reserved characters).
func (g *Gen) URLPassword(n int) string { return g.passwordFrom(Alnum+"-_.~!", n) }

func (g *Gen) passwordFrom(alphabet string, n int) string {
	for {
		p := g.String(alphabet, n)
		if policyPassword(p) {
			return p
		}
	}
}

// positives returns planted credentials for every built-in rule, each in
// one or more realistic contexts.
func genPositives(g *Gen) []Case {
	var out []Case
	add := func(rule, name, path, tmpl, secret string) {
		out = append(out, Case{Name: rule + "/" + name, Path: path, Rule: rule, Secret: secret,
			Text: strings.ReplaceAll(tmpl, "<<S>>", secret)})
	}
	for _, c := range []struct{ rule, prefix string }{
		{"github-pat", "ghp_"}, {"github-oauth", "gho_"}, {"github-app-token", "ghu_"},
		{"github-app-token", "ghs_"}, {"github-refresh-token", "ghr_"},
	} {
		add(c.rule, c.prefix+"env", ".env", "NODE_ENV=production\nGH_TOKEN=<<S>>\nPORT=8080\n", g.GitHubToken(c.prefix))
		add(c.rule, c.prefix+"go", "internal/client/github.go", "package client\n\nconst defaultToken = \"<<S>>\"\n", g.GitHubToken(c.prefix))
		add(c.rule, c.prefix+"url", "scripts/clone.sh", "#!/bin/sh\ngit clone https://<<S>>@github.com/rose/app.git\n", g.GitHubToken(c.prefix))
	}
	add("github-fine-grained-pat", "yaml", "deploy/values.yaml", "github:\n  token: <<S>>\n", "github_pat_"+g.String(Alnum, 22)+"_"+g.String(Alnum, 59))
	add("github-fine-grained-pat", "py", "tools/sync.py", "import requests\nHEADERS = {\"Authorization\": \"token <<S>>\"}\n", "github_pat_"+g.String(Alnum, 22)+"_"+g.String(Alnum, 59))
	inst := "ghs_" + g.String(Digits, 7) + "_" + g.JWT(`{"iss":"Iv1.8a61f9b3a7aba766","exp":1777777777,"installation":1234567}`, 342)
	add("github-installation-token", "env", "ci/env.sh", "export GITHUB_TOKEN=<<S>>\n", inst)
	add("github-installation-token", "random-jwt", "ci/token.txt", "token: <<S>>\n", "ghs_"+g.String(Digits, 6)+"_eyJ"+g.String(B64URL, 33)+"."+g.String(B64URL, 400)+"."+g.String(B64URL, 43))
	add("npm-access-token", "npmrc", ".npmrc", "//registry.npmjs.org/:_authToken=<<S>>\n", g.GitHubToken("npm_"))
	add("npm-access-token", "yaml", ".github/workflows/publish.yml", "env:\n  NPM_TOKEN: <<S>>\n", g.GitHubToken("npm_"))
	add("pypi-upload-token", "pypirc", ".pypirc", "[pypi]\nusername = __token__\npassword = <<S>>\n", "pypi-AgEIcHlwaS5vcmc"+g.String(B64URL, 150))
	add("aws-access-key-id", "creds", "aws/credentials", "[default]\naws_access_key_id = <<S>>\nregion = eu-west-1\n", "AKIA"+g.String(Base32, 16))
	add("aws-access-key-id", "asia", "config/sts.json", "{\"AccessKeyId\": \"<<S>>\", \"Expiration\": \"2026-01-01T00:00:00Z\"}\n", "ASIA"+g.String(Base32, 16))
	add("aws-secret-access-key", "creds", "aws/credentials2", "[default]\naws_secret_access_key = <<S>>\n", g.String(B64, 40))
	add("aws-secret-access-key", "properties", "src/main/resources/application.properties", "aws.access.key.id=AKIA"+g.String(Base32, 16)+"\naws.secret.access.key=<<S>>\n", g.String(B64, 40))
	out[len(out)-1].Also = "aws-access-key-id"
	add("aws-secret-access-key", "env", "deploy/.env.production", "AWS_SECRET_ACCESS_KEY=\"<<S>>\"\n", g.String(B64, 40))
	akid := "AKIA" + g.String(Base32, 16)
	add("aws-secret-access-key", "near-id", "src/s3.py", "s3 = boto3.client(\n    \"s3\",\n    \"AKID\",\n    \"<<S>>\",\n)\n", g.String(B64, 40))
	out[len(out)-1].Text = strings.ReplaceAll(out[len(out)-1].Text, "AKID", akid)
	out[len(out)-1].Also = "aws-access-key-id"
	add("slack-bot-token", "env", "bot/.env", "SLACK_BOT_TOKEN=<<S>>\n", "xoxb-"+g.String(Digits, 12)+"-"+g.String(Digits, 13)+"-"+g.String(Alnum, 24))
	add("slack-user-token", "py", "bot/app.py", "client = WebClient(token=\"<<S>>\")\n", "xoxp-"+g.String(Digits, 12)+"-"+g.String(Digits, 12)+"-"+g.String(Digits, 13)+"-"+g.String(HexLower, 32))
	add("slack-app-token", "env", "bot/.env.app", "SLACK_APP_TOKEN=<<S>>\n", "xapp-1-A0"+g.String(UpperDigits, 9)+"-"+g.String(Digits, 13)+"-"+g.String(HexLower, 64))
	add("slack-refresh-token", "json", "bot/tokens.json", "{\"refresh_token\": \"<<S>>\"}\n", "xoxe-1-"+g.String(UpperDigits, 146))
	add("slack-webhook-url", "yaml", ".github/workflows/notify.yml", "      - run: curl -X POST -d @payload.json <<S>>\n", "https://hooks.slack.com/services/T"+g.String(UpperDigits, 8)+"/B"+g.String(UpperDigits, 10)+"/"+g.String(Alnum, 24))
	add("discord-webhook-url", "py", "alerts/discord.py", "WEBHOOK = \"<<S>>\"\n", "https://discord.com/api/webhooks/"+g.String(Digits, 18)+"/"+g.String(B64URL, 68))
	add("discord-webhook-url", "env", "alerts/.env", "DISCORD_WEBHOOK_URL=<<S>>\n", "https://discordapp.com/api/webhooks/"+g.String(Digits, 19)+"/"+g.String(B64URL, 68))
	add("stripe-secret-key", "env", "billing/.env", "STRIPE_SECRET_KEY=<<S>>\nSTRIPE_PUBLISHABLE_KEY=pk_live_"+g.String(Alnum, 24)+"\n", "sk_live_51"+g.String(Alnum, 97))
	add("stripe-secret-key", "js", "billing/stripe.js", "const stripe = require('stripe')('<<S>>');\n", "sk_live_"+g.String(Alnum, 24))
	add("stripe-restricted-key", "rb", "billing/config.rb", "Stripe.api_key = '<<S>>'\n", "rk_live_"+g.String(Alnum, 24))
	add("google-api-key", "js", "web/firebase.js", "const firebaseConfig = {\n  apiKey: \"<<S>>\",\n  authDomain: \"rose-app.firebaseapp.com\",\n};\n", "AIza"+g.String(B64URL, 35))
	add("google-api-key", "url", "docs/maps.html", "<script src=\"https://maps.googleapis.com/maps/api/js?key=<<S>>&callback=init\"></script>\n", "AIza"+g.String(B64URL, 35))
	add("google-oauth-client-secret", "json", "auth/client_secret.json", "{\"web\":{\"client_id\":\"1234.apps.googleusercontent.com\",\"client_secret\":\"<<S>>\"}}\n", "GOCSPX-"+g.String(B64URL, 28))
	add("openai-api-key", "proj", "rose/llm.py", "openai.api_key = \"<<S>>\"\n", "sk-proj-"+g.String(B64URL, 74)+"T3BlbkFJ"+g.String(B64URL, 74))
	add("openai-api-key", "legacy", "rose/.env", "OPENAI_API_KEY=<<S>>\n", "sk-"+g.String(Alnum, 20)+"T3BlbkFJ"+g.String(Alnum, 20))
	add("openai-api-key", "svcacct", "rose/settings.toml", "[openai]\nkey = \"<<S>>\"\n", "sk-svcacct-"+g.String(B64URL, 74)+"T3BlbkFJ"+g.String(B64URL, 74))
	add("anthropic-api-key", "env", "rose/.env.anthropic", "ANTHROPIC_API_KEY=<<S>>\n", "sk-ant-api03-"+g.String(B64URL, 93)+"AA")
	add("anthropic-api-key", "py", "rose/claude.py", "client = anthropic.Anthropic(api_key=\"<<S>>\")\n", "sk-ant-api03-"+g.String(B64URL, 93)+"AA")
	add("anthropic-admin-key", "env", "ops/.env", "ANTHROPIC_ADMIN_KEY=<<S>>\n", "sk-ant-admin01-"+g.String(B64URL, 93)+"AA")
	add("groq-api-key", "env", "rose/.env.groq", "GROQ_API_KEY=<<S>>\n", "gsk_"+g.String(Alnum, 52))
	add("xai-api-key", "env", "rose/.env.xai", "XAI_API_KEY=<<S>>\n", "xai-"+g.String(Alnum, 80))
	add("elevenlabs-api-key", "env", "rose/voice.env", "ELEVENLABS_API_KEY=<<S>>\n", "sk_"+g.String(HexLower, 48))
	add("elevenlabs-api-key", "header", "rose/voice.py", "headers = {\"xi-api-key\": \"<<S>>\", \"Content-Type\": \"application/json\"}\n", g.String(HexLower, 32))
	add("together-api-key", "env", "rose/.env.together", "TOGETHER_API_KEY=<<S>>\n", "tgp_v1_"+g.String(B64URL, 43))
	add("together-api-key", "legacy", "rose/together.py", "TOGETHER_API_KEY = \"<<S>>\"\n", g.String(HexLower, 64))
	add("huggingface-token", "env", "ml/.env", "HF_TOKEN=<<S>>\n", "hf_"+g.String(Letters, 34))
	add("replicate-api-token", "env", "ml/.env.replicate", "REPLICATE_API_TOKEN=<<S>>\n", "r8_"+g.String(Alnum, 37))
	add("perplexity-api-key", "env", "ml/.env.pplx", "PPLX_API_KEY=<<S>>\n", "pplx-"+g.String(Alnum, 48))
	add("qdrant-api-key", "jwt", "rose/memory.py", "client = QdrantClient(\n    url=\"https://c0ffee00-1111-2222-3333-444455556666.eu-central-1-0.aws.cloud.qdrant.io:6333\",\n    api_key=\"<<S>>\",\n)\n",
		g.JWT(`{"access":"m","exp":1893456000}`, 43))
	add("qdrant-api-key", "env", "rose/.env.qdrant", "QDRANT_URL=https://rose.cloud.qdrant.io\nQDRANT_API_KEY=<<S>>\n", g.String(B64URL, 40))
	add("qdrant-api-key", "positional", "rose/vector.py", "client = QdrantClient(\"https://f00d.us-east4-0.gcp.cloud.qdrant.io:6333\", \"<<S>>\")\n",
		g.JWT(`{"access":"rw","exp":1893456000}`, 43))
	add("railway-token", "env", "deploy/.env.railway", "RAILWAY_TOKEN=<<S>>\n", g.UUID())
	add("railway-token", "workflow", ".github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - uses: rose/actions/railway-deploy@v1\n        with:\n          service: rose-production\n          token: <<S>>\n", g.UUID())
	add("railway-token", "header", "scripts/railway.sh", "curl https://backboard.railway.com/graphql/v2 \\\n  -H \"Project-Access-Token: <<S>>\" \\\n  -d @query.json\n", g.UUID())
	add("codecov-token", "env", "ci/.env.codecov", "CODECOV_TOKEN=<<S>>\n", g.UUID())
	add("codecov-token", "workflow", ".github/workflows/test.yml", "      - uses: codecov/codecov-action@v4\n        with:\n          token: <<S>>\n          files: coverage.xml\n", g.UUID())
	add("codecov-token", "cli", "ci/upload.sh", "./codecov -t <<S>> -f coverage.xml\n", g.UUID())
	add("gitlab-pat", "env", "ci/.env.gitlab", "GITLAB_TOKEN=<<S>>\n", "glpat-"+g.String(B64URL, 20))
	add("digitalocean-token", "tf", "infra/do.tfvars", "do_token = \"<<S>>\"\n", "dop_v1_"+g.String(HexLower, 64))
	add("docker-hub-pat", "sh", "ci/docker.sh", "echo <<S>> | docker login -u rosebot --password-stdin\n", "dckr_pat_"+g.String(B64URL, 27))
	add("doppler-token", "env", "ci/.env.doppler", "DOPPLER_TOKEN=<<S>>\n", "dp.pt."+g.String(Alnum, 43))
	add("sentry-auth-token", "env", "ci/.env.sentry", "SENTRY_AUTH_TOKEN=<<S>>\n", "sntrys_"+base64.RawStdEncoding.EncodeToString([]byte(`{"iat":1700000000.1,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"rose"}`))+"_"+g.String(Alnum, 43))
	add("supabase-access-token", "env", "ci/.env.supabase", "SUPABASE_ACCESS_TOKEN=<<S>>\n", "sbp_"+g.String(HexLower, 40))
	add("databricks-token", "py", "etl/job.py", "DATABRICKS_TOKEN = \"<<S>>\"\n", "dapi"+g.String(HexLower, 32))
	add("sendgrid-api-key", "env", "mail/.env", "SENDGRID_API_KEY=<<S>>\n", "SG."+g.String(B64URL, 22)+"."+g.String(B64URL, 43))
	add("shopify-token", "env", "shop/.env", "SHOPIFY_ACCESS_TOKEN=<<S>>\n", "shpat_"+g.String(HexLower, 32))
	add("postman-api-key", "env", "qa/.env", "POSTMAN_API_KEY=<<S>>\n", "PMAK-"+g.String(HexLower, 24)+"-"+g.String(HexLower, 34))
	add("linear-api-key", "env", "ops/.env.linear", "LINEAR_API_KEY=<<S>>\n", "lin_api_"+g.String(Alnum, 40))
	add("new-relic-user-key", "env", "ops/.env.nr", "NEW_RELIC_API_KEY=<<S>>\n", "NRAK-"+g.String(UpperDigits, 27))
	add("pulumi-access-token", "env", "infra/.env", "PULUMI_ACCESS_TOKEN=<<S>>\n", "pul-"+g.String(HexLower, 40))
	add("age-secret-key", "txt", "infra/age.key", "# created: 2026-01-01T00:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n<<S>>\n", "AGE-SECRET-KEY-1"+g.String(Bech32Upper, 58))
	add("telegram-bot-token", "py", "bot/telegram.py", "bot = telebot.TeleBot(\"<<S>>\")\n", g.String(Digits, 10)+":AA"+g.String(B64URL, 33))
	add("jwt", "bearer", "scripts/call.sh", "curl -H \"Authorization: Bearer <<S>>\" https://api.rose.ai/v1/chat\n", g.JWT(`{"sub":"svc-deploy","role":"admin","iat":1700000000}`, 43))
	add("jwt", "service-role", "web/.env.local", "SUPABASE_SERVICE_ROLE_KEY=<<S>>\n", g.JWT(`{"iss":"supabase","ref":"abcdefghijklmnop","role":"service_role","iat":1700000000,"exp":2000000000}`, 43))
	add("url-credentials", "postgres", "docker/.env.db", "DATABASE_URL=postgres://rose_app:<<S>>@db.prod.internal:5432/rose\n", g.URLPassword(18))
	add("url-credentials", "redis", "rose/cache.py", "REDIS = redis.from_url(\"rediss://default:<<S>>@rose-cache.upstash.io:6379\")\n", g.URLPassword(24))
	add("url-credentials", "amqp", "config/broker.yaml", "broker:\n  url: amqp://worker:<<S>>@mq.rose.internal:5672/vhost\n", g.URLPassword(16))
	add("generic-secret", "env", "rose/.env.local", "DEBUG=false\nDB_PASSWORD=<<S>>\n", g.Password(20))
	add("generic-secret", "json", "config/prod.json", "{\n  \"auth\": {\n    \"client_secret\": \"<<S>>\"\n  }\n}\n", g.String(Alnum, 32))
	add("django-secret-key", "py", "rose/settings.py", "SECRET_KEY = '<<S>>'\n", g.Password(50))
	add("mailgun-api-key", "yaml", "k8s/config.yaml", "mailgun:\n  api_key: <<S>>\n", g.String(HexLower, 32)+"-"+g.String(HexLower, 8)+"-"+g.String(HexLower, 8))
	add("generic-secret", "go", "internal/db/db.go", "var dbPassword = \"<<S>>\"\n", g.Password(16))
	add("generic-secret", "query", "scripts/hook.sh", "curl \"https://api.rose.ai/hook?api_key=<<S>>&event=deploy\"\n", g.String(Alnum, 32))
	add("generic-secret", "k8s-env", "k8s/deployment.yaml", "        env:\n          - name: STRIPE_WEBHOOK_SECRET\n            value: \"<<S>>\"\n", g.String(Alnum, 32))
	add("generic-secret", "json-escaped", "tests-data/payload.txt", "{\"body\": \"{\\\"api_key\\\": \\\"<<S>>\\\"}\"}\n", g.String(Alnum, 32))
	add("generic-secret", "dockerfile", "Dockerfile", "FROM python:3.12-slim\nENV API_TOKEN <<S>>\n", g.String(Alnum, 32))
	add("generic-secret", "cli-flag", "scripts/login.sh", "vault login --token <<S>> -address=https://vault.rose.internal\n", g.String(Alnum, 26))
	add("generic-secret", "auth-token-header", "scripts/api.sh", "curl -H 'Authorization: Token <<S>>' https://api.rose.ai/\n", g.String(HexLower, 40))
	add("generic-secret", "basic-auth", "scripts/basic.sh", "curl -H \"Authorization: Basic <<S>>\" https://registry.rose.ai/\n", base64.StdEncoding.EncodeToString([]byte("deploy:"+g.URLPassword(18))))
	add("azure-storage-account-key", "azure-storage", "config/appsettings.json", "{\"Storage\": \"DefaultEndpointsProtocol=https;AccountName=rosedata;AccountKey=<<S>>;EndpointSuffix=core.windows.net\"}\n", g.String(B64, 86)+"==")
	add("docker-config-auth", "docker-auth", "ci/docker-config.json", "{\"auths\": {\"ghcr.io\": {\"auth\": \"<<S>>\"}}}\n", base64.StdEncoding.EncodeToString([]byte("rosebot:"+g.URLPassword(20))))
	add("generic-secret", "name-suffix", "src/client.py", "backup_api_token_2 = \"<<S>>\"\n", g.String(Alnum, 40))
	add("generic-secret", "creds", "deploy/vars.sh", "creds = <<S>>\n", g.String(Alnum, 30))
	add("generic-secret", "hyphen-name", "deploy/app.yaml", "signing-key: <<S>>\n", g.String(Alnum+"-_.=", 64))
	add("generic-secret", "camel-suffix", "src/App.java", "String clientSecretValue=\"<<S>>\";\n", g.String(Alnum, 30))
	add("generic-secret", "B64-json", "src/session.js", "const access_token = '<<S>>';\n", base64.StdEncoding.EncodeToString([]byte(`{"u":"`+g.String(Alnum, 12)+`","n":"`+g.String(Alnum, 10)+`"}`)))
	add("generic-secret", "curl-user", "scripts/release.sh", "curl -s --user 'deploy:<<S>>' https://nexus.rose.internal/upload\n", g.URLPassword(16))
	add("slack-user-token", "xoxe-user", "bot/files.json", "{\"url\": \"https://files.slack.com/files-pri/x/image.png?t=<<S>>\"}\n", "xoxe-"+g.String(Digits, 13)+"-"+g.String(Digits, 13)+"-"+g.String(Digits, 13)+"-"+g.String(HexLower, 32))
	add("slack-user-token", "legacy-4", "bot/legacy.json", "{\"access_token\": \"<<S>>\"}\n", "xoxa-2-"+g.String(Digits, 9)+"-"+g.String(Digits, 11)+"-"+g.String(Digits, 13)+"-"+g.String(HexLower, 18))
	add("heroku-api-key", "heroku", "ops/heroku.sh", "export HEROKU_API_KEY=<<S>>\n", g.UUID())
	add("generic-secret", "xml", "app/web.config", "<add key=\"ApiToken\" value=\"x\" />\n<apiToken><<S>></apiToken>\n", g.String(Alnum, 28))

	// Private keys: real keys, generated from a derived source (key
	// generation reads a varying number of bytes; the main stream must not
	// depend on it, so that the corpus stays the same from run to run).
	kg := NewGen(g.r.Uint64())
	rsaKey, _ := rsa.GenerateKey(kg.r2(), 1024) //nolint:gosec // a fake key for the corpus: small keeps the tests fast
	rsaPEM := strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)})))
	add("private-key", "rsa", "deploy/id_rsa", "<<S>>\n", rsaPEM)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), kg.r2())
	ecDER, _ := x509.MarshalECPrivateKey(ecKey)
	ecPEM := strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecDER})))
	add("private-key", "ec", "certs/server.key", "<<S>>\n", ecPEM)
	_, edKey, _ := ed25519.GenerateKey(kg.r2())
	edDER, _ := x509.MarshalPKCS8PrivateKey(edKey)
	edPEM := strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edDER})))
	jsonPEM := strings.ReplaceAll(edPEM, "\n", `\n`)
	add("gcp-service-account-key", "gcp-json", "gcp/service-account.json", "{\n  \"type\": \"service_account\",\n  \"private_key_id\": \"0123\",\n  \"private_key\": \"<<S>>\\n\",\n  \"client_email\": \"ci@rose.iam.gserviceaccount.com\"\n}\n", jsonPEM)
	sshPEM := "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrap("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"+g.String(B64, 300), 70) + "\n-----END OPENSSH PRIVATE KEY-----"
	add("private-key", "openssh", "home/.ssh/id_ed25519", "<<S>>\n", sshPEM)
	return out
}

// r2 adapts the seeded source to io.Reader for key generation.
func (g *Gen) r2() *randReader { return &randReader{g.r} }

type randReader struct{ r *rand.Rand }

func (r *randReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

func wrap(s string, n int) string {
	var b strings.Builder
	for len(s) > n {
		b.WriteString(s[:n] + "\n")
		s = s[n:]
	}
	b.WriteString(s)
	return b.String()
}

// traps returns look-alikes that must not be reported.
func genTraps(g *Gen) []Case {
	var out []Case
	add := func(name, path, text string) {
		out = append(out, Case{Name: "trap/" + name, Path: path, Text: text})
	}
	sha := func() string { return g.String(HexLower, 40) }
	badGH := func(prefix string) string {
		for {
			t := prefix + g.String(Alnum, 36)
			if Checksum(t[4:34]) != t[34:] {
				return t
			}
		}
	}
	// Template and variable references.
	add("gha-secrets", ".github/workflows/ci.yml", "env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n  RAILWAY_TOKEN: ${{ secrets.RAILWAY_TOKEN }}\n  NPM_TOKEN: ${{secrets.NPM_TOKEN}}\n")
	add("gha-with-token", ".github/workflows/deploy2.yml", "      - uses: rose/actions/railway-deploy@v1\n        with:\n          token: ${{ secrets.RAILWAY_TOKEN }}\n          service: "+g.UUID()+"\n")
	add("shell-vars", "scripts/env.sh", "export API_KEY=$API_KEY\nexport DB_PASSWORD=\"${DB_PASSWORD}\"\nTOKEN=${TOKEN:-}\nSECRET=\"$(cat /run/secrets/app)\"\n")
	add("helm", "chart/templates/secret.yaml", "stringData:\n  password: {{ .Values.db.password | quote }}\n  token: {{ required \"token\" .Values.token }}\n")
	add("angle-placeholders", "README.md", "Set `OPENAI_API_KEY=<your-api-key>` and `api_key: \"<YOUR_KEY_HERE>\"`.\nRAILWAY_TOKEN=<railway-token>\n")
	add("xxxx", "docs/setup.md", "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nGITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\npassword: xxxxxxxxxxxx\n")
	add("ellipsis", "docs/tokens.md", "Your key looks like `sk-proj-...` and a GitHub token like `ghp_...`.\ntoken: \"ghp_...\"\napi_key = \"sk-ant-api03-...\"\n")
	add("aws-docs-example", "docs/aws.md", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
	add("stripe-test-keys", "billing/.env.test", "STRIPE_SECRET_KEY=sk_test_"+g.String(Alnum, 24)+"\nSTRIPE_RESTRICTED_KEY=rk_test_"+g.String(Alnum, 24)+"\n")
	add("stripe-publishable", "web/stripe.js", "const stripe = Stripe('pk_live_"+g.String(Alnum, 24)+"');\nconst test = Stripe(\"pk_test_"+g.String(Alnum, 24)+"\");\n")
	add("sha-pinned-actions", ".github/workflows/build.yml", "    steps:\n      - uses: actions/checkout@"+sha()+" # v4.2.2\n      - uses: actions/setup-go@"+sha()+" # v5\n      - uses: docker/login-action@"+sha()+"\n        with:\n          password: ${{ secrets.DOCKERHUB_TOKEN }}\n")
	integ := func() string { return "sha512-" + g.String(B64, 86) + "==" }
	add("package-lock", "package-lock.json", "{\n  \"packages\": {\n    \"node_modules/left-pad\": {\n      \"version\": \"1.3.0\",\n      \"integrity\": \""+integ()+"\"\n    }\n  }\n}\n")
	add("integrity-in-json", "web/assets-manifest.json", "{\"app.js\": {\"integrity\": \""+integ()+"\", \"token\": \""+integ()+"\"}}\n")
	add("yarn-lock", "yarn.lock", "left-pad@^1.3.0:\n  version \"1.3.0\"\n  integrity "+integ()+"\n")
	add("go-sum", "go.sum", "github.com/x/y v1.0.0 h1:"+g.String(B64, 43)+"=\ngithub.com/x/y v1.0.0/go.mod h1:"+g.String(B64, 43)+"=\n")
	add("go-sum-quoted", "docs/deps.md", "The checksum `h1:"+g.String(B64, 43)+"=` pins the module.\n")
	add("uuid-no-context", "rose/models.py", "DEFAULT_TENANT = \""+g.UUID()+"\"\nrequest_id = \""+g.UUID()+"\"\n")
	add("railway-ids", "deploy/.env.railway.ids", "RAILWAY_PROJECT_ID="+g.UUID()+"\nRAILWAY_SERVICE_ID="+g.UUID()+"\nRAILWAY_ENVIRONMENT_ID="+g.UUID()+"\n")
	add("codecov-yml", "codecov.yml", "codecov:\n  require_ci_to_pass: true\n  notify:\n    after_n_builds: 2\ncomment:\n  layout: \"reach,diff,flags\"\nflag_management:\n  default_rules:\n    carryforward: true\n    id: "+g.UUID()+"\n")
	add("git-shas", "CHANGELOG.md", "* fix parser ("+sha()+")\ncommit: "+sha()+"\nrevision = \""+sha()+"\"\n")
	add("sha-near-akia", "docs/iam.md", "The key AKIAIOSFODNN7EXAMPLE was rotated in commit "+sha()+".\n")
	add("base64-image", "web/logo.html", "<img alt=\"token icon\" src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA"+g.String(B64, 3000)+"==\">\n")
	add("base64-css", "web/style.css", ".key { background: url(data:image/svg+xml;base64,"+g.String(B64, 1200)+"); }\n")
	for _, p := range []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"} {
		add("bad-checksum-"+p, "config/gh-"+p[:3]+".env", "GITHUB_TOKEN="+badGH(p)+"\n")
	}
	add("bad-checksum-npm", ".npmrc.bad", "//registry.npmjs.org/:_authToken="+badGH("npm_")+"\n")
	add("fixture-says-example", "tests/fixtures/config.py", "# example credentials for the parser tests\napi_key = \""+g.String(Alnum, 32)+"\"  # example\n")
	add("example-file", "config/settings.example.yml", "database:\n  password: "+g.Password(16)+"\n")
	add("jwt-io-example", "tests/test_auth.py", "TOKEN = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\"\n")
	add("jwt-no-context", "tests/test_decode.py", "claims = decode(\""+g.JWT(`{"sub":"u1","iat":1700000000}`, 43)+"\")\n")
	add("jwt-anon", "web/.env.public", "NEXT_PUBLIC_SUPABASE_ANON_KEY="+g.JWT(`{"iss":"supabase","role":"anon","iat":1700000000}`, 43)+"\n")
	add("jwt-unsigned", "tests/test_none.py", "token = \""+base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`))+"."+base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x"}`))+".\"\n")
	add("pem-placeholder", "docs/tls.md", "```\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n```\n")
	add("pem-concat", "src/keys.js", "const pem = \"-----BEGIN PRIVATE KEY-----\\n\" + body + \"\\n-----END PRIVATE KEY-----\";\n")
	add("pem-public", "certs/server.pub", "-----BEGIN PUBLIC KEY-----\n"+wrap(g.String(B64, 392), 64)+"\n-----END PUBLIC KEY-----\n")
	add("pem-cert", "certs/ca.crt", "-----BEGIN CERTIFICATE-----\n"+wrap(g.String(B64, 900), 64)+"\n-----END CERTIFICATE-----\n")
	add("url-placeholders", "docker-compose.yml", "    environment:\n      DATABASE_URL: postgres://user:password@localhost:5432/db\n      ADMIN_URL: postgres://postgres:postgres@db:5432/postgres\n      GIT_URL: https://x-access-token:${GITHUB_TOKEN}@github.com/rose/app.git\n      MONGO: mongodb://admin:<password>@cluster0.mongodb.net\n      REDIS_URL: redis://:${REDIS_PASSWORD}@redis:6379/0\n      DOCS: https://user:pass@example.com/path\n")
	add("generic-code", "rose/auth.py", "password = os.environ[\"DB_PASSWORD\"]\ntoken = get_token()\nsecret_key = settings.SECRET_KEY\napi_key = config.get(\"api_key\")\n")
	add("generic-words", "rose/i18n/en.json", "{\"reset_password\": \"Reset your password\", \"password\": \"Password\", \"token_expired\": \"Your session token expired\"}\n")
	add("generic-numbers", "rose/config.py", "max_tokens = 4096\nPASSWORD_MIN_LENGTH = 12\ntoken_type = \"bearer\"\ntokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")\n")
	add("generic-weak", "docs/dev.md", "password: changeme\nDB_PASSWORD=password\nsecret: \"secret\"\n")
	add("pagination", "rose/api.py", "next_page_token = \""+g.String(B64URL, 40)+"\"\ncsrf_token = \""+g.String(B64URL, 32)+"\"\n")
	add("secret-names", "k8s/deploy.yaml", "        env:\n          - name: DB_PASSWORD\n            valueFrom:\n              secretKeyRef:\n                name: rose-db-credentials\n                key: password\n")
	add("slack-doc-webhook", "docs/slack.md", "SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n")
	add("google-placeholder", "web/.env.sample", "GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n")
	add("docker-digest", "deploy/compose.yml", "  image: node@sha256:"+g.String(HexLower, 64)+"\n  checksum: sha256:"+g.String(HexLower, 64)+"\n")
	add("aws-not-Base32", "tests/aws_test.go", "id := \"AKIA"+g.String("0189", 16)+"\"\n")
	add("aws-lowercase", "docs/note.txt", "akia"+strings.ToLower(g.String(Base32, 16))+" is not a key\n")
	add("hex-near-akia", "tests/fixtures/s3.json", "{\"key\": \"AKIAIOSFODNN7EXAMPLE\", \"etag\": \""+g.String(HexLower, 40)+"\"}\n")
	add("versions-ips", "rose/meta.py", "token_version = \"1.2.3\"\npassword_updated = \"2024-01-01T00:00:00Z\"\nsecret_host = \"10.0.0.12\"\n")
	add("openai-no-marker", "rose/.env.openai", "OPENAI_API_KEY=sk-"+g.String(Alnum, 48)+"\nOPENAI_PROJECT_KEY=sk-proj-"+g.String(B64URL, 120)+"\n")
	add("anthropic-no-AA", "rose/.env.claude", "ANTHROPIC_API_KEY=sk-ant-api03-"+g.String(B64URL, 93)+"BB\n")
	add("weak-passwords", "docker-compose.override.yml", "      POSTGRES_PASSWORD: P@ssw0rd\n      ADMIN_PASSWORD: \"Passw0rd!\"\n      DB_URL: postgres://app:Secret123@db:5432/app\n      ROOT_PW: \"letmein123\"\n      password: Welcome1!\n")
	add("slack-docs-token", "docs/slack-bot.md", "client = WebClient(token=\"xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy\")\n")
	add("identifiers", "internal/tlsutil/config.go", "\t\tPrivateKey:  testP256PrivateKey,\n\tconst fakeConnectionToken = \"X-Fake-Connection-Token\"\n\tcmd.Env = append(cmd.Env, \"PWD=\"+cmd.Dir)\n\tSecret: Bug4Secret{1},\n\tsharedSecret  func(*ecdh.PrivateKey, *ecdh.PublicKey)\n")
	add("crypto-test-vectors", "crypto/ecdh/ecdh_test.go", "\t\tPrivateKey: \""+g.String(HexLower, 64)+"\",\n\t\tSharedSecret: \""+g.String(HexLower, 64)+"\",\n")
	add("hpke-vectors", "crypto/hpke/testdata/vectors.json", "    \"shared_secret\": \""+g.String(HexLower, 64)+"\",\n    \"exporter_secret\": \""+g.String(HexLower, 96)+"\",\n")
	add("numeric-consts", "syscall/zerrors.go", "\tSIOCGLIFTOKEN                 = -0x3f879678\n\tMAX_TOKEN = 0x7fffffff\n")
	add("url-test-encoded", "net/url/url_test.go", "\t\t\"http://jane:p%40ssword@google.com\",\n\turl := \"http://My%20User:My%20Pass@dummy.faketld/\"\n")
	add("badge-tokens", "README.md", "[![codecov](https://codecov.io/gh/rose/app/branch/main/graph/badge.svg?token=1R1T61UNBQ)](https://codecov.io/gh/rose/app)\n[![Build](https://travis-ci.com/rose/app.svg?token=eGRFn5xdQ7p9yby3GVvc&branch=main)](https://travis-ci.com/rose/app)\n")
	add("code-values", "internal/keys/keys.go", "\t\tprivKey.PrivateKey = MarshalPKCS1PrivateKey(k)\n\t\t\t\t// username:password:uid:gid:gecos:home:shell\n\ttoken = base64.StdEncoding.EncodeToString(raw)\n")
	add("shields-badge", "docs/README.md", "[![Coverage](https://img.shields.io/codecov/c/github/rose/app?token=Nutf41gwoG)](https://app.codecov.io/gh/rose/app)\n")
	add("k8s-env-refs", "k8s/deploy2.yaml", "        env:\n          - name: DB_PASSWORD\n            value: \"$(DB_PASSWORD)\"\n          - name: API_TOKEN\n            valueFrom:\n              secretKeyRef: {name: api, key: token}\n")
	add("basic-weak", "docs/registry.md", "curl -H \"Authorization: Basic "+base64.StdEncoding.EncodeToString([]byte("admin:password"))+"\" http://localhost:5000/\n")
	add("cli-flag-vars", "scripts/deploy.sh", "vault login --token \"$VAULT_TOKEN\"\ndocker login --password-stdin --username rosebot\nmysql --password ${MYSQL_PASSWORD}\n")
	add("struct-literals", "yaml/scannerc.go", "\ttoken := yaml_token_t{\n\t*token = yaml_token_t{}\n\tsecret = SECRET_KEY_BASE_VALUE\n")
	add("docker-auth-weak", "docs/docker.md", "{\"auths\": {\"localhost:5000\": {\"auth\": \""+base64.StdEncoding.EncodeToString([]byte("user:password"))+"\"}}}\nauth: true\n")
	add("example-file-provider", "tests/fixtures/example_tokens.py", "TOKEN = \""+g.GitHubToken("ghp_")+"\"\n")
	add("public-names", "web/config.ts", "publicToken = \""+g.String(Alnum, 43)+"\"\nconst publishableKey = \""+g.String(Alnum, 32)+"\"\n")
	add("versions", "build.gradle", "API_VERSION=rc2.13.0_20240412-SNAPSHOT\nnotes = \"Maven - io.jsonwebtoken:jjwt-api-0.12.6\"\n")
	add("csrf-hyphen", "web/form.html", "<meta name=\"csrf-token\" content=\""+g.String(B64, 86)+"==\">\ncsrf-token="+g.String(B64, 86)+"==\n")
	add("auth-words", "config/security.yml", "oauth: true\nauth_method: \"client_secret_post\"\nauthorization: required\nauthor = \"dev.team@rose.ai\"\n")
	add("curl-vars", "scripts/ci.sh", "curl -u \"${USERNAME}:${PASSWORD}\" https://x\ncurl -i -u 'test:test' https://x\ncurl --user \"xxx:yyy\" https://x\ngo get -u golang.org/x/tools\nnc -u -l 41234\n")
	add("payment-test-keys", "billing/.env.sandbox", "RAZORPAY_KEY_SECRET=rzp_test_"+g.String(Alnum, 24)+"\nFLW_SECRET_KEY=FLWSECK_TEST-"+g.String(HexLower, 32)+"-X\nPAYSTACK_SECRET_KEY=sk_test_"+g.String(HexLower, 40)+"\n")
	add("openai-short", "docs/openai.md", "Keys start with sk- and look like sk-abc123.\n")
	add("minified", "web/app.min.js", "var t=function(e){return e.token||e.secret},n=t({token:a.b.c});function r(e){this.apiKey=e.apiKey}\n")
	add("inline-allow", "tests/fixtures/allowed.env", "API_TOKEN="+g.Password(20)+" # secret-scan:allow\n")
	add("lock-in-vendor", "vendor/github.com/x/y/creds.go", "const token = \""+g.Password(20)+"\"\n")
	add("node-modules", "node_modules/pkg/index.js", "module.exports = { secret: \""+g.Password(20)+"\" };\n")
	add("hash-names", "rose/cache.py", "password_hash = \"$2b$12$"+g.String(B64, 53)+"\"\nsecret_hash: "+g.String(HexLower, 64)+"\n")
	add("env-ref", "rose/app.js", "const token = process.env.GITHUB_TOKEN;\nconst secret = env.SECRET;\n")
	add("uuid-codecov-nontoken", ".github/workflows/cov.yml", "      - uses: codecov/codecov-action@v4\n        with:\n          files: coverage.xml\n          flags: unit\n      - run: echo "+g.UUID()+"\n")
	add("qdrant-no-key", "rose/qdrant.py", "client = QdrantClient(url=\"http://localhost:6333\")\ncollection_id = \""+g.UUID()+"\"\n")
	add("telegram-like", "docs/time.md", "at 1234567890:AAAA the clock ticks\n")
	add("k8s-secret-base64", "k8s/secret.yaml", "apiVersion: v1\nkind: Secret\ndata:\n  password: cGFzc3dvcmQ=\n  username: YWRtaW4=\n  api_token: Y2hhbmdlLW1lLXBsZWFzZQ==\n")
	add("example-comment-valid-ghp", "README.md", "# Example:\nexport GITHUB_TOKEN="+g.GitHubToken("ghp_")+"\n")
	add("example-inline-valid-npm", "docs/npm.md", "token = \""+g.GitHubToken("npm_")+"\"  // example value\n")
	add("private-key-word", "docs/security.md", "Never commit a private key. Rotate the private key yearly.\n")
	return out
}

// Checksum is the 6-character checksum of GitHub and npm tokens: the CRC32
// (IEEE) of the token body in base 62 (0-9A-Za-z), zero-padded.
func Checksum(body string) string {
	const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	v := crc32.ChecksumIEEE([]byte(body))
	var b [6]byte
	for i := 5; i >= 0; i-- {
		b[i] = base62[v%62]
		v /= 62
	}
	return string(b[:])
}

// policyPassword is what a password policy accepts: upper and lower case
// Letters and a digit, no '@' (it would end a URL's user information).
func policyPassword(p string) bool {
	return strings.ContainsAny(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strings.ContainsAny(p, "abcdefghijklmnopqrstuvwxyz") &&
		strings.ContainsAny(p, "0123456789") && !strings.Contains(p, "@")
}
