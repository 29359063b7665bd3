package secrets

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// badChecksum returns a GitHub-shaped token whose last six characters are
// not the CRC32 of its body: the shape of a token, not a token.
func badChecksum(g *secretstest.Gen, prefix string) string {
	tok := g.GitHubToken(prefix)
	last := tok[len(tok)-1]
	repl := byte('a')
	if last == 'a' {
		repl = 'b'
	}
	return tok[:len(tok)-1] + string(repl)
}

// TestNoiseClasses holds one synthetic line per class of noise seen on the
// full histories of public projects (docs/actions/secret-scan.md,
// "Precision"). The lines are shaped like the real ones, not copies of them:
// each class must stay silent, whatever its words.
func TestNoiseClasses(t *testing.T) {
	g := secretstest.NewGen(1010)
	bad := badChecksum(g, "ghp_")
	hex32 := g.String("0123456789abcdef", 32)
	rnd := g.String(secretstest.Alnum, 32)
	uuid := g.UUID()
	hex40 := g.String("0123456789abcdef", 40)
	d := newTestDetector(t, Config{})
	for _, tc := range []struct{ class, path, text string }{
		// A value a provider rule rejected is not reported again under another name.
		{"rejected-value", "ci.sh", "git clone https://build:" + bad + "@github.com/o/r.git\n"},
		{"rejected-value", "config.yml", "github_token: " + bad + "\n"},
		{"rejected-value", "app.env", "AUTH=Bearer " + bad + "\n"},
		{"rejected-value", "x.json", `{"password": "` + bad + `"}` + "\n"},
		// Dotted and kebab-case names.
		{"dotted-identifier", "src/theme.ts", "    { token: 'markup.heading', foreground: '000080', fontStyle: 'bold' },\n"},
		{"dotted-identifier", "themes/dark.json", `  {"token": "editor.lineHighlightBackground"},` + "\n"},
		{"dotted-identifier", "app.js", "  secret: \"connect-flash\",\n"},
		{"dotted-identifier", "app.py", "SECRET_KEY = 'django.contrib.sessions'\n"},
		// A user-name prefix that a program completes with a token.
		{"user-name-prefix", "lib/auth.js", "  GL_TOKEN: 'gitlab-ci-token:',\n"},
		{"user-name-prefix", "lib/auth.js", "  BITBUCKET_TOKEN: 'x-token-auth:',\n"},
		// Placeholders in the user information of URLs.
		{"url-placeholder", "internal/git/config.go", `// "https://gitlab-ci-token:SOME_TOKEN@gitlab.yourcompany.com/yourgroup/yourproject.git"` + "\n"},
		{"url-placeholder", "README", "git clone https://oauth2:YOUR_ACCESS_TOKEN@gitlab.com/group/project.git\n"},
		{"url-placeholder", "deploy.sh", "git push https://x-access-token:${GH_TOKEN}@github.com/o/r.git\n"},
		// Paths and type names of code read as "credentials: <value>".
		{"code-path", "src/main.rs", "use windows_sys::Win32::Security::Credentials::CredDeleteW;\n"},
		{"code-path", "src/auth.rs", "        _ => Err(cargo_credential::Error::NotFound),\n"},
		{"code-path", "src/auth.rs", "    static CARGO_CREDENTIAL_STORE: std::sync::OnceLock<Store> = std::sync::OnceLock::new();\n"},
		{"code-path", "src/glob.rs", "                Token::RecursiveSuffix => {\n"},
		{"code-path", "src/git.rs", "    move |action: gix::protocol::credentials::helper::Action| {\n"},
		{"code-path", "src/lex.cc", "  case Token::StringLiteral: return parse();\n"},
		// Identifiers with acronyms and short words.
		{"identifier", "ui/view.js", "    'keyup #input_apiKey'           : 'showCustomOnKeyup',\n"},
		{"identifier", "lexers/builtins.py", "    token_types = ['ASAuthorizationAppleIDProvider', 'NSURLCredentialStorage']\n"},
		{"identifier", "src/kinds.ts", "const secretKind: SecretKindIdentifier = 'clientCertificate'\n"},
		// A translation: a word in another language.
		{"translation", "static/lang/es.js", `    "Password":"Contraseña",` + "\n"},
		// A path of names.
		{"path", "README.md", "$ docker run -v `pwd`:/data:ro some/image rg PATTERN\n"},
		{"path", "compose.yml", "      - ./secrets:/run/secrets:ro\n"},
		// Public client keys (DocSearch's search-only key).
		{"public-key", "docs/_templates/sidebar.html", "<script>docsearch({\n  apiKey: '" + hex32 + "',\n  indexName: 'project',\n});</script>\n"},
		// A status badge's read-only token in a README.
		{"badge-token", "README.md", "# project [![CircleCI](https://circleci.com/gh/o/r.svg?style=svg&circle-token=" + hex32[:8] + hex32 + ")](https://circleci.com/gh/o/r)\n"},
		// The example of a documentation page.
		{"doc-example", "src/doc/registries.md", "It has a separate table for each registry, for example:\n\n```toml\n[registries.my-registry]\ntoken = \"" + rnd + "\"\n```\n"},
		// The OAuth RFCs' examples, found in every OAuth library's docstrings.
		{"rfc-example", "oauth1/parameters.py", "        oauth_token=\"ad180jjd733klru7\",\n"},
		{"rfc-example", "oauth2/tokens.py", `        "access_token":"2YotnFZFEjr1zCsicMWpAA",` + "\n"},
		// Frameworks' documented examples, copied into the projects built on them.
		{"framework-example", "docs/api/auth.md", "The view returns JSON:\n\n    { 'token' : '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b' }\n"},
		{"framework-example", "README.md", "curl -H 'Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b' http://localhost:8000/api/\n"},
		{"framework-example", "app/__init__.py", "app.secret_key = 'A0Zr98j/3yX R~XHH!jmN]LWX/,?RT'\n"},
		{"framework-example", "docs/tutorial/deploy.rst", "    SECRET_KEY = '192b9bdd22ab9ed4d12e236c78afcb9a393ec15f71bbf5dc987d54727823bcbf'\n"},
		{"framework-example", "docs_src/security/jwt.py", `SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"` + "\n"},
		// Validation rules of a form's password field.
		{"validation-rules", "app/Http/Requests/RegisterRequest.php", "            'password' => 'required|confirmed|min:12',\n"},
		{"validation-rules", "app/forms.php", "    'new_password' => 'required|string|between:8,64',\n"},
		// A stand-in that asks to be changed, in an environment file.
		{"instruction", "backend/.env", "FIRST_SUPERUSER_PASSWORD=changethis\nPOSTGRES_PASSWORD=change_this\n"},
		// Percent-escaped control characters: a URL parser's test data.
		{"escaped-control", "src/jvmTest/kotlin/UrlTest.kt", `    "http://u%0D%0A%09%20v:p%0D%0A%0C%09%20q@host",` + "\n"},
		// A value shortened for display.
		{"elided", "README.de.md", "    echo \"export SESSION_SECRET=" + hex32[:7] + "...snip..." + hex32[20:] + "\" >> ~/.bashrc\n"},
		{"elided", "README.md", "export SESSION_SECRET=" + hex32[:7] + "...etc..." + hex32[22:] + "\n"},
		// Minified code: an unquoted value is an expression.
		{"minified-code", "dist/client.min.js", `!function(e,t){var n=new Request(t,{body:i,credentials:_?y:void 0});"password"===g||d.trim&&l()}(this);` + "\n"},
		{"minified-code", "static/app.js", strings.Repeat("a.b=c(d);", 120) + "x={method:o,credentials:u?p:void 0};" + strings.Repeat("a.b=c(d);", 120) + "\n"},
		// Syntax-highlighting scopes that repeat an abbreviation.
		{"dotted-identifier", "plugins/ace/mode-svg.js", `    {token : "punctuation.xml-decl.xml", regex : "<\\?xml"},` + "\n"},
		{"dotted-identifier", "plugins/ace/mode-svg.js", `    {token : "xml-pe.xml", regex : "[-_a-zA-Z0-9:]+"},` + "\n"},
		// An Amazon Resource Name of a secret, not the secret.
		{"arn", "k8s/external-secret.yaml", "        key: arn:aws:secretsmanager:eu-west-1:210987654321:secret:rds!db-" + uuid + "-Xq3kPz   # the master user\n"},
		{"arn", "terraform/main.tf", `  secret_arn = "arn:aws:secretsmanager:us-east-2:210987654321:secret:prod/api-` + rnd[:6] + `"` + "\n"},
		// The id under which a CI server stores a credential.
		{"credential-id", "Jenkinsfile", "        REGISTRY_CREDENTIALS = '" + uuid + "'\n"},
		{"credential-id", "Jenkinsfile", "        sshagent(credentials: '" + uuid + "') {\n"},
		{"credential-id", "Jenkinsfile", "        DOCKERHUB_CREDS = \"" + uuid + "\"\n"},
		// A class or method name read after a provider's name.
		{"provider-identifier", "src/Notifications/Manager.php", "use Nexmo\\Client\\Credentials\\Basic as NexmoCredentials;\n"},
		{"provider-identifier", "tools/reporter.js", "jasmine.BrowserStackReporter = BrowserStackReporter;\n"},
		// A provider's name inside another word (atera in "lateral").
		{"name-in-word", ".php-cs-fixer.cache", `{"hashes":{"src\/Query\/JoinLateralClause.php":"` + hex32 + `"}}` + "\n"},
		// A credential word as an element of a list of strings.
		{"list-element", "pg_hba.conf", `# METHOD can be "trust", "reject", "md5", "password", "scram-sha-256",` + "\n"},
		{"list-element", "build/deps.toml", `  packages = [".","codes","credentials","grpclb/grpc_lb_v1","grpclog"]` + "\n"},
		// A value under a sentence that announces an example.
		{"doc-example", "app/auth.py", "    Clients send the key in the \"Authorization\" header.  For example:\n\n        Authorization: Token " + hex40 + "\n"},
		{"doc-example", "site/auth/index.html", "<p>Send the key in a header.  For example:</p>\n<pre><code>Authorization: Token " + hex40 + "\n</code></pre>\n"},
		// A session at an interpreter's prompt, in documentation or a docstring.
		{"repl-session", "lib/app/token.ex", "      iex> secret     = \"" + rnd + "\"\n"},
		{"repl-session", "docs/sessions.md", "    >>> s = Store(session_key=\"" + hex32 + "\")\n"},
		// Copies of documentation and code that tools generate.
		{"generated-copy", "site/search/search_index.json", `{"docs":[{"text":"Send the header Authorization: Token ` + hex40 + ` with each request"}]}` + "\n"},
		{"generated-copy", "htmlcov/app_auth.html", "<p class='pln'><span class='str'>api_key = '" + rnd + "'</span></p>\n"},
		// Lock files (skipped, as package-lock.json is): names, versions and hashes.
		{"lockfile", "Gopkg.lock", `  packages = [".","codes","credentials","grpclb/grpc_lb_v1","grpclog"]` + "\n"},
		// An instruction in place of a value.
		{"instruction", "docker-compose.yml", `      #     POSTGRES_PASSWORD: "ChangeThisToSomethingDifferent!"` + "\n"},
		{"instruction", "config/app.yml", "  secret_token: ChangeThisBeforeDeploying!\n"},
		// A value that is another assignment.
		{"assigned-value", "blog/tests.py", `        #     "editor", "editor@example.com", "password", is_staff=True` + "\n"},
		{"assigned-value", "site/search_index.json", `{"text":"In gradle.properties: signing.keyId=ABCD1234 signing.password= signing.secretKeyRingFile=/Users/jdoe/.gnupg/secring.gpg"}` + "\n"},
		// Words typed as a password in documentation.
		{"doc-typed-password", "README.md", "  auth: {\n    username: 'jdoe',\n    password: 'm0nkeyBus1ness'\n  },\n"},
		{"doc-typed-password", "docs/topics/db.txt", "            \"PASSWORD\": \"extraPriv@te\",\n"},
		// A reStructuredText literal block introduced as an example.
		{"doc-example", "docs/topics/db.txt", "The following is an example ``settings.py`` snippet::\n\n    DATABASES = {\n        \"users\": {\n            \"PASSWORD\": \"" + rnd + "\",\n"},
		// A digest of a secret under a name that says so (a detect-secrets baseline, a users table).
		{"hashed-name", ".secrets.baseline", "      {\n        \"hashed_secret\": \"" + hex40 + "\",\n        \"is_verified\": false,\n"},
		{"hashed-name", "db/seed.yml", "  hashedPassword: " + hex32 + "\n"},
		{"hashed-name", "app/models.py", "DIGEST_TOKEN = '" + hex40 + "'\n"},
		{"hashed-name", "config/app.env", "API_KEY_CHECKSUM_SECRET=" + hex32 + "\n"},
		// Names of code after a provider's name: a hook in a list, a class
		// name as long as a key.
		{"provider-identifier", "tests/hooks.py", "        names = [u'asana', u'bugherd', u'buddycloud', u'deployhookcsharp2scala', u'flowdock']\n"},
		// Tokens that identify a request, not a client: idempotency tokens,
		// a REST client's request id, .NET's cancellation tokens.
		{"request-token", "docs/reference/waf.rst", "            'ChangeToken': '" + uuid + "',\n"},
		{"request-token", "docs/reference/gateway.rst", "Content-Type: application/json Cache-Control: no-cache Postman-Token: " + uuid + "\n"},
		{"request-token", "app/provision.py", "    ClientRequestToken='" + rnd + "',\n"},
		{"request-token", "app/logs.py", "    kwargs = {'logGroupName': group, 'sequenceToken': '" + rnd + "'}\n"},
		{"request-token", "api/client.go", `	next := "https://api.service.net/v1/items?$skiptoken=` + rnd + `"` + "\n"},
		{"request-token", "src/Client.cs", "    public Task RunAsync(CancellationToken cancellationToken = " + rnd + ")\n"},
		// Anti-forgery tokens of web forms, handed to every visitor.
		{"form-token", "scrape/testdata/settings.html", `<form action="/settings" method="post"><input type="hidden" name="authenticity_token" value="` + rnd + rnd[:20] + `==" /></form>` + "\n"},
		{"form-token", "spec/session_spec.rb", `    post :create, params: { "authenticity_token"=>"` + rnd + `" }` + "\n"},
		{"form-token", "templates/login.html", `<input type="hidden" name="csrfmiddlewaretoken" value="` + rnd + `">` + "\n"},
		// Vendors' documented examples in a form body: the value ends at
		// the next pair.
		{"vendor-example", "tests/signature/test_verifier.py", `    body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T0ABC1DEF&team_domain=demo&command=%2Fdeploy"` + "\n"},
		{"vendor-example", "app/config.py", "SLACK_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5'\n"},
		{"vendor-example", "stripe/conf.py", "api_key = os.environ.get('STRIPE_API_KEY', 'tGN0bIwXnHdwOa85VABjPdSn8nWY7G7I')\n"},
		// An AWS Signature Version 4 credential scope in a presigned URL.
		{"sigv4-scope", "client/download.py", `url = "https://objects.cdn-host.net/a/1?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=releaseassets%2F20240101%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z"` + "\n"},
		// A command's option spec that names where a secret comes from.
		{"option-spec", "docs/build.md", "# Build with: docker build --secret id=npm_token,src=.npmrc .\n"},
		{"option-spec", "Makefile", "\tdocker buildx build --secret id=pypi_password,env=PYPI_PASSWORD .\n"},
		// Type annotations and calls of code.
		{"type-annotation", "lib/repo.pyi", "        vcs_password: _NotSetType = ...,\n"},
		{"type-annotation", "lib/client.py", "        password: typing.Optional[typing.Union[str, bytes]] = None,\n"},
		{"type-annotation", "lib/auth.py", "        password: typing.Union[str, bytes],\n"},
		{"type-annotation", "src/auth.ts", "    private readonly apiSecret: SecretProvider = loadProvider();\n"},
		{"keyword-argument", "lib/cli.py", `    password = click.prompt("Password", hide_input=True)` + "\n"},
		{"snake-identifier", "const.go", `	authSHA512Password    = "sha512_password"` + "\n"},
		// A password typed as words in documentation, in a store's format.
		{"doc-typed-password", "README.md", "    machine api.example.org login octo password h4ck3rm4n!\n"},
		{"doc-typed-password", "docs/upload.md", "[pypi]\nusername = octo\npassword = Tulip-Garden42\n"},
		// A common password split by punctuation.
		{"split-common-password", "pgconn/config.go", "	// the port position can hold a password (postgres://u:sec:ret@h\n"},
	} {
		t.Run(tc.class, func(t *testing.T) {
			wantNone(t, d, tc.class, tc.path, tc.text)
		})
	}
}

