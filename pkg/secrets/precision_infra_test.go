package secrets

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/secrets/secretstest"
)

// hs256 returns a JWT of claims signed with HMAC-SHA256 under key.
func hs256(claims, key string) string {
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims))
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(signed))
	return signed + "." + enc.EncodeToString(m.Sum(nil))
}

// TestNoiseOfInfraHistories holds one synthetic line per class of noise
// seen on the full histories of Go, Rust and infrastructure projects
// (secret managers, KMS clients, web frameworks, TLS libraries; see
// docs/actions/secret-scan.md, "Further histories"). The lines are shaped
// like the real ones, not copies of them.
func TestNoiseOfInfraHistories(t *testing.T) {
	g := secretstest.NewGen(1110)
	uuid := g.UUID()
	fpr := g.String("0123456789ABCDEF", 40)
	prose := base64.StdEncoding.EncodeToString([]byte("This is the tagged secret"))
	d := newTestDetector(t, Config{})
	for _, tc := range []struct{ class, path, text string }{
		// Identifiers of code: an unquoted name before a comma in a source
		// file, a camelCase name whose words include one without a second
		// vowel (String), a type with type arguments.
		{"code-identifier", "cmd/agent/main.go", "\t\tPrivateKey: ed448PrivKey,\n"},
		{"code-identifier", "suite/common/common.go", "\t\t\tsshPrivateKey: ourSecretToStringFormatting,\n"},
		{"type-arguments", "src/crypto/hpke.rs", "        let raw_secret_key: X448SeedBin<'_> = secret_key\n"},
		// A package's import path read after a provider's name.
		{"module-path", "database/snowflake/driver.go", "\tsnowflake \"gitlab.com/snowflakedb/godriver\"\n"},
		// A command-line option after a key's name.
		{"option-flag", "cmd/tool/connect.go", "  tool connect --private-key-file=<path/to/rsa-sha2-private.key> --hostkey-algos=rsa-sha2-512,ssh-ed25519\n"},
		// A key kept in a KMS, named by its URI.
		{"kms-uri", "kms/signer.go", "\t\tSigningKey: \"awskms:key-id=" + uuid + "\",\n"},
		// A PGP key's fingerprint in a gpg command.
		{"pgp-fingerprint", "docs/guides/sops.md", "gpg --delete-secret-keys " + fpr + "\n"},
		// The passcode of a meeting link a project publishes.
		{"meeting-passcode", "README.md", "We meet every other week on [Zoom](https://zoom-lfx.platform.example.org/meeting/9284347?password=" + uuid + ").\n"},
		{"meeting-passcode", "CONTRIBUTING.md", "Join at https://us02web.zoom.us/j/8123456789?pwd=" + g.String(secretstest.Alnum, 32) + " on Tuesdays.\n"},
		// A documented example inside a list of fields.
		{"example-in-list", "README.rst", "    $ export APP_SECRETS=\"region:sjc3:550e8400-e29b-41d4-a716-446655440000,region:dfw3:x\"\n"},
		// Lorem ipsum as a password of a CI service container.
		{"lorem-ipsum", "ci/config.go", "const dbPassword = \"LoremIpsum42\"\n"},
		// Kebab-case names of test resources, abbreviations and words.
		{"kebab-name", "suites/azure/cert.go", "\tsecretKey := \"akv-cert-rotated-sdk\"\n"},
		{"kebab-name", "suites/aws/store.go", "\t\tInitialSecretValue:  \"gcp-v2-sm-initial\",\n"},
		// Base64 of a sentence under a secret's name.
		{"base64-prose", "docs/guide.md", "    \"tagged-secret\": \"" + prose + "\"\n"},
		// Words joined to counted runs.
		{"counted-words", "README.rst", "\tapisecret: token123abcdef\n"},
		{"counted-words", "auth/config.go", "\tsecretAccessKey = \"xyz789superSecretKeyValue123abc\"\n"},
		{"counted-words", "auth/config.go", "\tsecretAccessKey = \"xyz123SUPERsecretKEYtoken456abc789\"\n"},
		// A phrase of common password words split by symbols.
		{"phrase-with-symbols", "MSSQL.md", "let pool = Pool::connect(\"mssql://sa:MyStrong!Passw0rd@localhost/master\").await?;\n"},
		{"phrase-with-symbols", "app/db.go", "\tdbPassword := \"yourStrong(!)Password\"\n"},
		// Tokens of a tutorial, signed with a key anyone can guess.
		{"weak-hmac-jwt", "website/recipes/jwt.md", "curl localhost:1323/restricted -H \"Authorization: Bearer " + hs256(`{"exp":1481265128,"id":"`+uuid[:8]+`"}`, "secret") + "\"\n"},
		{"weak-hmac-jwt", "docs/auth.md", "  \"token\": \"" + hs256(`{"sub":"`+uuid+`","admin":true}`, "your-256-bit-secret") + "\"\n"},
		// A value shown with a vendor's documented example keys.
		{"beside-example", "README.rst", "   $ sops -d out.json\n   {\n      \"database_password\": \"" + g.String("abcdefghijklmnopqrstuvwxyz0123456789", 23) + "\",\n      \"AWS_ACCESS_KEY_ID\": \"AKIAIOSFODNN7EXAMPLE\"\n   }\n"},
		// A signed Git URL of CodeCommit: the key ID and a signature.
		{"signed-git-url", "rfcs/0007/README.md", "address `https://AKIA" + g.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + ":20240607T151729Z" + g.String("0123456789abcdef", 64) + "@git-codecommit.us-east-1.amazonaws.com/v1/repos/app`\n"},
		// The key ID of a presigned URL.
		{"presigned-url", "ci/verify-postman.json", `      "url": "https://s3.amazonaws.com/builds/tmp/app.tgz?AWSAccessKeyId=AKIA` + g.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + `&Expires=1644488596&Signature=` + g.String(secretstest.Alnum, 27) + `%3D"` + "\n"},
		{"presigned-url", "docs/download.md", "curl 'https://bucket.s3.amazonaws.com/a.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA" + g.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + "%2F20190509%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20190509T000000Z&X-Amz-Expires=300&X-Amz-Signature=" + g.String("0123456789abcdef", 64) + "&X-Amz-SignedHeaders=host'\n"},
	} {
		t.Run(tc.class, func(t *testing.T) {
			wantNone(t, d, tc.class, tc.path, tc.text)
		})
	}
}

