package secrets

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// TestNoiseOfClientLibraries holds the classes of noise seen on the
// histories of client libraries and tools (vite, click, minio-go,
// twilio-python): synthetic lines shaped like the real ones.
func TestNoiseOfClientLibraries(t *testing.T) {
	g := secretstest.NewGen(2024)
	d := newTestDetector(t, Config{})
	key, _ := g.Expand("«pem:rsa»")
	lines := strings.Split(key, "\n")
	// The first line of a key quoted in a docstring, its end marker after it.
	excerpt := lines[0] + lines[1] + `\\n.` + lines[len(lines)-1]
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	vectorPlain, vectorSalt := "__"+g.String(secretstest.Alnum, 9)+"__", g.String(secretstest.Alnum, 8)
	chunk := g.String(secretstest.Alnum, 26)
	// A CryptoAPI SIMPLEBLOB: an AES-256 key encrypted to the machine's RSA
	// key exchange key.
	simpleBlob := base64.StdEncoding.EncodeToString(append([]byte{1, 2, 0, 0, 0x10, 0x66, 0, 0, 0, 0xa4, 0, 0}, g.String(secretstest.Alnum, 256)...))
	signedImage := b64(`{"alg":"HS256","typ":"JWT"}`) + "." +
		b64(`{"iss":"github.com","aud":"raw.githubusercontent.com","key":"key5","exp":1734592140,"nbf":1734590940,"path":"/u/123"}`) +
		"." + g.String(secretstest.B64URL, 43)
	for _, tc := range []struct{ class, path, text string }{
		{"keyword-argument", "cli.py", "@click.option('--password', prompt=True, confirmation_prompt=True,\n"},
		{"doc-type-shape", "src/Symfony/Component/JsonEncoder/Decode/Lexer.php", "     * @var array{expected_token: int-mask-of<self::TOKEN_*>, pointer: int, keys: list<array<string, true>>} $context\n"},
		{"controller-action", "src/Symfony/Bundle/FrameworkBundle/Resources/config/web.php", "Route::post('/password', 'YourController@yourMethod')->name('password');\n"},
		{"notification-link", "notes/8e47e9f8", "> <https://github.com/rose/app/pull/35783?email_source=notifications&email_token=" + g.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 60) + ">\n"},
		{"counted-down", "guides/source/action_mailbox_basics.md", "    secret_access_key: ZYXCBA987543210\n"},
		{"counted-down", "railties/guides/source/action_mailbox.textile", "    secret_access_key: ZYXCBA987543210\n"},
		{"ci-template", "railties/lib/rails/generators/rails/app/templates/github/ci.yml.tt", "          MSSQL_SA_PASSWORD: SecurePass1!\n"},
		{"ci-template", "railties/lib/rails/generators/rails/app/templates/github/ci.yml.tt", "          DATABASE_URL: \"sqlserver://sa:SecurePass1!@localhost:1433\"\n"},
		{"keyboard-patched", "docs/user-guide/swarm-mode.md", "docker swarm join --token SWMTKN-1-" + g.String("abcdefghijklmnopqrstuvwxyz0123456789", 12) + "asdf" + g.String("abcdefghijklmnopqrstuvwxyz0123456789", 20) + "-" + g.String("abcdefghijklmnopqrstuvwxyz0123456789", 25) + " 172.17.0.2:2377\n"},
		{"sample-user-hash", "samples/tutorial/src/main/webapp/WEB-INF/applicationContext-security.xml", "    <user name=\"rod\" password=\"" + g.String("0123456789abcdef", 32) + "\" authorities=\"ROLE_USER\" /> <!-- koala -->\n"},
		{"sample-user-hash", "docs/manual/src/asciidoctor/index.adoc", "    <security:user name=\"jimi\" password=\"" + g.String("0123456789abcdef", 40) + "\" authorities=\"ROLE_USER\" />\n"},
		{"sample-user-hash", "samples/contacts/src/main/java/sample/contact/DataSourcePopulator.java", "template.execute(\"INSERT INTO USERS VALUES('rod','$2a$10$" + g.String("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 53) + "',TRUE);\");\n"},
		{"startup-log", "docs/servlet/hello/boot.adoc", "Using generated security password: " + g.UUID() + "\n"},
		{"placeholder-subject", "samples/boot/resource-server/README.adoc", "export TOKEN=" + g.JWT(`{"sub":"subject","exp":4683805128}`, 43) + "\n"},
		{"entry-point", "IPython/core/magics/_table.py", "    \"pwd\": \"IPython.core.magics.osm:OSMagics\",\n"},
		{"percent-escaped-weak", "doc/build/changelog/migration_21.rst", "just the plus sign — ``PWD=pass%2Bword`` — which would then get unquoted\n"},
		{"doc-url-one-word-host", "doc/build/core/engines.rst", "    postgresql+pg8000://dbuser:" + g.String(secretstest.Alnum, 3) + "%25" + g.String(secretstest.Alnum, 3) + "%2Fg@pghost10/appdb\n"},
		{"scott-tiger", "setup.cfg", "mssql=mssql+pyodbc://scott:tiger^5HHH@mssql2017:1433/test?driver=ODBC+Driver+13+for+SQL+Server\n"},
		{"provider-package", "doc/build/dialects/index.rst", "| Snowflake                             | snowflake-sqlalchemy_ |\n"},
		{"regexp-literal", "lib/util/parseJson.js", "const UNEXPECTED_TOKEN = /^Unexpected token '?(.)'?(,)? /i;\n"},
		{"resource-bundle", "core/src/main/resources/hudson/security/LDAPSecurityRealm/config_de.properties", "Manager\\ Password=Manager-Passwort\n"},
		{"resource-bundle", "core/src/main/resources/hudson/security/HudsonPrivateSecurityRealm/signup_pt_BR.properties", "Password=---TranslateMe 343--- Password\n"},
		{"resource-bundle", "core/src/main/resources/hudson/model/Hudson/login_ko.properties", "Password=\\uC554&nbsp;&nbsp;&nbsp;&nbsp;\\uD638\n"},
		{"comparison-cut-at-quote", "src/selector.js", "\t\t\tpassword: \"a.type=='password'\",\n"},
		{"google-share-link", "docs/guide.overview.ngdoc", "{@link https://docs.google.com/present/edit?id=" + g.String(secretstest.Alnum, 40) + "&hl=en&authkey=" + g.String(secretstest.Alnum, 8) + " Presentation}\n"},
		{"analytics-id", "book.json", "    \"token\": \"UA-" + g.String("0123456789", 8) + "-3\",\n"},
		{"analytics-id", "_config.yml", "google_analytics_token: G-" + g.String("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10) + "\n"},
		{"encrypted-session-key", ".vs/config/applicationhost.config", `<add name="AesProvider" keyContainerName="iisConfigurationKey" useMachineContainer="true" sessionKey="` + simpleBlob + `" />` + "\n"},
		{"keyword-argument", "docs/options.rst", "    @click.option(\"--password\", hide_input=True, help=\"Password\")\n"},
		{"keyboard-row", "server.js", "process.env.MY_CUSTOM_SECRET = 'API_KEY_qwertyuiop'\n"},
		{"keyboard-row", "settings.py", "API_SECRET = 'asdfghjkl123'\n"},
		{"counted-stand-in", "dist/index.js", " * const apiToken = \"abc123xyz456\";\n"},
		{"published-playground", "examples/put.go", "\tsecretAccessKey := \"zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG\"\n"},
		{"published-playground", "Makefile", "\t@ACCESS_KEY=Q3AM3UQ867SPQQA43P2F SECRET_KEY=zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG go test ./...\n"},
		{"class-after-provider", "rest/task_queue.py", "from twilio.rest.taskrouter.v1.task_queues_statistics import TaskQueuesStatisticsListInstance\n"},
		{"signed-image-url", "README.md", `<a href="https://example.org"><img src="https://private-avatars.githubusercontent.com/u/123?jwt=` + signedImage + `" alt="Sponsor"></a>` + "\n"},
		{"name-after-listed-name", "client/app/UserEdit.jsx", "  { name: 'password', title: 'New Password', minLength: 6 },\n"},
		{"name-after-listed-name", "public/js/asciidoctor.js", "Opal.def(self, '$pwd', TMP_pwd_2 = function $$pwd() {\n"},
		{"snake-case-fields", "query_runner/influx.py", "        'cert_key_password', 'ssl_ca_cert_File'],\n"},
		{"cmdlet", "scripts/remoting.ps1", "$encrypted_password = ConvertTo-SecureString $password -asplaintext -force\n"},
		{"secret-mount-spec", "Makefile", "\t--secret id=ssh.key,src=\"${HOME}/.ssh/config\" \\\n"},
		{"translation", "conf/locale/locale_pt-PT.ini", "password=Palavra-chave\n"},
		{"translation", "web/src/locales/it.json", "  \"retype_password\": \"Re-inserisci la password\",\n"},
		{"typed-in-docs", "docs/configuration.mdx", "wrap it in backticks, e.g., <code>PASSWORD = `p@ss#word!`</code>.\n"},
		{"next-variable", "releasing.md", "1. `env GH_OAUTH_CLIENT_SECRET= GH_OAUTH_CLIENT_ID= goreleaser --skip-publish`\n"},
		{"described-value", "config/app.php", "    'key' => env('APP_KEY', 'SomeRandomStringWith32Characters'),\n"},
		{"described-value", "config/app.php", "    'key' => env('APP_KEY', 'DonotForgetYour32CharacterString'),\n"},
		{"documented-example", "docker/apache/default-ssl.conf", "#   Note: Inside SSLPassPhraseDialog the test file needs this password: `xxj31ZMTZzkVA'.\n"},
		{"schema-type", "adapter-hasura/schema.graphql", "input accounts_bool_exp {\n  access_token: String_comparison_exp\n  id_token: String_comparison_exp\n}\n"},
		{"union-type", "src/core/types.ts", "  session: (message: { session: Session|Falsy; token: JWT|Falsy }) => Awaitable<void>\n"},
		{"described-value", "docs/providers/apple.md", "APPLE_SECRET=**GENERATED_JWT_TOKEN_FROM_CODE_ABOVE**\n"},
		{"key-excerpt", "rest/credential.py", "    :param str private_key: The URL-encoded key, e.g. `" + excerpt + "`\n"},
		// Test vectors: a crypt hash beside the plain text it hashes.
		{"hash-test-vector", "lib/contrib/md5crypt.py", "    ('" + vectorPlain + "', '" + md5Crypt(vectorPlain, vectorSalt, "$1$") + "'),\n"},
		// Base64 of a weak word under a password name (a manifest's CHAP secret).
		{"base64-weak-word", "volumes/scaleio/README.md", "  password: " + base64.StdEncoding.EncodeToString([]byte("d3m0!x")) + "\n"},
		// A tutorial's password framed by the shifted digits.
		{"keyboard-row", "tutorial/login_bot.py", `    PASSWORD = "!@#$OPS4kqzvwtr!@#$"` + "\n"},
		// The name of a versioned module under a secret's name.
		{"module-name", "internal/config/names.go", `	SecretKey = "azure-sdk-for-go-v3"` + "\n"},
		// A common password with one letter masked by a symbol.
		{"masked-common-password", "README.rst", "    DATABASE_URL=postgres://user:m%23ster!@localhost/shop\n"},
		// A JSON Web Token whose claims were typed for a README (exp in 1970).
		{"typed-jwt-claims", "README.rst", `    curl -H "Authorization: Bearer ` + g.JWT(`{"user_id":7,"exp":99999,"refresh_exp":100500}`, 43) + `" http://localhost/api/\n`},
		// Stand-ins typed by hand: keys struck on the home row, a value
		// shortened with two dots, a chunk repeated to the wanted length.
		{"keyboard-mash", "lib/grant_types.py", "            'access_token': 'lkjh3asdf92sdfg',\n"},
		{"elided", "docs/client/oauth1.rst", "    'oauth_token': '98765-qz..W',\n"},
		{"repeated-chunk", "examples/README.md", "APP_COOKIE_SECRET=" + chunk + "-" + chunk + "-" + chunk + "\n"},
		// Published examples: RFC 7591's client secret.
		{"rfc-example", "lib/rfc7592/endpoint.py", `            "client_secret": "cf136dc3c1fc93f31185e5885805d",` + "\n"},
		// Words in leetspeak: a description of the value, disguised.
		{"leet-words", "docs/middleware.md", `    Middleware(SessionMiddleware, secret_key="S3CR3T_S1GN1NG_K3Y", https_only=True)` + "\n"},
		// A statement continued at Python's prompt.
		{"repl-continuation", "docs/oauth2_workflow.rst", "    >>> token = Token(\n    ...     access_token='" + g.String(secretstest.Alnum, 20) + "',\n    ... )\n"},
		// A command-line option read after a provider's name.
		{"option-after-name", "namespaces/README.md", "$ kubectl run snowflake --image=gcr.io/google_containers/echoserver --replicas=2\n"},
	} {
		wantNone(t, d, tc.class, tc.path, tc.text)
	}
	// webpack's generated module names read after a provider's name.
	if !isPlaceholder("dom7__WEBPACK_IMPORTED_MODULE_0__") {
		t.Error("a webpack module name is not a credential")
	}
	// Values in the same places that are credentials are still reported.
	rnd := g.String(secretstest.Alnum, 20)
	for _, tc := range []struct{ path, text string }{
		{"app/client.py", "auth = ('password', '" + rnd + "')\n"},
		{"conf/locale/app.ini", "password=" + rnd + "\n"},
		{"lib/contrib/md5crypt.py", "    ('deploy', '" + md5Crypt(rnd, vectorSalt, "$1$") + "'),\n"},
		{"volumes/iscsi/chap-secret.yaml", "  node.session.auth.password: " + base64.StdEncoding.EncodeToString([]byte(rnd)) + "\n"},
		{"internal/config/names.go", `	SecretKey = "` + rnd + `"` + "\n"},
		{"README.rst", `    curl -H "Authorization: Bearer ` + g.JWT(`{"user_id":7,"exp":1900000000}`, 43) + `" http://localhost/api/` + "\n"},
		{"lib/grant_types.py", "            'access_token': '" + rnd + "',\n"},
		{"examples/README.md", "APP_COOKIE_SECRET=" + chunk + "-" + rnd + "\n"},
		{"namespaces/README.md", "$ snowflake_password=" + rnd + " ./deploy.sh\n"},
		{"docs/oauth2_workflow.rst", "    token = Token(\n    ...     access_token='" + rnd + "',\n    ... )\n"},
	} {
		if got := scanFile(d, tc.path, tc.text); len(got) != 1 {
			t.Errorf("%s: got %d findings in %q, want 1", tc.path, len(got), strings.ReplaceAll(tc.text, rnd, Redact(rnd)))
		}
	}
	// The whole key is still one.
	if got := scanFile(d, "certs/server.key", key+"\n"); len(got) != 1 || got[0].RuleID != "private-key" {
		t.Errorf("whole key: got %d findings, want one private-key", len(got))
	}
}

func TestTruncatedDER(t *testing.T) {
	g := secretstest.NewGen(7)
	for _, kind := range []string{"rsa", "ec", "ed25519"} {
		key, _ := g.Expand("«pem:" + kind + "»")
		lines := strings.Split(key, "\n")
		body := strings.Join(lines[1:len(lines)-1], "")
		if truncatedDER(body) {
			t.Errorf("%s: whole body read as truncated", kind)
		}
		if kind == "rsa" && !truncatedDER(lines[1]) {
			t.Errorf("rsa: first line of %d characters not read as truncated", len(lines[1]))
		}
	}
	if truncatedDER("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUA") {
		t.Error("an OpenSSH body is not DER")
	}
}

// TestPublishedKeys checks that a key whose digest is listed as published
// (Vagrant's insecure pair) is not reported, and the same kind of key of
// one's own is.
func TestPublishedKeys(t *testing.T) {
	g := secretstest.NewGen(99)
	d := newTestDetector(t, Config{})
	key, _ := g.Expand("«pem:ed25519»")
	text := key + "\n"
	got := scanFile(d, "keys/box", text)
	if len(got) != 1 {
		t.Fatalf("own key: got %d findings, want 1", len(got))
	}
	digest := keyDigest(got[0].Secret)
	publishedKeys[digest] = true
	defer delete(publishedKeys, digest)
	if got := scanFile(d, "keys/box", text); len(got) != 0 {
		t.Errorf("published key: got %d findings, want 0", len(got))
	}
	for k := range publishedKeys {
		if len(k) != 64 || !isHex(k) {
			t.Errorf("publishedKeys entry %q is not a SHA-256 digest", k)
		}
	}
}