// TestNoiseClassesKeepSecrets are the lines of TestNoiseClasses with a real
// credential in place of the noise: the filters must not swallow them.
func TestNoiseClassesKeepSecrets(t *testing.T) {
	g := secretstest.NewGen(1011)
	good := g.GitHubToken("ghp_")
	rnd := g.String(secretstest.Alnum, 32)
	pw := g.URLPassword(20)
	hex := g.String("0123456789abcdef", 64)
	uuid := g.UUID()
	svc := g.String(secretstest.Alnum, 16)
	d := newTestDetector(t, Config{})
	for _, tc := range []struct{ name, path, text, rule string }{
		{"checked-token-in-url", "ci.sh", "git clone https://build:" + good + "@github.com/o/r.git\n", "github-pat"},
		{"checked-token", "config.yml", "github_token: " + good + "\n", "github-pat"},
		{"random-token", "src/theme.ts", "    { token: '" + rnd + "' },\n", "generic-secret"},
		{"random-secret-with-dots", "app.js", "  secret: \"" + rnd[:12] + "." + rnd[12:] + "\",\n", "generic-secret"},
		{"url-password", "deploy.sh", "DATABASE_URL=postgres://app:" + pw + "@db.internal:5432/app\n", "url-credentials"},
		{"readme-without-example", "README.md", "Deploy with:\n\n```sh\nexport API_KEY=" + rnd + "\n```\n", "generic-secret"},
		{"site-key-elsewhere", "settings.py", "API_KEY = '" + rnd + "'\n", "generic-secret"},
		{"circleci-token-in-config", "ci.sh", "CIRCLE_TOKEN=" + g.String("0123456789abcdef", 40) + "\n", "circleci-token"},
		{"whole-value", "README.md", "export SESSION_SECRET=" + hex + "\n", "generic-secret"},
		{"quoted-in-minified", "dist/client.min.js", `!function(e,t){var n={password:"` + pw + `"};"password"===g||d.trim&&l()}(this);` + "\n", "generic-secret"},
		{"secret-next-to-arn", "k8s/secret.yaml", "  arn: arn:aws:iam::210987654321:user/ci\n  secret_key: " + rnd + "\n", "generic-secret"},
		{"uuid-password", "Jenkinsfile", "        REGISTRY_PASSWORD = '" + uuid + "'\n", "generic-secret"},
		{"provider-key", "src/Notifications/Manager.php", "$basic = new \\Nexmo\\Client\\Credentials\\Basic('" + hex[:8] + "', '" + svc + "');\n", "vonage-api-secret"},
		{"provider-name-as-word", "config.json", `{"ATERA_API_KEY": "` + g.String("abcdefghijklmnopqrstuvwxyz0123456789", 32) + `"}` + "\n", "atera-api-key"},
		{"verb-then-random", "config/app.yml", "  secret_token: Set" + rnd + "\n", "generic-secret"},
		{"padded-base64", "app.properties", "signing.key=" + rnd[:30] + "==\n", "generic-secret"},
		{"doc-url-dotted-host", "README.md", "DATABASE_URL=postgres://app:" + pw + "@db.rose.internal:5432/app\n", "url-credentials"},
		{"percent-escaped-random", "deploy/app.env", "APP_SECRET=" + rnd[:10] + "%2F" + rnd[10:20] + "%2B" + rnd[20:] + "\n", "generic-secret"},
		{"user-hash-in-app", "src/main/webapp/WEB-INF/security.xml", "    <user name=\"ops\" password=\"" + hex[:40] + "\" authorities=\"ROLE_ADMIN\" />\n", "generic-secret"},
		{"bcrypt-row-in-app", "db/seed.sql", "INSERT INTO users VALUES('ops','$2a$10$" + g.String("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 53) + "',TRUE);\n", "password-hash"},
		{"keyboard-run-outside-docs", "config/bot.py", "BOT_TOKEN = '" + rnd[:10] + "asdf" + rnd[10:] + "'\n", "generic-secret"},
		{"counted-down-in-code", "config/aws.yml", "secret_access_key: ZYXCBA987543210\n", "generic-secret"},
		{"generated-in-ci-template", "lib/generators/app/templates/github/ci.yml.tt", "          DEPLOY_TOKEN: " + rnd + "\n", "generic-secret"},
		{"password-with-at", "deploy/settings.py", "DB_PASSWORD = 'Kestrel@harbour" + rnd[:4] + "'\n", "generic-secret"},
		{"doc-comment-value", "src/Client.php", "     * @var string $token = '" + rnd + "'\n", "generic-secret"},
		{"code-in-lang-folder", "bindings/lang/python/settings.py", "API_SECRET = '" + rnd + "'\n", "generic-secret"},
		{"integration-test-profile", "src/main/resources/application_it.properties", "spring.datasource.password=Tulip-Garden42\n", "generic-secret"},
		{"authkey-of-an-api", "client.js", "fetch(`https://api.rose.internal/v1/chat?hl=en&authkey=" + rnd + "`)\n", "generic-secret"},
		{"session-key-in-clear", "web.config", `<machineKey sessionKey="` + base64.StdEncoding.EncodeToString([]byte(rnd+hex)) + `" />` + "\n", "generic-secret"},
		{"pair-in-call", "app/config.py", `settings.set("password", "` + rnd + `")` + "\n", "generic-secret"},
		{"pair-in-list", "app/headers.js", `const headers = [["content-type", "json"], ["token", "` + rnd + `"]];` + "\n", "generic-secret"},
		{"sentence-without-example", "app/auth.py", "    Clients send this key in the header:\n\n        Authorization: Token " + hex[:40] + "\n", "generic-secret"},
		{"prompt-later-on-line", "app/settings.py", "API_KEY = '" + rnd + "'  # >>> marks the prompt\n", "generic-secret"},
		{"provider-key-in-search-index", "site/search/search_index.json", `{"docs":[{"text":"token ` + good + `"}]}` + "\n", "github-pat"},
		{"pipe-in-password", "app/config.php", "    'password' => '" + pw[:8] + "|" + pw[8:] + "',\n", "generic-secret"},
		{"typed-password-in-env", "backend/.env", "POSTGRES_PASSWORD=Tulip-Garden42\n", "env-file-password"},
		{"escaped-symbol-in-url-password", "deploy.sh", "DATABASE_URL=postgres://app:" + pw[:10] + "%40" + pw[10:] + "@db.internal:5432/app\n", "url-credentials"},
		{"hash-secret-is-a-secret", "config/app.env", "HASH_SECRET=" + rnd + "\n", "generic-secret"},
		{"hex-secret", "app/settings.py", "hex_secret = '" + hex[:40] + "'\n", "generic-secret"},
		{"hex-secret-near-aws-key-id", "app/settings.py", "signing_secret = '" + hex[:40] + "'\naws_access_key_id = 'AKIAIOSFODNN7EXAMPLE'\n", "generic-secret"},
		{"hex-aws-named-secret", "app/settings.py", "aws_secret_key = '" + hex[:40] + "'\n", "generic-secret"},
		{"random-in-doc-txt", "docs/topics/db.txt", "Configure the database::\n\n    PASSWORD = '" + rnd + "'\n", "generic-secret"},
		{"client-token-with-a-word-before", "deploy/app.env", "APP_CLIENT_TOKEN=\"" + rnd + "\"\n", "generic-secret"},
		{"exchange-token", "app/settings.py", "exchange_token = '" + rnd + "'\n", "generic-secret"},
		{"token-in-form-body", "app/hook.py", `body = "token=` + rnd + `&team_id=T0ABC1DEF&command=%2Fdeploy"` + "\n", "generic-secret"},
		{"generated-password-in-doc-netrc", "README.md", "    machine api.example.org login octo password " + rnd + "\n", "netrc-password"},
		{"generated-password-in-doc-pypirc", "docs/upload.md", "[pypi]\nusername = octo\npassword = " + rnd + "\n", "pypirc-password"},
		{"hex-legacy-token", "ci.sh", "GITHUB_TOKEN=" + hex[:40] + "\n", "github-legacy-token"},
		{"annotated-then-assigned", "app/settings.py", "api_secret: str = \"" + rnd + "\"\n", "generic-secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantOne(t, d, tc.path, tc.text, tc.rule)
		})
	}
}

// TestInTestPath checks that findings in tests and fixtures say so, and
// others do not.
func TestInTestPath(t *testing.T) {
	g := secretstest.NewGen(1012)
	tok := g.GitHubToken("ghp_")
	d := newTestDetector(t, Config{})
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"testdata/config.yml", true},
		{"internal/pipe/blob/testdata/credentials.json", true},
		{"tests/certs/server.key", true},
		{"spec/fixtures/auth.yml", true},
		{"pkg/auth/auth_test.go", true},
		{"internal/http/testkey.pem", true},
		{"examples/http2/keys/test_key.pem", true},
		{"demo_rsa_key", true},
		{"demos/demo-host-key", true},
		{"demo/app.py", false},
		{"src/__tests__/api.js", true},
		{"config/deploy.yml", false},
		{"internal/http/server.go", false},
		{"docs/testimonials.md", false},
		// End-to-end suites, Go's hidden _testdata/, fixtures, folders
		// and files named as tests by one of their words, the helpers of
		// tests, benchmarks.
		{"e2e/suite/common/common.go", true},
		{"pkg/template/v2/_testdata/root-ca.key", true},
		{"_fixture/certs/key.pem", true},
		{"test-ca/rsa/end.key", true},
		{"pkg/provider/github/github_test_pk.pem", true},
		{"run_integration_tests.go", true},
		{"internal/testkit/keys.go", true},
		{"netty/src/jmh/java/io/Bench.java", true},
		{"docs/acc-test.md", false},
		{"integration-testing/certs/ca.key", true},
		{"examples/pki/secrets/root_ca_key", true},
		{"examples/pki/config/ca.json", false},
		{"cmd/attestation/keys.go", false},
		{"internal/latest/config.yml", false},
	} {
		got := d.Scan(Fragment{Path: tc.path, Text: []byte("token: " + tok + "\n")})
		if len(got) != 1 {
			t.Errorf("%s: %d findings, want 1", tc.path, len(got))
			continue
		}
		if got[0].InTestPath != tc.want {
			t.Errorf("%s: InTestPath = %v, want %v", tc.path, got[0].InTestPath, tc.want)
		}
	}
}