// TestNoiseOfInfraHistoriesKeepSecrets are the lines of
// TestNoiseOfInfraHistories with a credential of the same shape in place of
// the noise: the filters must not swallow them.
func TestNoiseOfInfraHistoriesKeepSecrets(t *testing.T) {
	g := secretstest.NewGen(1111)
	rnd := g.String(secretstest.Alnum, 32)
	pw := g.URLPassword(20)
	uuid := g.UUID()
	hex := g.String("0123456789abcdef", 40)
	b64 := base64.StdEncoding.EncodeToString([]byte(g.String(secretstest.Alnum, 24)))
	d := newTestDetector(t, Config{})
	for _, tc := range []struct{ name, path, text, rule string }{
		{"quoted-in-code", "cmd/agent/main.go", "\t\tPrivateKey: \"" + rnd + "\",\n", "generic-secret"},
		{"unquoted-in-yaml", "config/agent.yml", "private_key: " + rnd + "\n", "generic-secret"},
		{"unquoted-hex-in-code", "cmd/agent/main.go", "\t\tPrivateKey: " + hex + ",\n", "generic-secret"},
		{"provider-password", "database/snowflake/env.sh", "SNOWFLAKE_PASSWORD=" + pw + "\n", "snowflake-password"},
		{"value-after-option", "deploy.sh", "tool connect --api-key=" + rnd + "\n", "generic-secret"},
		{"key-not-a-uri", "kms/signer.go", "\t\tSigningKey: \"" + rnd + "\",\n", "generic-secret"},
		{"hex-without-gpg", "deploy/app.env", "SIGNING_SECRET_KEY=" + hex + "\n", "generic-secret"},
		{"password-of-another-host", "README.md", "Call https://api.example-service.net/v1/login?password=" + uuid + " once.\n", "generic-secret"},
		{"random-in-list", "README.rst", "    $ export APP_SECRETS=\"region:sjc3:" + uuid + ",region:dfw3:x\"\n", "generic-secret"},
		{"random-kebab", "suites/azure/cert.go", "\tsecretKey := \"" + g.String("abcdefghijklmnopqrstuvwxyz0123456789", 7) + "-cert-" + g.String("abcdefghijklmnopqrstuvwxyz0123456789", 9) + "\"\n", "generic-secret"},
		{"base64-of-random", "docs/guide.md", "    \"tagged-secret\": \"" + b64 + "\"\n", "generic-secret"},
		{"word-and-random", "auth/config.go", "\tsecretAccessKey = \"value" + rnd + "\"\n", "generic-secret"},
		{"jwt-of-own-key", "docs/auth.md", "  \"token\": \"" + hs256(`{"sub":"`+uuid+`","admin":true}`, rnd) + "\"\n", "jwt"},
		{"key-id-beside-signature-param", "deploy/app.env", "AWS_ACCESS_KEY_ID=AKIA" + g.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + " # Signature=v4\n", "aws-access-key-id"},
		{"weak-key-jwt-in-code", "app/client.go", "\treq.Header.Set(\"Authorization\", \"Bearer " + hs256(`{"sub":"`+uuid+`"}`, "secret") + "\")\n", "jwt"},
		{"example-far-above", "README.md", "AKIAIOSFODNN7EXAMPLE\n" + strings.Repeat("Some prose about the project and its options.\n", 40) + "export DB_PASSWORD=" + rnd + "\n", "generic-secret"},
		{"generated-url-password", "MSSQL.md", "let pool = Pool::connect(\"mssql://sa:" + pw + "@db.internal/master\").await?;\n", "url-credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantOne(t, d, tc.path, tc.text, tc.rule)
		})
	}
}

