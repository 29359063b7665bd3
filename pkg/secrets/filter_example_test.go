package secrets

import "testing"

// TestExampleNames checks which file names and lines count as examples: template names do,
// key files do not (a private key works whatever its file is called; it is reported as test
// material), and "example" inside a host name or an e-mail address is an address, not a
// statement that the value is an example.
func TestExampleNames(t *testing.T) {
	paths := []struct {
		path             string
		example, inTests bool
	}{
		{"config/.env.example", true, false},
		{"app/settings.sample.yml", true, false},
		{"wp-config-sample.php", true, false},
		{"deploy/template.json", true, false},
		{"misc-keys/putty-example.ppk", false, true},
		{"certs/sample-key.pem", false, true},
		{"keys/id_rsa.example", false, true},
		{"config/master.key", false, false},
		{"src/main.go", false, false},
		{"acc-test/local-gitea.sh", false, true},
		{"e2e_tests/login.spec", false, true},
		{"src/iac/tests.rs", false, true},
		{"lib/test.js", false, true},
		{"src/contest/score.go", false, false},
		{"tools/latest-release.sh", false, false},
		{"docs/acc-test", false, false}, // a file, not a folder of tests
		{"core/src/jvmTest/kotlin/Keys.kt", false, true},
		{"app/src/androidTest/res/raw/client.key", false, true},
		{"okhttp/src/commonTests/Certs.kt", false, true},
		{"src/main/kotlin/LatestTest.kt", false, false}, // a file, not a source set
		{"src/LoadTest/run.sh", false, true},            // a folder of load tests
		{"python/test_data/creds.json", false, true},
		{"examples/tls/self_signed_certs/key.pem", false, true},
		{"examples/tls/main.rs", false, false}, // only key files are demonstration material
		{"src/contest.go", false, false},
		// .NET test projects and assemblies, and a top-level t/ (Perl, celery).
		{"Ledger.Tests/TestBase.cs", false, true},
		{"Ledger.Tests.Contrib/TestDbManager.cs", false, true},
		{"src/Ledger.UnitTests/Config.cs", false, true},
		{"testsuite/NUnit20/LedgerTests.dll.config", false, true},
		{"t/unit/security/__init__.py", false, true},
		{"src/Contests/Score.cs", false, false},
		{"src/Ledger.Latest/Config.cs", false, false},
		{"tools/t/run.sh", false, false}, // only a top-level t/
		{"t", false, false},
	}
	for _, c := range paths {
		if got := pathMentionsExample(c.path); got != c.example {
			t.Errorf("pathMentionsExample(%q) = %v, want %v", c.path, got, c.example)
		}
		if got := isTestPath(c.path); got != c.inTests {
			t.Errorf("isTestPath(%q) = %v, want %v", c.path, got, c.inTests)
		}
	}
	lines := []struct {
		line    string
		example bool
	}{
		{"# Example: token = abc", true},
		{"api_key = 'sample value'", true},
		{"dummy_password = x", true},
		{"host = api.example.com", false},
		{"url = https://example.org/x", false},
		{"machine imap.gmail.com login example@gmail.com password p", false},
		{"username: admin@example", false},
		{"login example @ host", true},
	}
	for _, c := range lines {
		if got := mentionsExample([]byte(c.line)); got != c.example {
			t.Errorf("mentionsExample(%q) = %v, want %v", c.line, got, c.example)
		}
	}
}

// TestEscapedControl: a URL parser's test data holds several escaped
// control characters; a generated key with % in its alphabet may hold one.
func TestEscapedControl(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"c%0D%0A%0C%09%20d", true},
		{"p%0D%0Aq", true},
		{"gJ%rQ_~Ni1+VsKjL3n7jqumaNJzs6y9h-6B%0B0Qdab9M9=fOJ", false}, // one, by chance
		{"xSfFYh2+1l%201S7e^agaoO24XHd%=VPcT-&k-9dee_?l&N-Uc", false},
		{"pass%40word", false},
	} {
		if got := escapedControl(c.v); got != c.want {
			t.Errorf("escapedControl(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}
