package secrets

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// TestNoiseOfWebFrameworks holds the classes of noise seen on the histories
// of web frameworks and their libraries (jjwt, apollo-server, dropwizard,
// oauth2-server, pydantic): synthetic lines shaped like the real ones. Each
// case has a twin in TestNoiseOfWebFrameworksKeepSecrets with a credential
// in the same place.
func TestNoiseOfWebFrameworks(t *testing.T) {
	g := secretstest.NewGen(3031)
	d := newTestDetector(t, Config{})
	b64 := g.String(secretstest.Alnum+"+/", 48)
	for _, tc := range []struct{ class, path, text string }{
		// The closing bracket of a type's arguments is no assignment.
		{"type-arguments", "api/src/main/java/org/rose/crypto/Wraps.java",
			"    public static final KeyWrap<Password, Password> PBKDF2_HS384_A192KW = lookup(\"PBKDF2-HS384+A192KW\");\n"},
		{"type-arguments", "api/src/main/java/org/rose/crypto/Pairs.java",
			"    public static <A extends PublicKey, B extends PrivateKey> org.rose.crypto.KeyPair<A, B> pairOf(A publicKey, B privateKey) {\n"},
		{"type-arguments", "src/store.ts", "const cache = new Map<string, Secret> tokenCache_for_users = build();\n"},
		// TypeScript's non-null assertion after a member expression.
		{"non-null-assertion", "packages/reporting/src/agent.ts", "        'x-api-key': this.reportingConfig.key!,\n"},
		{"non-null-assertion", "src/openai.ts", "  apiKey: process.env.ROSE_SERVICE_API_KEY!,\n"},
		// The value of one variable of a command line read as the name of the next.
		{"next-variable", "docs/source/monitoring/metrics.md",
			"$ ROSE_KEY=YOUR_API_KEY ROSE_GRAPH_REF=my-graph@my-variant \\\n"},
		// Sphinx's copies of its sources in a built site.
		{"sphinx-sources", "1.2.0/docs/_sources/manual/configuration.rst.txt", "    database:\n      password: " + g.String(secretstest.Alnum, 16) + "\n"},
		{"sphinx-sources", "_sources/manual/configuration.txt", "    database:\n      password: " + g.String(secretstest.Alnum, 16) + "\n"},
		// Documentation that tells the reader to generate the value.
		{"generate-comment", "auth-server-password.md",
			"$encryptionKey = '" + b64 + "'; // generate using base64_encode(random_bytes(32))\n"},
		{"generate-comment", "docs/setup.rst", "    SESSION_SECRET = \"" + b64 + "\"  # generate your own with: openssl rand -base64 32\n"},
		// The hosts of a multi-host URL read as a user and a password.
		{"multi-host-url", "python/rose_core/_core.pyi", "        mhu = MultiHostUrl('https://alpha.org:123,beta:gamma@delta.org/path')\n"},
		{"multi-host-url", "docs/urls.md", "    postgres://db1.internal:5432,db2.internal:5433@db3.internal/app\n"},
		// Names in inline code listed in a Markdown table's cell.
		{"inline-code-list", "documentation/docs/config.md", "| `encoder.type` (`bcrypt` or `scrypt`), `encoder.bcrypt.length`, `encoder.pbkdf2.secret`, `encoder.pbkdf2.iterations`, `encoder.pbkdf2.hashWidth` | Encoders |\n"},
		// A type annotating a declared name.
		{"declared-type", "src/runtime/node/wrap.ts", "export function wrap(alg: string) {\n  let password: Uint8Array\n"},
		{"declared-type", "app/src/main/kotlin/Auth.kt", "    private lateinit var accessToken: AccessTokenV2\n"},
		// JSON Web Tokens of a library's documentation, issued under names
		// reserved for examples.
		{"example-issuer", "src/jwt/verify.ts", " * const jwt = '" + g.JWT(`{"urn:example:claim":true,"iat":1604315074,"iss":"urn:example:issuer","aud":"urn:example:audience"}`, 86) + "'\n"},
		{"example-issuer", "docs/README.md", "const token = '" + g.JWT(`{"iss":"https://auth.example.com","sub":"u-1","exp":1900000000}`, 43) + "';\n"},
		{"example-issuer", "docs/README.md", "const token = '" + g.JWT(`{"urn:example:claim":"foo","aud":["urn:example:client"],"iss":"https://op.example.com","iat":1551294137,"exp":1551301337,"nonce":"`+g.String(secretstest.Alnum, 80)+`"}`, 43) + "';\n"},
		{"multi-host-url", "compose.yml", "      PG_URL: postgres://pg1:5432,pg2:5432@pg3/app\n"},
	} {
		wantNone(t, d, tc.class, tc.path, tc.text)
	}
}