// TestKeyIDInURLWithSecretKey: a key ID in a URL whose password is a
// secret key, not a signature, is reported.
func TestKeyIDInURLWithSecretKey(t *testing.T) {
	g := secretstest.NewGen(1114)
	d := newTestDetector(t, Config{})
	text := "git clone https://AKIA" + g.String("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + ":" + g.String(secretstest.Alnum, 40) + "@git.internal.example.net/app\n"
	found := false
	for _, f := range scanFile(d, "deploy.sh", text) {
		found = found || f.RuleID == "aws-access-key-id"
	}
	if !found {
		t.Error("the key ID of a URL with a secret key as its password was not reported")
	}
}

func TestKebabName(t *testing.T) {
	for _, v := range []string{"akv-cert-rotated-sdk", "gcp-v2-sm-initial", "kv-key-new-sdk"} {
		if !kebabName(v) {
			t.Errorf("kebabName(%q) = false, want true", v)
		}
	}
	for _, v := range []string{"abcd-efgh-ijkl-mnop", "x7kq-p2mz-wq9z", "kq-zx", "token-Abc-def"} {
		if kebabName(v) {
			t.Errorf("kebabName(%q) = true, want false", v)
		}
	}
	// Random lower-case values cut by dashes: none may read as a name.
	g := secretstest.NewGen(1112)
	missed, total := 0, 0
	for _, a := range []string{"abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789"} {
		for n := 3; n <= 8; n++ {
			for i := 0; i < 300; i++ {
				total++
				if v := g.String(a, n) + "-" + g.String(a, n+1) + "-" + g.String(a, n) + "-" + g.String(a, 4); kebabName(v) {
					missed++
				}
			}
		}
	}
	if missed*200 > total {
		t.Errorf("%d of %d random values read as kebab-case names", missed, total)
	}
}

func TestCountedWords(t *testing.T) {
	for v, want := range map[string]bool{
		"value12345abcdef":                    true,
		"xyz789superSecretKeyValue123abc":     true,
		"token123abcdef":                      true,
		"abc123SUPERsecretKEYvalue456xyz":     true,
		"abcd1234abcd1234":                    false, // counted runs alone: left to the rules
		"cloud@123":                           false, // a typed password
		"Summer2024abc":                       false,
		"value" + "Xq7pK2mZ9wLr":              false,
		"secretKeyValue":                      false, // words alone: other filters judge them
		"abc123" + "Kd93jfQ0xPzLm4RtYb7VnW2c": false,
	} {
		if got := countedWords(v); got != want {
			t.Errorf("countedWords(%q) = %v, want %v", v, got, want)
		}
	}
	g := secretstest.NewGen(1113)
	for i := 0; i < 2000; i++ {
		if v := g.String(secretstest.Alnum, 16+i%24); countedWords(v) {
			t.Errorf("countedWords(%q) = true for a random value", v)
		}
	}
}
