package secrets

import "testing"

func TestCredentialStore(t *testing.T) {
	for _, tc := range []struct {
		path string
		want storeKind
	}{
		{".pgpass", storeLogin},
		{"db/.pgpass", storeLogin},
		{"home/ops/.netrc", storeLogin},
		{".git-credentials", storeLogin},
		{"filezilla/recentservers.xml", storeLogin},
		{".vscode/sftp.json", storeLogin},
		{"ventrilo_srv.ini", storeLogin},
		{"ci/pip.conf", storeLogin},
		{"home/ci/.m2/settings.xml", storeLogin},
		{"src/main/resources/settings.xml", storeNone},
		{".bashrc", storeEnv},
		{"dotfiles/.bash_profile", storeEnv},
		{".env", storeEnv},
		{"web/.env.production", storeEnv},
		{"deploy/prod.env", storeEnv},
		{".env.example", storeNone},       // named as an example
		{"deploy/.env.sample", storeNone}, // named as an example
		{"tests/fixtures/.pgpass", storeNone},
		{"testdata/.netrc", storeNone},
		{"src/config.py", storeNone},
		{"environment.ts", storeNone},
		{"docs/netrc.md", storeNone},
	} {
		if got := credentialStore(tc.path); got != tc.want {
			t.Errorf("credentialStore(%q) = %d, want %d", tc.path, got, tc.want)
		}
	}
}

func TestPasswordName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"DB_PASSWORD", true}, {"password", true}, {"smtpPass", true}, {"MLAB_PASS", true}, {"pwd", true},
		{"ssh-passphrase", true}, {`"passwd"`, true}, {"$dbpasswd", true}, {"AdminPassword", true},
		{"password_min_length", false}, {"PASSWORD_HASHER", false}, {"passwordField", false},
		{"passport", false}, {"bypass", false}, {"compass", false}, {"token", false}, {"api_key", false},
		{"password_reset_url", false}, {"", false},
	} {
		if got := passwordName(tc.name); got != tc.want {
			t.Errorf("passwordName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestStoreCheck(t *testing.T) {
	for _, tc := range []struct {
		kind storeKind
		pw   string
		want bool
	}{
		// A login file's password logs in, weak or not.
		{storeLogin, "hunter22", true},
		{storeLogin, "swordfish", true},
		{storeLogin, "kestrel42", true},
		{storeLogin, "password", false}, // the stand-in word
		{storeLogin, "changeme", false},
		{storeLogin, "${PGPASSWORD}", false},
		{storeLogin, "%FTP_PASS%", false},
		{storeLogin, "<password>", false},
		{storeLogin, "********", false},
		{storeLogin, "xxxxxxxx", false},
		{storeLogin, "abc", false}, // too short to log in anywhere
		{storeLogin, "config.db.password", false},
		// Generated values are the generic rule's, not the store's.
		{storeLogin, "q8Vf2LmZ0rT6wXc3", false},
		// Environment files hold local stand-ins: a common password in
		// disguise is dropped there.
		{storeEnv, "kestrel42", true},
		{storeEnv, "admin123", false},
		{storeEnv, "password123", false},
		{storeEnv, "hunter2-secret", false},
		{storeEnv, "homestead", false},
		{storeEnv, "abc12", false},
	} {
		if got := storeCheck(tc.kind, tc.pw); got != tc.want {
			t.Errorf("storeCheck(%d, %q) = %v, want %v", tc.kind, tc.pw, got, tc.want)
		}
	}
}

func TestTypedPassword(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"Tulip-Garden42", true},
		{"D1fficult", true},
		{"Mailbox!2024x", true},
		{"`123QWERasdf", false},   // a backtick: shell substitution, not a password
		{"Passw0rd!", false},      // a common password in disguise
		{"Welcome123", false},     // idem
		{"admin_password", false}, // common words joined
		{"super$ecret", false},    // two classes
		{"kestrel42", false},      // two classes
		{"${DB_PASS}1A", false},   // a reference
		{"Short1!", false},        // under eight characters
		{"v1.2.3-Beta", false},    // a version
		{"process.env.DB_PASS", false},
		{"testpwd123!", false}, // starts with a stand-in word
		{"AdminPass#1x", false},
	} {
		if got := typedPassword(tc.pw); got != tc.want {
			t.Errorf("typedPassword(%q) = %v, want %v", tc.pw, got, tc.want)
		}
	}
}

