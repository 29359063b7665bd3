package secrets

import (
	"bytes"
	"path"
	"regexp"
	"strings"
)

// File-shaped credentials: login files (.netrc, .pgpass, .pypirc), framework
// secrets (Rails, Django, Laravel), kubeconfig, JDBC and NuGet passwords.
// Docker and npm registry files are in rules_registries.go; URLs with a
// password are the url-credentials rule's (including .git-credentials).
func fileRules() []ruleDef {
	return []ruleDef{
		def("netrc-password", "Password in a .netrc file",
			"A password in a .netrc (or _netrc) entry: machine, login and password, used by curl, git, ftp and pip for that host."+revoke,
			&pattern{
				password: true,
				keywords: []string{"machine"},
				after:    3, gate: lineHead, gateScan: 256,
				re:    regexp.MustCompile(`(?:^|\n)[ \t]*machine[ \t]+[A-Za-z0-9_.:-]+(?:\s+(?:login|account|port)[ \t]+[^\s]+)*\s+password[ \t]+([^\s]{6,})`),
				group: 1, priority: prioContext, testStrict: true,
				check: loginPasswordCheck,
			}).
			pos("machine api.heroku.com\n  login ops@rose.ai\n  password ⟦«uuid»⟧\n", "machine nexus.rose.internal login deploy password ⟦«pw:18»⟧\n",
				// "example" in a mailbox name is an address, not a statement that the line is an example.
				"machine imap.gmail.com login example@gmail.com password ⟦«pw:16»⟧\n").
			neg("machine example.com login user password password\n", "machine github.com login rosebot password ${GITHUB_TOKEN}\n"),
		def("pgpass-password", "Password in a PostgreSQL .pgpass file",
			"A password in a PostgreSQL password file line (host:port:database:user:password)."+revoke,
			&pattern{
				password: true,
				keywords: []string{":5432:", ":*:"},
				re:       regexp.MustCompile(`(?m)^[A-Za-z0-9_.*-]+:(?:[0-9]{2,5}|\*):[A-Za-z0-9_.*-]+:[A-Za-z0-9_.@*-]+:([^\s:]{6,})[ \t]*\r?$`),
				group:    1, priority: prioContext, testStrict: true,
				check: loginPasswordCheck,
			}).
			pos("db.prod.internal:5432:rose:rose_app:⟦«pw:20»⟧\n", "*:*:*:replicator:⟦«pw:24»⟧\n").
			neg("localhost:5432:postgres:postgres:postgres\n", "localhost:5432:*:user:changeme\n").
			// The password repeats the user or the database: a test login.
			negAt(".pgpass", "dm:5432:ledger_tests:ledger_tests:ledger_tests\n").
			negAt(".devcontainer/pgadmin/.pgpass", "*:*:*:replicator9:replicator9\n"),
		def("pypirc-password", "Password in a .pypirc file",
			"A password in a .pypirc section ([pypi], [testpypi] or a private index): twine uploads packages with it."+revoke,
			&pattern{
				password: true,
				keywords: []string{"password"},
				before:   6, gate: lineHead, gateScan: 256,
				anchor: regexp.MustCompile(`(?m)^\[(?:pypi|testpypi|distutils|[A-Za-z0-9_-]*(?:pypi|nexus|artifactory|devpi)[A-Za-z0-9_-]*)\]`),
				re:     regexp.MustCompile(`(?m)^password[ \t]*[:=][ \t]*([^\s]{6,})[ \t]*\r?$`),
				group:  1, priority: prioContext + 1, testStrict: true,
				check: func(s string, line []byte) bool { return !hasProviderPrefix(s) && loginPasswordCheck(s, line) },
			}).
			pos("[distutils]\nindex-servers =\n  nexus\n\n[nexus]\nrepository = https://nexus.rose.internal/repository/pypi/\nusername = deploy\npassword = ⟦«pw:20»⟧\n").
			neg("[pypi]\nusername = __token__\npassword = <your token>\n", "[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}\n"),
		def("rails-secret-key-base", "Rails secret_key_base or master key",
			"A Ruby on Rails secret_key_base (128 hexadecimal characters) or RAILS_MASTER_KEY (32): it signs and encrypts sessions and cookies, and the master key decrypts credentials.yml.enc."+revoke,
			&pattern{
				keywords: []string{"secret_key_base"},
				re:       regexp.MustCompile(`(?i:secret_key_base)["']?\s*[:=]>?\s*["']?([a-f0-9]{64,256})(?:[^A-Za-z0-9]|$)`),
				group:    1, minEntropy: 3.0, priority: prioContext + 1,
			},
			named([]string{"rails_master_key", "railsmasterkey"}, `[a-f0-9]{32}`, 3.0),
			// config/master.key holds the key alone, without a name.
			&pattern{
				files: railsKeyFile,
				re:    regexp.MustCompile(`\A[ \t\r\n]*([a-f0-9]{32})[ \t\r\n]*\z`),
				group: 1, minEntropy: 3.0, priority: prioContext + 1,
			}).
			pos("production:\n  secret_key_base: ⟦«hex:128»⟧\n", "SECRET_KEY_BASE=⟦«hex:128»⟧", "RAILS_MASTER_KEY=⟦«hex:32»⟧").
			posAt("config/master.key", "⟦«hex:32»⟧\n").
			posAt("web/config/credentials/production.key", "⟦«hex:32»⟧").
			neg("production:\n  secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>\n"),
		def("django-secret-key", "Django or Flask SECRET_KEY",
			"A Django (or Flask) SECRET_KEY set in code: it signs sessions, password-reset links and CSRF tokens, so whoever holds it can forge them. A django-insecure- key is still a leaked secret if it ever ran in production."+revoke,
			&pattern{
				keywords: []string{"secret_key"},
				re:       regexp.MustCompile(`\bSECRET_KEY\s*=\s*(?:os\.(?:environ\.get|getenv)\(\s*["'][A-Z_]+["']\s*,\s*)?[rb]?["']([^"'\s]{32,128})["']`),
				group:    1, priority: prioContext + 1, testStrict: true,
				check: func(s string, _ []byte) bool {
					if isHex(s) { // Flask's documented way: secrets.token_hex()
						return looksRandom(s, 32) && entropy(s) >= 3.3 && !frameworkExamples[s]
					}
					return strings.HasPrefix(s, "django-insecure-") && entropy(s[16:]) >= 4.0 || !hasProviderPrefix(s) && looksRandom(s, 32) && entropy(s) >= 4.0
				},
			}).
			pos("SECRET_KEY = '⟦django-insecure-«pw:50»⟧'", "SECRET_KEY = \"⟦«pw:50»⟧\"", "app.config['SECRET_KEY'] = 1\nSECRET_KEY = '⟦«hex:64»⟧'\n", "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", \"⟦«alnum:50»⟧\")").
			neg("SECRET_KEY = os.environ[\"SECRET_KEY\"]", "SECRET_KEY = 'change-me-to-a-long-random-string-in-production'"),
		def("laravel-app-key", "Laravel APP_KEY",
			"A Laravel APP_KEY (base64: and 32 random bytes): it encrypts cookies, sessions and encrypted model attributes; with it, a leaked session can be forged and, in some versions, code run."+revoke,
			&pattern{
				keywords: []string{"app_key"},
				re:       regexp.MustCompile(`(?i:APP_KEY)["']?\s*(?:=|=>|:|,)\s*["']?(base64:[A-Za-z0-9+/]{43}=)`),
				group:    1, minEntropy: 4.0, priority: prioContext + 1,
			}).
			pos("APP_ENV=production\nAPP_KEY=⟦base64:«key32»⟧\n", "'key' => env('APP_KEY', '⟦base64:«key32»⟧'),").
			neg("APP_KEY=", "APP_KEY=base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
		def("kubeconfig-token", "Bearer token in a kubeconfig",
			"A bearer token of a user in a kubeconfig file (users: … user: token:). It acts on the cluster as that user or service account."+revoke,
			&pattern{
				keywords: []string{"token:"},
				before:   6, gate: lineHead, gateScan: 256,
				anchor: regexp.MustCompile(`(?m)^[ \t-]*(?:users:|user:)[ \t]*\r?$`),
				re:     regexp.MustCompile(`(?m)^[ \t]+token:[ \t]*["']?([A-Za-z0-9._~+/=-]{20,})["']?[ \t]*\r?$`),
				group:  1, priority: prioContext + 1,
				check: func(s string, _ []byte) bool {
					if strings.HasPrefix(s, "eyJ") {
						return validJWT(s)
					}
					return !hasProviderPrefix(s) && looksRandom(s, 20)
				},
			}).
			pos("apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ⟦«jwt»⟧\n", "users:\n- name: admin\n  user:\n    token: ⟦«b64url:48»⟧\n").
			neg("users:\n- name: ci\n  user:\n    token: ${KUBE_TOKEN}\n", "users:\n- name: ci\n  user:\n    exec:\n      command: aws\n"),
		def("kubeconfig-client-key", "Client private key in a kubeconfig (client-key-data)",
			"A kubeconfig client-key-data value: the base64 of the user's PEM private key, which authenticates as that user to the cluster. It is checked to decode to a private key."+revoke,
			&pattern{
				keywords: []string{"client-key-data"},
				after:    1, // the base64 of a PEM key runs to kilobytes
				re:       regexp.MustCompile(`client-key-data["']?\s*:\s*["']?([A-Za-z0-9+/]{100,}={0,2})`),
				group:    1, minEntropy: 4.5, priority: prioProvider + 1,
				check: encodedPEMCheck,
			}).
			pos("users:\n- name: admin\n  user:\n    client-certificate-data: «enc64:-----BEGIN CERTIFICATE-----»\n    client-key-data: ⟦«enc64:«pem:ec»»⟧\n").
			neg("    client-key-data: REDACTED\n", "    client-key-data: «enc64:-----BEGIN CERTIFICATE-----\n«b64:64»\n«b64:64»\n-----END CERTIFICATE-----»\n"),
		def("jdbc-password", "Password in a JDBC or ODBC connection string",
			"A password in a JDBC URL (jdbc:…;password=… or ?password=…, Oracle's jdbc:oracle:thin:user/password@host), an Oracle SQL*Plus login (sqlplus user/password@db) or an ADO.NET/ODBC connection string (Password=… / Pwd=…)."+revoke,
			// Oracle writes the login before the host: user/password@.
			&pattern{
				password: true,
				keywords: []string{"jdbc:oracle:", "sqlplus "},
				re:       regexp.MustCompile(`(?:jdbc:oracle:[a-z0-9]+:|sqlplus(?:[ \t]+-[A-Za-z]+)*[ \t]+["']?)[A-Za-z][A-Za-z0-9_$#]{0,29}/([^\s@/"'<>;]{3,128})@`),
				group:    1, priority: prioContext, testStrict: true,
				check: oraclePasswordCheck,
			},
			&pattern{
				password: true,
				keywords: []string{"jdbc:"},
				re:       regexp.MustCompile(`jdbc:[a-z0-9]+:[^\s"'<>]*?[;?&](?i:password|pwd)=([^;&\s"'<>]{4,})`),
				group:    1, priority: prioContext, testStrict: true,
				check: loginPasswordCheck,
			},
			&pattern{
				password: true,
				keywords: []string{"password=", "pwd="},
				anchor:   regexp.MustCompile(`(?i)(?:Server|Data Source|Host)=[^;]+;`),
				re:       regexp.MustCompile(`(?i:;\s*(?:password|pwd))=([^;"'\s]{6,})(?:;|["']|\s|$)`),
				group:    1, priority: prioContext, testStrict: true,
				check: loginPasswordCheck,
			}).
			pos("spring.datasource.url=jdbc:sqlserver://db.rose.internal:1433;databaseName=rose;user=app;password=⟦«pw:18»⟧",
				"url = \"jdbc:postgresql://db:5432/rose?user=app&password=⟦«pw:18»⟧&ssl=true\"",
				"\"ConnectionStrings\": {\"Default\": \"Server=tcp:rose.database.windows.net,1433;Database=rose;User ID=app;Password=⟦«pw:20»⟧;Encrypt=True;\"}").
			pos("db.url=jdbc:oracle:thin:rose_app/⟦«pw:18»⟧@//db.rose.internal:1521/ROSE\n", "sqlplus -s rose_app/⟦«alnum:20»⟧@db.rose.internal:1521/ROSE @migrate.sql\n").
			neg("jdbc:mysql://localhost:3306/test?user=root&password=root", "Server=localhost;Database=x;User Id=sa;Password=${DB_PASSWORD};",
				"jdbc:oracle:thin:scott/tiger@localhost:1521:orcl", "sqlplus / as sysdba", "sqlplus app/${DB_PASSWORD}@db",
				"sqlplus petclinic/petclinic@//localhost:1521/petclinic @/db/oracle/1_schema.sql",
				// The password repeats the user or the database: a test login.
				"<add key=\"ConnectionString\" value=\"Server=localhost;User ID=ledger_tests;Password=ledger_tests;Database=ledger_tests;Encoding=UNICODE\" />",
				"const string conStr = \"Server=localhost;Port=5432;User Id=ledgertest;Password=ledgerpass;Database=ledgertest\";",
				// A product's default password, a stand-in in capitals.
				"Server=10.0.0.8\\B2;Initial Catalog=tempdb;User Id=sa; Password=sybase@16",
				"server=localhost;User Id=root;Pwd=YOURPASSWORD;database=shop"),
		def("wordpress-auth-salt", "WordPress authentication key or salt",
			"A WordPress authentication key or salt in wp-config.php (AUTH_KEY, SECURE_AUTH_KEY, LOGGED_IN_KEY, NONCE_KEY and their _SALT): they sign the login cookies, so whoever holds them can forge a session of any user, administrators included."+revoke,
			&pattern{
				keywords: []string{"auth_key", "auth_salt", "logged_in_key", "logged_in_salt", "nonce_key", "nonce_salt"},
				re:       regexp.MustCompile(`define\(\s*['"](?:SECURE_)?(?:AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)['"]\s*,\s*'([^'\n]{32,})'\s*\)`),
				group:    1, minEntropy: 4.5, priority: prioContext + 1, noPlaceholder: true,
				check: func(s string, _ []byte) bool {
					// Salts are printable noise (<, >, $, {, } included): the
					// placeholder markers do not apply, a stand-in is WordPress's
					// own sentence or a value of few distinct characters.
					return !strings.Contains(strings.ToLower(s), "unique phrase") && distinct(s) >= 16
				},
			}).
			pos("define('AUTH_KEY',         '⟦«b64:64»⟧');", "define( 'NONCE_SALT', '⟦«pw:64»⟧' );").
			neg("define('AUTH_KEY',         'put your unique phrase here');", "define('AUTH_KEY', getenv('WP_AUTH_KEY'));"),
		def("nuget-config-password", "Password in a NuGet.config",
			"A clear-text package source password in a NuGet.config (<add key=\"ClearTextPassword\" value=\"…\"/>)."+revoke,
			&pattern{
				password: true,
				keywords: []string{"cleartextpassword"},
				re:       regexp.MustCompile(`<add\s+key="ClearTextPassword"\s+value="([^"]{6,})"\s*/>`),
				group:    1, priority: prioContext, testStrict: true,
				check: loginPasswordCheck,
			}).
			pos("<packageSourceCredentials>\n  <rose>\n    <add key=\"Username\" value=\"ci\" />\n    <add key=\"ClearTextPassword\" value=\"⟦«pw:20»⟧\" />\n  </rose>\n</packageSourceCredentials>\n").
			neg("<add key=\"ClearTextPassword\" value=\"%NUGET_PASSWORD%\" />"),
		def("sidekiq-enterprise-credentials", "Sidekiq Pro/Enterprise gem server credentials",
			"The credentials of the Sidekiq Pro or Enterprise gem server (8 and 8 hexadecimal characters), in BUNDLE_ENTERPRISE__CONTRIBSYS__COM / BUNDLE_GEMS__CONTRIBSYS__COM or a contribsys.com source URL."+revoke,
			named([]string{"bundle_enterprise__contribsys__com", "bundle_gems__contribsys__com"}, `[a-f0-9]{8}:[a-f0-9]{8}`, 2.5),
			&pattern{
				keywords: []string{"contribsys.com"},
				// Ends a few bytes after the secret: the engine gives a windowed
				// expression 16 bytes of context after the value.
				re:    regexp.MustCompile(`https?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.`),
				group: 1, minEntropy: 2.5, priority: prioProvider,
			}).
			pos("BUNDLE_ENTERPRISE__CONTRIBSYS__COM=⟦«hex:8»:«hex:8»⟧", "source \"https://⟦«hex:8»:«hex:8»⟧@enterprise.contribsys.com/\" do").
			neg("BUNDLE_ENTERPRISE__CONTRIBSYS__COM=${SIDEKIQ_CREDS}"),
	}
}

// loginPasswordCheck judges a password of a login file or connection
// string: not a stand-in (password, changeme, root, <…>, xxxx), a variable
// reference, a name or a code expression.
// oraclePasswordCheck judges the password of an Oracle user/password@
// login outside credential stores as typed passwords are judged: a user's
// name repeated (petclinic/petclinic, scott/scott) and Oracle's demo
// scott/tiger are stand-ins.
func oraclePasswordCheck(pw string, line []byte) bool {
	if i := bytes.Index(line, []byte("/"+pw+"@")); i > 0 {
		j := i
		for j > 0 && (isAlnum(line[j-1]) || line[j-1] == '_' || line[j-1] == '$' || line[j-1] == '#') {
			j--
		}
		if strings.EqualFold(string(line[j:i]), pw) {
			return false
		}
	}
	return !weakPasswords[strings.ToLower(pw)] && !isPlaceholder(pw) && !strings.EqualFold(pw, "tiger") &&
		(typedPassword(pw) || looksRandom(pw, 8))
}

func loginPasswordCheck(pw string, _ []byte) bool {
	if weakPasswords[strings.ToLower(pw)] || strings.ContainsAny(pw, "$%{}<>") || isPlaceholder(pw) || vendorDefault(pw) {
		return false
	}
	// A login file or connection string holds a real password whatever its
	// strength (pass123 in a .netrc logs in): only stand-ins are dropped.
	return len(pw) >= 6 && !identifierLike(pw) && !codeRef(pw)
}

// railsKeyFile reports whether p is a Rails master key file:
// config/master.key, or a per-environment config/credentials/<env>.key.
func railsKeyFile(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	if p == "config/master.key" || strings.HasSuffix(p, "/config/master.key") {
		return true
	}
	dir, base := path.Split(p)
	return strings.HasSuffix(base, ".key") && (dir == "config/credentials/" || strings.HasSuffix(dir, "/config/credentials/"))
}