// TestNoiseOfWebFrameworksKeepSecrets: the places of TestNoiseOfWebFrameworks
// with a credential are still reported.
func TestNoiseOfWebFrameworksKeepSecrets(t *testing.T) {
	g := secretstest.NewGen(3032)
	d := newTestDetector(t, Config{})
	rnd := g.String(secretstest.Alnum, 24)
	b64 := g.String(secretstest.Alnum+"+/", 48)
	pw := g.URLPassword(20)
	tok := g.GitHubToken("ghp_")
	for _, tc := range []struct{ name, path, text, rule string }{
		{"xml-element", "conf/server.xml", "  <Password>" + rnd + "</Password>\n", "generic-secret"},
		{"xml-entry", "conf/app.xml", "  <entry key=\"db.password\">" + rnd + "</entry>\n", "generic-secret"},
		{"xml-namespaced", "conf/soap.xml", "  <wsse:Password>" + rnd + "</wsse:Password>\n", "generic-secret"},
		{"quoted-with-bang", "src/openai.ts", "  apiKey: '" + rnd + "!',\n", "generic-secret"},
		{"typed-declaration", "internal/app/config.go", "\tvar apiToken string = \"" + rnd + "\"\n", "generic-secret"},
		{"env-chain", "deploy.sh", "ROSE_REGION=eu ROSE_API_KEY=" + rnd + " ./deploy\n", "generic-secret"},
		{"sphinx-sources-token", "_sources/manual/configuration.rst.txt", "    token: " + tok + "\n", "github-pat"},
		{"sphinx-original", "docs/source/manual/configuration.rst", "    database:\n      password: " + rnd + "\n", "generic-secret"},
		{"no-generate-comment", "auth-server-password.md", "$encryptionKey = '" + b64 + "';\n", "generic-secret"},
		{"generate-comment-in-code", "src/Server.php", "$encryptionKey = '" + b64 + "'; // generate using base64_encode(random_bytes(32))\n", "generic-secret"},
		{"template-pair", "src/pair.js", "const pair = [`token`, `" + rnd + "`];\n", "generic-secret"},
		{"declared-then-assigned", "src/app.ts", "  let password: Uint8Array = '" + rnd + "'\n", "generic-secret"},
		{"yaml-type-like-value", "config/app.yml", "password: " + rnd + "\n", "generic-secret"},
		{"real-issuer", "src/jwt/verify.ts", "const token = '" + g.JWT(`{"iss":"https://auth.rose.ai","sub":"u-1","exp":1900000000}`, 43) + "'\n", "jwt"},
		{"long-jwt", "docs/README.md", "const token = '" + g.JWT(`{"aud":["urn:rose:client"],"iss":"https://op.rose.ai","iat":1551294137,"exp":1900000000,"nonce":"`+g.String(secretstest.Alnum, 80)+`"}`, 43) + "';\n", "jwt"},
		{"multi-host-with-login", "deploy/app.env", "MONGO_URL=mongodb://app:" + pw + "@db1.internal:27017,db2.internal:27017/app\n", "url-credentials"},
		{"url-with-port-user", "deploy/app.env", "DATABASE_URL=postgres://app.svc:" + pw + "@db.internal:5432/app\n", "url-credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantOne(t, d, tc.path, tc.text, tc.rule)
		})
	}
}

// TestTestPathsOfBuildTools: folders of test helpers and the source sets
// of Gradle's test fixtures and benchmarks hold test material.
func TestTestPathsOfBuildTools(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"test-helpers/localhost-privkey.pem", true},
		{"lib/test_utils/keys.py", true},
		{"src/testFixtures/java/org/rose/Keys.java", true},
		{"src/jmh/java/org/rose/benchmark/TokenBenchmark.java", true},
		{"testimonials/index.md", false},
		{"src/main/java/org/rose/Keys.java", false},
		{"docs/jmh.md", false},
		{"tap/fixtures.ts", true},
		{"src/tap/device.go", false},
	} {
		if got := isTestPath(tc.path); got != tc.want {
			t.Errorf("isTestPath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// TestFrameworkExampleTails: a framework's documented value is known by the
// digest of all but its first two characters, which its demos change.
func TestFrameworkExampleTails(t *testing.T) {
	g := secretstest.NewGen(3033)
	d := newTestDetector(t, Config{})
	tail := g.String(secretstest.Alnum+"+/", 41) + "="
	line := func(v string) string { return "        cookie_secret=\"" + v + "\",\n" }
	if got := scanFile(d, "demos/blog/blog.py", line("11"+tail)); len(got) != 1 {
		t.Fatalf("own value: got %d findings, want 1", len(got))
	}
	sum := sha256.Sum256([]byte(tail))
	digest := hex.EncodeToString(sum[:])
	frameworkExampleTails[digest] = true
	defer delete(frameworkExampleTails, digest)
	for _, v := range []string{"11" + tail, "43" + tail} {
		if got := scanFile(d, "demos/chat/chatdemo.py", line(v)); len(got) != 0 {
			t.Errorf("documented value: got %d findings, want 0", len(got))
		}
	}
	if got := scanFile(d, "demos/chat/chatdemo.py", line("11"+tail[:40]+"x=")); len(got) != 1 {
		t.Errorf("another value: got %d findings, want 1", len(got))
	}
	for k := range frameworkExampleTails {
		if len(k) != 64 || !isHex(k) {
			t.Errorf("frameworkExampleTails entry %q is not a SHA-256 digest", k)
		}
	}
}