// TestCredentialStoresReportWeakPasswords checks the whole path: the same
// weak password is reported in a credential store and nowhere else.
func TestCredentialStoresReportWeakPasswords(t *testing.T) {
	d := newTestDetector(t, Config{})
	for _, tc := range []struct {
		path, text string
		want       string // rule ID; "" for no finding
	}{
		{".pgpass", "db.rose.internal:5432:rose:rose_app:kestrel9\n", "pgpass-password"},
		{"db/.pgpass", "localhost:5432:rose:rose_app:password\n", ""},
		{"tests/fixtures/.pgpass", "db.rose.internal:5432:rose:rose_app:kestrel9\n", ""},
		{"home/ops/.netrc", "machine nexus.rose.internal login deploy password hunter22\n", "netrc-password"},
		{"ventrilo_srv.ini", "[Server]\nPassword=Gatehouse77\n", "generic-secret"},
		{".bashrc", "export DB_PASSWORD=kestrel42\n", "env-file-password"},
		{".bashrc", "export DB_PASSWORD=admin123\n", ""},
		{"app/settings.py", "DB_PASSWORD = \"kestrel42\"\n", ""},
		{"app/settings.py", "DB_PASSWORD = \"Gatehouse77\"\n", "generic-secret"}, // typed: three classes
		{".env.example", "DB_PASSWORD=kestrel42\n", ""},
		{".git-credentials", "https://ops@rose.ai:hunter22@github.com\n", "url-credentials"},
		{"docker/pip.conf", "[global]\nindex-url = https://ci:kestrel22@pypi.rose.internal/simple\n", "url-credentials"},
		{"docker/pip.conf", "[global]\nindex-url = https://ci:${PIP_PASSWORD}@pypi.rose.internal/simple\n", ""},
		{".m2/settings.xml", "<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>kestrel22</password>\n</server>\n", "generic-secret"},
		{"app/settings.xml", "<server>\n  <password>kestrel22</password>\n</server>\n", ""},
		{"config/master.key", "7c1e9b04d2a63f58e0b9c4d17a2f6e83" + "\n", "rails-secret-key-base"},
		{"app/master.key", "7c1e9b04d2a63f58e0b9c4d17a2f6e83" + "\n", ""},
	} {
		got := d.Scan(Fragment{Path: tc.path, Text: []byte(tc.text), StartLine: 1})
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: reported by %s, want nothing", tc.path, got[0].RuleID)
		case tc.want != "" && (len(got) != 1 || got[0].RuleID != tc.want):
			ids := []string{}
			for _, f := range got {
				ids = append(ids, f.RuleID)
			}
			t.Errorf("%s: reported %v, want one finding of %s", tc.path, ids, tc.want)
		}
	}
}

// TestTypedPasswordsOutsideStores checks that a password a person chose
// is reported where its name or URL says password, outside stores too,
// and a common one in disguise is not.
func TestTypedPasswordsOutsideStores(t *testing.T) {
	d := newTestDetector(t, Config{})
	for _, tc := range []struct {
		text string
		want string
	}{
		{"DATABASE_URL=postgres://app:Tulip-Garden42@db.rose.internal/app\n", "url-credentials"},
		{"db_password = \"Tulip-Garden42\"\n", "generic-secret"},
		{"var pg_pass = \"Tulip-Garden42\";\n", "generic-secret"}, // pass as a word of the name
		{"bypass = \"Tulip-Garden42\"\n", ""},                     // not a password's name
		{"DATABASE_URL=postgres://app:Passw0rd!@db.rose.internal/app\n", ""},
		{"db_password = \"Welcome123\"\n", ""},
		{"api_token = \"Tulip-Garden42\"\n", ""}, // a token is generated, not typed
	} {
		// Documentation illustrates with typed passwords, and CI and compose
		// files start throwaway databases with them: none is reported there.
		for _, where := range []string{"docs/setup.md", ".github/workflows/ci.yml", "sqlsrv.docker-compose.yml",
			"samples/orders/app.ts", "example/db.go", "docker/mssql/config.json", ".devcontainer/devcontainer.json",
			"ormconfig.circleci.json", "Dockerfile.dev"} {
			if got := d.Scan(Fragment{Path: where, Text: []byte(tc.text), StartLine: 1}); len(got) > 0 {
				t.Errorf("%q in %s: reported by %s", tc.text, where, got[0].RuleID)
			}
		}
		got := d.Scan(Fragment{Path: "app/config.py", Text: []byte(tc.text), StartLine: 1})
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%q: reported by %s, want nothing", tc.text, got[0].RuleID)
		case tc.want != "" && (len(got) != 1 || got[0].RuleID != tc.want):
			t.Errorf("%q: %d findings, want one of %s", tc.text, len(got), tc.want)
		}
	}
}

func TestServiceConfigPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{".github/workflows/ci.yml", true}, {".gitlab-ci.yml", true}, {"Earthfile", true},
		{"docker-compose.yml", true}, {"deploy/docker-compose.prod.yaml", true}, {"compose.yaml", true},
		{"sqlsrv.docker-compose.yml", true}, {".circleci/config.yml", true},
		{"config/database.yml", false}, {"docs/compose.md", false}, {".github/dependabot.yml", false},
		{"docker/hana/hxe-config.json", true}, {".devcontainer/devcontainer.json", true}, {"Dockerfile", true},
		{"build/api.Dockerfile", true}, {"ormconfig.circleci.json", true}, {"ormconfig.travis.json", true},
		{"src/docker.go", false}, {"samples/app.ts", false}, // sample code is sampleCodePath's
		{"wercker.yml", true}, {"appveyor.yml", true}, {".cirrus.yml", true}, {"cloudbuild.yaml", true},
		{".buildkite/pipeline.yml", true}, {"docs/wercker.md", false},
		// Generators' templates of such files.
		{"railties/lib/rails/generators/rails/app/templates/github/ci.yml.tt", true},
		{"templates/.gitlab-ci.yml.erb", true}, {"generators/app/templates/Dockerfile.tt", true},
		{"templates/config/database.yml.tt", false}, {"templates/github/dependabot.yml", false},
	} {
		if got := serviceConfigPath(tc.path); got != tc.want {
			t.Errorf("serviceConfigPath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestSampleCodePath(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"sample/sample37-vector/app.ts", true}, {"samples/Orders/Program.cs", true}, {"examples/smtp.php", true},
		{"pkg/example/main.go", true}, {"tutorial/scraper.py", true}, {"demos/shop/db.js", true}, {"src/sampler.go", false}, {"examples.md", false}, {"src/app.ts", false},
	} {
		if got := sampleCodePath(tc.path); got != tc.want {
			t.Errorf("sampleCodePath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}
