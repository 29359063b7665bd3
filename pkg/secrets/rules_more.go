package secrets

import (
	"regexp"
	"strings"
)

// More provider formats: AI and search APIs, SBOM and IoT platforms,
// streaming keys, older webhook hosts, short Vault token forms, and
// passwords of managed cloud databases in connection URLs.
func moreProviderRules() []ruleDef {
	return []ruleDef{
		tok("tavily-api-key", "Tavily API key",
			"A Tavily search API key (tvly-, an optional dev-/prod- tier and 32 letters and digits): it spends the account's search credits.",
			"tvly-", `tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}`, 3.5).
			pos("TAVILY_API_KEY=⟦tvly-«alnum:32»⟧", "TAVILY_API_KEY=⟦tvly-dev-«alnum:32»⟧").
			neg("TAVILY_API_KEY=\"tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""),
		tok("dependency-track-api-key", "Dependency-Track API key",
			"An OWASP Dependency-Track API key (odt_ and 32 or more letters and digits): it uploads SBOMs and reads the portfolio's vulnerabilities, with its team's permissions.",
			"odt_", `odt_[A-Za-z0-9]{32,40}`, 3.5).
			pos("DTRACK_API_KEY=⟦odt_«alnum:32»⟧").
			neg("DTRACK_API_KEY=odt_<key>"),
		tok("jina-api-key", "Jina AI API key",
			"A Jina AI API key (jina_ and 60 letters and digits, the first 32 hexadecimal in the keys Jina issues): it spends the account's tokens on the embedding, reader and search APIs.",
			"jina_", `jina_[A-Za-z0-9]{60}`, 3.5).
			pos("JINA_API_KEY=⟦jina_«hex:32»«alnum:28»⟧", "JINA_API_KEY=⟦jina_«alnum:60»⟧").
			neg("JINA_API_KEY=jina_<key>"),
		tok("segment-public-api-token", "Segment public API token",
			"A Twilio Segment public API token (sgp_ and 64 letters and digits): it manages the workspace's sources, destinations and tracking plans.",
			"sgp_", `sgp_[A-Za-z0-9]{64}`, 3.5).
			pos("SEGMENT_TOKEN=⟦sgp_«alnum:64»⟧").
			neg("SEGMENT_TOKEN=sgp_<token>"),
		tok("twitch-stream-key", "Twitch stream key",
			"A Twitch stream key (live_, the channel's numeric ID, _ and 30 letters and digits): whoever holds it can broadcast on the channel. Reset it in the creator dashboard.",
			"live_", `live_[0-9]{6,12}_[A-Za-z0-9]{30}`, 3.5).
			pos("STREAM_KEY=⟦live_«digits:9»_«alnum:30»⟧").
			neg("STREAM_KEY=live_<channel>_<key>"),
		tok("teamwork-api-token", "Teamwork API token",
			"A Teamwork.com API token (tkn.v1_ and a base64 body) for Teamwork Projects, Desk, CRM or Spaces: it acts as its user on the site.",
			"tkn.v1_", `tkn\.v1_[A-Za-z0-9+/]{60,100}={0,2}`, 4.0).
			pos("TEAMWORK_TOKEN=⟦tkn.v1_«b64:68»=⟧").
			neg("TEAMWORK_TOKEN=tkn.v1_<token>"),
		tok("flexport-api-key", "Flexport API key",
			"A Flexport API key (shltm_ and 40 letters and digits): it reads and books the company's shipments.",
			"shltm_", `shltm_[A-Za-z0-9_-]{40}`, 3.5).
			pos("FLEXPORT_API_KEY=⟦shltm_«alnum:40»⟧").
			neg("FLEXPORT_API_KEY=shltm_<key>"),
		tok("pagarme-api-key", "Pagar.me live API key",
			"A Pagar.me live API key (ak_live_ and 30 letters and digits): it charges cards and refunds payments on the account.",
			"ak_live_", `ak_live_[A-Za-z0-9]{30}`, 3.5).
			pos("PAGARME_API_KEY=⟦ak_live_«alnum:30»⟧").
			neg("PAGARME_API_KEY=ak_test_«alnum:30»"),
		tok("ubidots-token", "Ubidots token",
			"An Ubidots API token (BBFF- and 30 letters and digits): it reads and writes the account's devices and variables.",
			"BBFF-", `BBFF-[A-Za-z0-9]{30}`, 3.5).
			pos("UBIDOTS_TOKEN=⟦BBFF-«alnum:30»⟧").
			neg("UBIDOTS_TOKEN=BBFF-<token>"),
		tok("voiceflow-api-key", "Voiceflow API key",
			"A Voiceflow Dialog Manager or workspace API key (VF.DM. / VF.WS., 24 hexadecimal characters, a dot and 16 or more characters): it runs and edits the workspace's assistants.",
			"VF.", `VF\.(?:DM|WS)\.[a-f0-9]{24}\.[A-Za-z0-9]{16,}`, 3.5).
			pos("VOICEFLOW_API_KEY=⟦VF.DM.«hex:24».«alnum:16»⟧").
			neg("VOICEFLOW_API_KEY=VF.DM.<id>.<key>"),
		tok("zoho-oauth-token", "Zoho OAuth access or refresh token",
			"A Zoho OAuth access or refresh token (1000., 32 hexadecimal characters, a dot and 32 more): it acts on the Zoho apps (CRM, Books, Desk) the grant covers.",
			"1000.", `1000\.[a-f0-9]{32}\.[a-f0-9]{32}`, 3.0).
			pos("ZOHO_REFRESH_TOKEN=⟦1000.«hex:32».«hex:32»⟧").
			neg("version: 1000.0.1"),
		tok("ionic-personal-token", "Ionic Appflow personal access token",
			"An Ionic Appflow personal access token (ion_ and 42 letters and digits): it builds and deploys the organisation's apps.",
			"ion_", `ion_[A-Za-z0-9]{42}`, 3.5).
			pos("IONIC_TOKEN=⟦ion_«alnum:42»⟧").
			neg("IONIC_TOKEN=ion_<token>"),
		def("thingsboard-access-token", "ThingsBoard device access token",
			"A ThingsBoard device access token in a device API URL (…/api/v1/<token>/telemetry, attributes, rpc): whoever holds it can send data as the device."+revoke,
			&pattern{
				keywords: []string{"/api/v1/"},
				re:       regexp.MustCompile(`/api/v1/([A-Za-z0-9]{20})/(?:telemetry|attributes|rpc|claim|provision)\b`),
				group:    1, minEntropy: 3.3, priority: prioProvider,
				check: func(s string, line []byte) bool { return twoClasses(s, line) && indexFold(line, "thingsboard") >= 0 },
			}).
			pos("curl -X POST https://thingsboard.cloud/api/v1/⟦«lownum:20»⟧/telemetry -d '{\"t\":21}'").
			neg("POST https://api.rose.ai/api/v1/«lownum:20»/telemetry"),
		def("truenas-api-key", "TrueNAS API key",
			"A TrueNAS API key (the key's number, - and 64 letters and digits), passed to auth.login_with_api_key or assigned to a TrueNAS name: it acts on the NAS as the key's user, root by default."+revoke,
			&pattern{
				keywords: []string{"login_with_api_key"},
				after:    6,
				re:       regexp.MustCompile(`login_with_api_key"[^\[]{0,40}\[\s*"([0-9]{1,4}-[A-Za-z0-9]{64})"`),
				group:    1, minEntropy: 4.0, priority: prioProvider,
			},
			named([]string{"truenas"}, `[0-9]{1,4}-[A-Za-z0-9]{64}`, 4.0)).
			pos(`{"id":"«uuid»","msg":"method","method":"auth.login_with_api_key","params":["⟦3-«alnum:64»⟧"]}`, "TRUENAS_API_KEY=⟦2-«alnum:64»⟧").
			neg("TRUENAS_API_KEY=${TRUENAS_API_KEY}"),
		def("microsoft-teams-legacy-webhook", "Microsoft Teams incoming webhook URL (outlook.office.com)",
			"A Microsoft Teams incoming webhook URL on the older outlook.office.com/webhook/ host. Anyone holding it can post to its channel."+revoke,
			&pattern{
				keywords: []string{"outlook.office.com/webhook"},
				re:       regexp.MustCompile(`(https://outlook\.office(?:365)?\.com/webhook/` + uuidRe + `@` + uuidRe + `/IncomingWebhook/[A-Za-z0-9]{32}/` + uuidRe + `)`),
				group:    1, minEntropy: 3.5, priority: prioProvider,
			}).
			pos("TEAMS_WEBHOOK=⟦https://outlook.office.com/webhook/«uuid»@«uuid»/IncomingWebhook/«hex:32»/«uuid»⟧").
			neg("TEAMS_WEBHOOK=https://outlook.office.com/webhook/<id>@<tenant>/IncomingWebhook/<key>/<owner>"),
		def("vault-token-short", "HashiCorp Vault token (short hvs. form, long s.CAES form)",
			"A HashiCorp Vault service token (hvs.) of the shorter form that HCP Vault and some versions issue (24 to 60 letters and digits), or a legacy service token (s.) in its long CAES form: it reads and writes the secrets its policies allow."+revoke,
			prefixed("hvs.", `hvs\.[A-Za-z0-9]{24,60}`, 4.0),
			withCheck(prefixed("s.CAES", `s\.CAES[A-Za-z0-9_-]{80,200}`, 4.0), func(s string, _ []byte) bool { return true })).
			pos("VAULT_TOKEN=⟦hvs.«alnum:37»⟧", "apikey: ⟦hvs.«alnum:37»⟧", "vault login ⟦s.CAES«b64url:100»⟧").
			neg("VAULT_TOKEN=hvs.<token>"),
		def("vault-unseal-command", "HashiCorp Vault unseal key on a command line",
			"A HashiCorp Vault unseal or recovery key share passed to vault operator unseal: enough shares unseal the Vault and expose every secret in it."+revoke,
			&pattern{
				keywords: []string{"operator unseal"},
				re:       regexp.MustCompile(`operator unseal\s+(?:-[a-z-]+(?:=\S+)?\s+)*([A-Za-z0-9+/]{43}[A-Za-z0-9+/=])(?:[^A-Za-z0-9+/=]|$)`),
				group:    1, minEntropy: 4.0, priority: prioProvider,
			}).
			pos("kubectl -n vault exec -ti vault-0 -- vault operator unseal ⟦«key32»⟧").
			neg("vault operator unseal $UNSEAL_KEY_1"),
		def("wireguard-preshared-key", "WireGuard preshared key",
			"A WireGuard preshared key (PresharedKey = 44 base64 characters): with the peers' keys it protects the tunnel, and leaked it weakens the post-quantum layer of every session that used it."+revoke,
			&pattern{
				keywords: []string{"presharedkey"},
				re:       regexp.MustCompile(`(?i:PresharedKey)\s*=\s*["']?([A-Za-z0-9+/]{43}=)(?:[^A-Za-z0-9+/=]|$)`),
				group:    1, minEntropy: 4.0, priority: prioProvider,
			}).
			pos("[Peer]\nPublicKey = «key32»\nPresharedKey = ⟦«key32»⟧\nAllowedIPs = 10.8.0.0/24\n").
			neg("PresharedKey = <preshared key>"),
		def("dotnet-credential-password", "Password passed to a .NET or PowerShell credential constructor",
			"A password written into code that builds a credential: new NetworkCredential(\"user\", \"password\"), new DirectoryEntry(\"LDAP://…\", \"user\", \"password\"), or a .NET appSettings entry whose key names a password, secret or key (<add key=\"SmtpPassword\" value=\"…\"/>)."+revoke,
			&pattern{
				password: true,
				keywords: []string{"networkcredential(", "directoryentry("},
				after:    2,
				re:       regexp.MustCompile(`(?i:NetworkCredential|DirectoryEntry)\(\s*(?:"[^"\n]{0,200}"\s*,\s*)?"[^"\n]{1,200}"\s*,\s*"([^"\s]{6,128})"`),
				group:    1, priority: prioContext, testStrict: true,
				check: codePasswordCheck,
			},
			&pattern{
				password: true,
				keywords: []string{"<add key="},
				re:       regexp.MustCompile(`<add\s+key="[A-Za-z0-9_.:-]*(?i:password|passwd|pwd|secret|apikey|api_key|token)[A-Za-z0-9_.:-]*"\s+value="([^"\s]{6,256})"`),
				// Below the NuGet.config rule and the providers' rules.
				group: 1, priority: prioGeneric, testStrict: true,
				check: codePasswordCheck,
			}).
			pos("client.Credentials = new NetworkCredential(\"ci@rose.ai\", \"⟦Tulip-Garden42⟧\");",
				"new DirectoryEntry(\"LDAP://dc.rose.internal\",\n    \"ROSE\\\\svc-ldap\",\n    \"⟦«pw:16»⟧\");",
				"<appSettings>\n  <add key=\"SmtpPassword\" value=\"⟦Prestige-Harbor$⟧\"/>\n</appSettings>").
			neg("new NetworkCredential(user, password)", "new NetworkCredential(\"user\", \"password\")",
				"<add key=\"SmtpPassword\" value=\"\"/>", "<add key=\"SmtpPassword\" value=\"#{SmtpPassword}\"/>"),
		def("android-buildconfig-secret", "Secret in an Android buildConfigField",
			"A key, token, secret or password compiled into an Android app with buildConfigField(\"String\", \"API_KEY\", \"\\\"…\\\"\"): it ships in every APK, where anyone can read it."+revoke,
			&pattern{
				keywords: []string{"buildconfigfield"},
				re:       regexp.MustCompile(`buildConfigField\s*\(?\s*['"]String['"]\s*,\s*['"][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)[A-Z0-9_]*['"]\s*,\s*['"]\\?"([A-Za-z0-9_+/=.:-]{16,256})\\?"['"]`),
				group:    1, minEntropy: 3.3, priority: prioContext, testStrict: true,
				check: func(s string, _ []byte) bool { return !hasProviderPrefix(s) && looksRandom(s, 16) },
			}).
			pos(`buildConfigField 'String' , 'MAPS_API_KEY' , '"⟦«hex:32»⟧"'`, `buildConfigField("String", "API_TOKEN", "\"⟦«alnum:40»⟧\"")`).
			neg(`buildConfigField "String", "API_KEY", "\"${apiKey}\""`, `buildConfigField "String", "BASE_URL", "\"https://api.rose.ai\""`),
		def("codeclimate-reporter-id", "Code Climate test reporter ID",
			"A Code Climate test reporter ID (64 hexadecimal characters): despite its name it is the secret with which coverage reports are uploaded for the repository."+revoke,
			namedID([]string{"cc_test_reporter_id", "codeclimate_reporter_id", "code_climate_reporter_id"}, `[a-f0-9]{64}`, 3.0)).
			pos("env:\n  CC_TEST_REPORTER_ID: ⟦«hex:64»⟧\n").
			neg("CC_TEST_REPORTER_ID: ${{ secrets.CC_TEST_REPORTER_ID }}"),
		tok("github-user-refresh-token", "GitHub App user refresh token",
			"A GitHub App user-to-server refresh token (ghr_ and 76 characters): it obtains new user access tokens for the app until it is used or expires.",
			"ghr_", `ghr_[A-Za-z0-9]{76}`, 4.0).
			pos("\"refresh_token\": \"⟦ghr_«alnum:76»⟧\"").
			neg("\"refresh_token\": \"ghr_<token>\""),
		def("phpmailer-password", "SMTP password set on PHPMailer",
			"An SMTP password written into PHP code that sends mail with PHPMailer ($mail->Password = '…'): it logs in to the mail account, which can then send mail as the site."+revoke,
			&pattern{
				password: true,
				keywords: []string{"->password"},
				re:       regexp.MustCompile(`\$[A-Za-z_][A-Za-z0-9_]*->Password\s*=\s*['"]([^'"\s]{6,128})['"]`),
				group:    1, priority: prioContext, testStrict: true,
				check: func(s string, line []byte) bool {
					return codePasswordCheck(s, line) || storedPasswordCheck(s, line) && !weakPassword(s)
				},
			}).
			pos("$mail->isSMTP();\n$mail->Host = 'smtp.rose.ai';\n$mail->Username = 'noreply@rose.ai';\n$mail->Password = '⟦qu!lted-ferns⟧';\n").
			neg("$mail->Password = 'secret';", "$mail->Password = getenv('SMTP_PASSWORD');", "$mail->Password = $config['smtp_password'];",
				"$mail->Password   = \"yourpwd123\";", "$mail->Password = 'YourPassword';"),
		def("cloud-database-url", "Password in a managed cloud database URL",
			"A password in a connection URL (postgres, mysql, mongodb, redis, amqp) whose host is a managed cloud database (Amazon RDS and Redshift, MongoDB Atlas and mLab, Azure, Google Cloud SQL, Heroku, Supabase, Neon, PlanetScale, Upstash, Redis Cloud, ElephantSQL, CloudAMQP, DigitalOcean, Aiven, CockroachDB Cloud): whatever its strength it logs in from anywhere."+revoke,
			&pattern{
				password: true,
				keywords: []string{"postgres://", "postgresql://", "mysql://", "mongodb://", "mongodb+srv://", "redis://", "rediss://", "amqp://", "amqps://"},
				// The schemes are spelled as the keywords, so that the
				// expression runs anchored at each keyword (planAnchor), and
				// the lengths are checked in code (cloudDatabasePasswordCheck):
				// counted repetitions made a program of 938 instructions, and
				// the search over each window took about 15 µs a URL.
				re: regexp.MustCompile(`(?:postgres://|postgresql://|mysql://|mongodb://|mongodb\+srv://|redis://|rediss://|amqp://|amqps://)[^\s:/@"'<>]+:([^\s/"'<>]{3,})@([A-Za-z0-9.-]{3,})`),
				// Below url-credentials: a random password is that rule's.
				group: 1, priority: prioGeneric, noPlaceholder: true,
				check: cloudDatabasePasswordCheck,
			}).
			pos("\"REDSHIFT\": \"postgres://etl:⟦harbor2020⟧@warehouse.c0«lownum:10».us-east-1.redshift.amazonaws.com:5439/lake\"",
				"MONGO_URL=mongodb+srv://app:⟦Pelican@2019⟧@cluster0.«lownum:6».mongodb.net/prod",
				"      uri: \"mongodb://shop:⟦kestrel7⟧@ds0«digits:5».mlab.com:«digits:5»/shop\"").
			neg("DATABASE_URL=postgres://app:password@db.rose.internal:5432/app",
				"DATABASE_URL=postgres://app:${DB_PASSWORD}@rose.c0abcdefgh.us-east-1.rds.amazonaws.com/app",
				"REDIS_URL=redis://default:changeme@redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com:12345",
				// A host that says it was left out: documentation's stand-in.
				"const uri = 'mongodb+srv://svc:kestrel7@cluster1-OMITTED.mongodb.net/' +"),
		def("blynk-oauth-client-secret", "Blynk OAuth client secret",
			"The secret of a Blynk.Cloud OAuth client (40 characters after its oa2-client-id_ client ID, as curl -u id:secret or client_secret=): it obtains tokens for the organisation's devices and data."+revoke,
			&pattern{
				keywords: []string{"oa2-client-id_"},
				re:       regexp.MustCompile(`oa2-client-id_[A-Za-z0-9_-]{32}(?::|&client_secret=)([A-Za-z0-9_-]{40})(?:[^A-Za-z0-9_-]|$)`),
				group:    1, minEntropy: 4.0, priority: prioProvider,
			}).
			pos("curl -X POST https://fra1.blynk.cloud/oauth2/token?grant_type=client_credentials \\\n  -u oa2-client-id_«b64url:32»:⟦«alnum:40»⟧\n",
				"https://blynk.cloud/oauth2/token?grant_type=client_credentials&client_id=oa2-client-id_«b64url:32»&client_secret=⟦«alnum:40»⟧").
			neg("-u oa2-client-id_«b64url:32»:$BLYNK_CLIENT_SECRET"),
		def("psexec-password", "Password on a PsExec command line",
			"A Windows account password passed to Sysinternals PsExec (psexec \\\\host -u user -p password): it runs programs as that account on the remote machine, often an administrator."+revoke,
			&pattern{
				password: true,
				keywords: []string{"psexec"},
				re:       regexp.MustCompile(`(?i:psexec)(?:\.exe)?\b[^\n]{0,200}?\s-u\s+[^\s-][^\s]*\s+-p\s+("[^"\n]{4,64}"|[^\s"]{4,64})`),
				group:    1, priority: prioContext, testStrict: true,
				check: func(s string, line []byte) bool { return codePasswordCheck(strings.Trim(s, `"`), line) },
			}).
			pos("psexec \\\\10.20.0.14 -u Administrator -p ⟦Gr4nite!fox⟧ cmd /c ipconfig\n",
				"PsExec.exe \\\\build-07 -u CORP\\svc_build -p ⟦\"tundra 88 lark\"⟧ -i -d deploy.cmd\n").
			neg("psexec \\\\host -u Administrator -p %ADMIN_PASSWORD% cmd\n", "psexec \\\\host -u user -p $Password -i calc.exe\n",
				"PsExec.exe \\\\host -u DOMAIN\\ADMINISTRATOR -p PASSWORD cmd\n", "psexec \\\\host -u admin -p <password> cmd\n"),
	}
}

// codePasswordCheck judges a password written into a credential
// constructor or a configuration entry: not a stand-in, a reference or a
// common password in disguise.
func codePasswordCheck(pw string, line []byte) bool {
	if weakPasswords[strings.ToLower(pw)] || weakPassword(pw) || isPlaceholder(pw) || pw[0] == '%' ||
		strings.Contains(pw, "${") || strings.Contains(pw, "$(") || strings.Contains(pw, "#{") || strings.ContainsAny(pw, "<>{}") {
		return false
	}
	return distinct(pw) >= 5 && !identifierLike(pw) && !codeRef(pw)
}

// cloudDatabaseHosts end the host names of managed database services.
var cloudDatabaseHosts = []string{
	".rds.amazonaws.com", ".redshift.amazonaws.com", ".cache.amazonaws.com", ".docdb.amazonaws.com",
	".mongodb.net", ".database.azure.com", ".documents.azure.com", ".redis.cache.windows.net", ".database.windows.net",
	".servicebus.windows.net", ".compute.amazonaws.com", ".supabase.co", ".supabase.com", ".neon.tech",
	".psdb.cloud", ".upstash.io", ".redislabs.com", ".redns.redis-cloud.com", ".elephantsql.com", ".cloudamqp.com",
	".db.ondigitalocean.com", ".aivencloud.com", ".cockroachlabs.cloud", ".heroku.com", ".herokuapp.com",
	".render.com", ".railway.app", ".rlwy.net", ".timescale.com", ".tsdb.cloud.timescale.com", ".clever-cloud.com",
	".mongolab.com", ".mlab.com",
}

// cloudDatabasePasswordCheck accepts a URL password whose host is a managed
// cloud database and that is not a stand-in or a reference.
func cloudDatabasePasswordCheck(pw string, line []byte) bool {
	if len(pw) > 128 || weakPasswords[strings.ToLower(pw)] || strings.ContainsAny(pw, "${}<>") || isPlaceholder(pw) || distinct(pw) < 4 {
		return false
	}
	host, ok := urlHostAfter(pw, line)
	if !ok || placeholderHost(host) {
		return false
	}
	for _, h := range cloudDatabaseHosts {
		if strings.HasSuffix(host, h) {
			return true
		}
	}
	return false
}

// urlHostAfter returns the host (lower case) of the URL on line whose
// password is pw: what follows the password's @ (a password may hold @).
func urlHostAfter(pw string, line []byte) (string, bool) {
	l := string(line)
	i := strings.Index(l, ":"+pw+"@")
	if i < 0 {
		return "", false
	}
	host := strings.ToLower(l[i+len(pw)+2:])
	if j := strings.IndexAny(host, ":/?\"' \t,;<>&"); j >= 0 {
		host = host[:j]
	}
	return host, true
}

// placeholderHost reports whether a URL's host says it stands in for one:
// cluster0-OMITTED.mongodb.net, REDACTED.rds.amazonaws.com,
// xxx.supabase.co, your-cluster.mongodb.net.
func placeholderHost(host string) bool {
	for _, m := range [...]string{"omitted", "redacted", "xxx", "placeholder", "your-", "your_", "yourcluster",
		"yourserver", "yourdomain", "yourhost", "yourdb", "yourproject", "yourapp"} {
		if strings.Contains(host, m) {
			return true
		}
	}
	// company.com stands for the reader's own domain in documentation
	// (pypi.company.com, git.mycompany.com).
	return host == "company.com" || strings.HasSuffix(host, ".company.com") || strings.HasSuffix(host, "mycompany.com")
}