// TestVendoredEnvironmentsSkipped: a Python environment committed by
// mistake is third-party code, like node_modules.
func TestVendoredEnvironmentsSkipped(t *testing.T) {
	d := newTestDetector(t, Config{})
	for _, p := range []string{
		"venv/lib/python3.12/site-packages/flasgger/ui2/static/swagger-ui.js",
		"myenv/lib/python3.12/site-packages/pytest_httpbin/certs/server.key",
		"usr/lib/python3/dist-packages/x/y.py",
		// pip and setuptools keep their dependencies in _vendor/.
		"src/pip/_vendor/urllib3/packages/rfc3986/builder.py",
		"setuptools/_vendor/packaging/tags.py",
		// Coverage reports copy the sources they measure.
		"htmlcov/z_0a1b2c3d___init___py.html",
		"build/reports/htmlcov/index.html",
		"coverage/lcov-report/src/auth.js.html",
		"coverage/index.html", "build/coverage/src/Auth.php.html", "cover/app_auth.html",
		// Yarn's own releases and plugins, committed.
		".yarn/releases/yarn-3.6.4.cjs", "packages/web/.yarn/plugins/@yarnpkg/plugin-version.cjs",
		// Godep's vendored GOPATH.
		"Godeps/_workspace/src/golang.org/x/crypto/ssh/testdata/keys.go",
	} {
		if !d.SkipPath(p) {
			t.Errorf("SkipPath(%q) = false, want true", p)
		}
	}
	for _, p := range []string{"src/packages/site.py", "pkg/coverage/report.go", "coverage/lcov.info", ".yarnrc.yml", "docs/yarn/releases/notes.md", "Godeps/Godeps.json"} {
		if d.SkipPath(p) {
			t.Errorf("SkipPath(%q) = true, want false", p)
		}
	}
}

func TestIdentShaped(t *testing.T) {
	g := secretstest.NewGen(1013)
	for _, v := range []string{
		"markup.heading", "gitlab-ci-token", "showCustomOnKeyup", "ASAuthorizationAppleIDProvider",
		"RecursiveSuffix", "connect-flash", "HTTPServerConfig", "user_name2", "editor.foreground",
		"hide_input", "deployhookcsharp2scala",
	} {
		if !identShaped(v) {
			t.Errorf("identShaped(%q) = false, want true", v)
		}
	}
	// Generated values of every usual alphabet: none may read as a name.
	alphabets := []string{secretstest.Alnum, "abcdefghijklmnopqrstuvwxyz0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789abcdef"}
	missed := 0
	for _, a := range alphabets {
		for n := 16; n <= 40; n += 4 {
			for i := 0; i < 200; i++ {
				if v := g.String(a, n); identShaped(v) {
					missed++
				}
			}
		}
	}
	// A random value rarely looks like words; allow one in a thousand.
	if total := len(alphabets) * 7 * 200; missed*1000 > total {
		t.Errorf("%d of %d random values read as identifiers", missed, total)
	}
}

func TestIdentPath(t *testing.T) {
	for _, v := range []string{
		"a11y-label", "k3s-ctl-client", "i18n-fallback", "pgrsql-nightly", "c.ZuulToken", "linkedCts?.Token",
		"PgrTypes.PgrDbType.Varchar", "oauth2-client.settings", "sha256-digest", "self.session_store",
	} {
		if !identPath(v) {
			t.Errorf("identPath(%q) = false, want true", v)
		}
	}
	for _, v := range []string{"abcd-efgh-ijkl-mnop", "x7kq-p2mz", "Token", "eyJhbGciOiJIUzI1NiJ9.e30"} {
		if identPath(v) {
			t.Errorf("identPath(%q) = true, want false", v)
		}
	}
	// Generated values cut by dots, dashes or colons: none may read as a
	// name. (Lower-case letters alone read as words often enough that
	// identShaped already takes them for names.)
	g := secretstest.NewGen(1014)
	alphabets := []string{secretstest.Alnum, "abcdefghijklmnopqrstuvwxyz0123456789",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789abcdef", secretstest.B64URL}
	missed, total := 0, 0
	for _, a := range alphabets {
		for _, sep := range []string{".", "-", ":"} {
			for n := 4; n <= 16; n += 4 {
				for i := 0; i < 100; i++ {
					total++
					v := g.String(a, n) + sep + g.String(a, 2*n)
					if i%2 == 0 {
						v = g.String(a, n) + sep + v
					}
					if identPath(v) {
						t.Log(v)
						missed++
					}
				}
			}
		}
	}
	if missed*1000 > total {
		t.Errorf("%d of %d random values read as names", missed, total)
	}
}

func TestJWTHeaderOnly(t *testing.T) {
	for v, want := range map[string]bool{
		"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.":                     true,
		"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9":                      true,
		"eyJzdWIiOiIxIn0.":                                          false, // claims, no header
		"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2ln": false,
	} {
		if got := jwtHeaderOnly(v); got != want {
			t.Errorf("jwtHeaderOnly(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestAzuriteKeyIsExample(t *testing.T) {
	if !isPlaceholder(azuriteKey) {
		t.Error("the storage emulator's key is not a documented example")
	}
}
