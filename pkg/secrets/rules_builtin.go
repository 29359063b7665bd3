package secrets

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

type ruleDef struct {
	rule     *Rule
	patterns []*pattern
	// examples are the rule's true and false examples: templates that the
	// tests expand with generated values (package secretstest), so that no
	// credential-shaped literal sits in the code. Every built-in rule has
	// both kinds; TestRuleExamples runs them.
	examples []example
}

// example is one example text of a rule (a secretstest template).
type example struct {
	text  string
	path  string // the file the text is scanned as; "" for a neutral path
	match bool   // the rule must report the ⟦secret⟧; false: nothing may be reported
}

// pos adds true examples: the rule must report each one's ⟦secret⟧.
func (d ruleDef) pos(texts ...string) ruleDef {
	for _, t := range texts {
		d.examples = append(d.examples, example{text: t, match: true})
	}
	return d
}

// neg adds false examples: no rule may report anything in them.
func (d ruleDef) neg(texts ...string) ruleDef {
	for _, t := range texts {
		d.examples = append(d.examples, example{text: t})
	}
	return d
}

// posAt and negAt add an example scanned as the file at path.
func (d ruleDef) posAt(path, text string) ruleDef {
	d.examples = append(d.examples, example{text: text, path: path, match: true})
	return d
}

func (d ruleDef) negAt(path, text string) ruleDef {
	d.examples = append(d.examples, example{text: text, path: path})
	return d
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
	p := &pattern{
		keywords:   []string{strings.ToLower(keyword)},
		re:         regexp.MustCompile(re),
		minEntropy: minEntropy,
		bound:      true,
	}
	lit, _ := p.re.LiteralPrefix()
	if !strings.EqualFold(lit, keyword) {
		return p
	}
	// Every match starts at a hit of the keyword, with the bytes the
	// expression fixes there: a hit where they are not (api-guide/ for
	// api-<uuid>, API- in lower case) cannot start one and opens no window.
	lead := leadBytes(re, 24)
	if len(lead) <= len(keyword) {
		lead = nil
	}
	var after func(text []byte, start, end int) bool
	// A short prefix (pat, sl., cio) occurs in ordinary words and code:
	// a hit opens a window only when a token's worth of characters follows.
	if n := min(minMatchLen(re)-len(keyword), 16); len(keyword) <= 5 && n > 0 {
		after = runAfter(n)
	}
	switch {
	case after != nil:
		// Nor after a dot: a file extension or a host name
		// (video.ico-…, site.sl.…) is not a token's start.
		p.gate = func(text []byte, start, end int) bool {
			return (start == 0 || text[start-1] != '.') && leads(text, start, lead) && after(text, start, end)
		}
	case lead != nil:
		p.gate = func(text []byte, start, _ int) bool { return leads(text, start, lead) }
	}
	return p
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
	var defs []ruleDef
	for _, family := range ruleFamilies() {
		defs = append(defs, family()...)
	}
	defs = append(defs, structuralRules()...)
	for i := range defs {
		switch defs[i].rule.ID {
		case "generic-secret":
			defs[i] = withPatterns(defs[i], genericSyntaxPatterns()...)
		case "url-credentials":
			defs[i] = withPatterns(defs[i], urlNoUserPattern())
		}
	}
	return defs
}

// ruleFamilies are the provider rules, one function (and file) per family.
func ruleFamilies() []func() []ruleDef {
	return []func() []ruleDef{
		githubRules, registriesRules, awsRules, chatRules, paymentsRules, googleRules, aiRules, deployRules,
		gitlabRules, observabilityRules, emailRules, saasRules, keysRules, hashicorpRules,
		cloudRules, databaseRules, fileRules, encodedRules, servicesRules, serviceTokenRules, credentialFileRules, legacyFormatRules, moreProviderRules, longTailRules, catalogRules,
	}
}

// structuralRules find credentials by their structure or their name rather
// than a provider's format: private keys, JWTs, URLs, generic assignments.
func structuralRules() []ruleDef {
	return []ruleDef{
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
				check: pemKeyCheck, noPlaceholder: true,
			}).
			pos("⟦«pem:rsa»⟧\n", "⟦«pem:ec»⟧\n", "⟦«pem:openssh»⟧\n", "const key = `⟦«pem:ed25519»⟧`\n").
			neg("```\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n```\n", "const pem = \"-----BEGIN PRIVATE KEY-----\\n\" + body + \"\\n-----END PRIVATE KEY-----\";\n", "-----BEGIN PUBLIC KEY-----\n«b64:64»\n«b64:64»\n-----END PUBLIC KEY-----\n"),
		def("jwt", "JSON Web Token in a credential context",
			"A signed JSON Web Token assigned to a token, key, secret or Authorization value. Long-lived JWTs (service-role keys, API keys) grant whatever their claims say until they expire."+revoke,
			&pattern{
				keywords: []string{"eyj"},
				gate:     jwtGate, gateScan: jwtHeaderMax,
				re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9_.-])(` + jwtRe + `)` + `(?:[^A-Za-z0-9_.-]|$)`),
				group: 1, minEntropy: 3.5, priority: prioContext,
				check: func(s string, line []byte) bool {
					return validJWT(s) && credentialContext(bytes.ReplaceAll(line, []byte(s), nil))
				},
			}).
			pos("curl -H \"Authorization: Bearer ⟦«jwt»⟧\" https://api.rose.ai/v1/chat", "SUPABASE_SERVICE_ROLE_KEY=⟦«jwt»⟧").
			neg("claims = decode(\"«jwt»\")", "TOKEN = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\""),
		def("url-credentials", "Credentials in a URL",
			"A URL with a user name and a password (scheme://user:password@host), such as a database or registry connection string, or with a token as its user name and GitHub's fixed password x-oauth-basic."+revoke,
			&pattern{
				password: true,
				keywords: []string{"://"},
				gate:     userinfoGate, gateScan: 400,
				re:    regexp.MustCompile(`\b[A-Za-z][A-Za-z0-9+.-]{1,30}://([^\s:/?#@"'\x60<>\[\]{}()\\]{1,}):([^\s/?#@"'\x60<>\\]{1,})@[A-Za-z0-9_.-]*[A-Za-z0-9]`),
				group: 2, priority: prioContext, noPlaceholder: true, testStrict: true,
				check: urlPasswordCheck,
			},
			// GitHub's token-as-user form: the token is the user name and the
			// password is the literal x-oauth-basic.
			&pattern{
				keywords: []string{":x-oauth-basic@"},
				re:       regexp.MustCompile(`//([A-Za-z0-9_]{20,255}):x-oauth-basic@`),
				group:    1, priority: prioContext, testStrict: true,
				check: func(user string, _ []byte) bool { return looksRandom(user, 20) && !typedStandIn(user) },
			},
			// git's credential store writes the user and password as typed:
			// an @ in either is kept, so the host follows the last @.
			&pattern{
				password: true,
				files:    gitCredentialsFile,
				re:       regexp.MustCompile(`(?m)^[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/]+:(\S+)@[A-Za-z0-9_.-]*[A-Za-z0-9](?::[0-9]+)?(?:/\S*)?\r?$`),
				group:    1, priority: prioContext, noPlaceholder: true,
				check: urlPasswordCheck,
			}).
			pos("DATABASE_URL=postgres://rose_app:⟦«pw:18»⟧@db.prod.internal:5432/rose", "MYSQL_URL=mysql://app:⟦«pw:18»⟧@mysql.rose.internal:3306/app", "MONGO_URI=mongodb+srv://svc:⟦«pw:20»⟧@cluster0.a1b2c.mongodb.net/app?retryWrites=true", "REDIS = redis.from_url(\"rediss://default:⟦«pw:24»⟧@rose-cache.upstash.io:6379\")", "broker:\n  url: amqp://worker:⟦«pw:16»⟧@mq.rose.internal:5672/vhost\n").
			pos("git clone https://⟦«hex:40»⟧:x-oauth-basic@github.com/rose/app.git").
			posAt(".git-credentials", "https://rosebot:⟦«alnum:40»⟧@gitlab.rose.internal\n").
			posAt("home/ops/.git-credentials", "https://ops@rose.ai:⟦kestrel!#@42⟧@github.com\n").
			posAt("deploy/.env", "REDIS_URL=redis://:⟦«pw:24»⟧@cache.rose.internal:6379/0\n").
			neg("DATABASE_URL: postgres://user:password@localhost:5432/db", "GIT_URL: https://x-access-token:${GITHUB_TOKEN}@github.com/rose/app.git", "MONGO: mongodb://admin:<password>@cluster0.mongodb.net", "https://gitlab-ci-token:SOME_TOKEN@gitlab.com/group/project.git",
				"DATABASE_URL=postgres://app:«pw:18»@REDACTED.rds.amazonaws.com:5432/app",
				"\"git+https://0000000000000000000000000000000000000000:x-oauth-basic@github.com/foo/bar.git\""),
		def("generic-secret", "Generic secret assigned to a credential name",
			"A random-looking value assigned to a name such as password, secret, token or api_key. Placeholders, variable references, identifiers, words and low-entropy values are not reported."+revoke,
			&pattern{
				keywords: genericKeywords,
				re: regexp.MustCompile(`(?i:([a-z0-9_.-]*?(?:password|passwd|pwd|passphrase|[_.-]pass|secret|token|(?:api|access|private|auth|secret|signing|encryption|master|app|session|account|shared[_.-]?access)[_.-]?key|credentials?|creds)s?(?:[_.-]?(?:str|string|value|val|b64|base64|hex|raw|[0-9]{1,3}))?))` +
					`\\?(?:["'\x60][[:space:]]*,|["'\x60]?[[:space:]]*(?:=|:=|:|=>|>))[[:space:]]*\\?["'\x60]?([^[:space:]"'\x60,;()\[\]{}<>\\]{8,256})`),
				group: 2, priority: prioGeneric, nameGroup: 1, testStrict: true,
				gate: assignGate, parse: parseAssignment,
				check: genericCheck,
			},
			&pattern{
				keywords: []string{"bearer"},
				re:       regexp.MustCompile(`(?i:authorization["']?[[:space:]]*[:=][[:space:]]*["']?bearer|bearer)[[:space:]]+([A-Za-z0-9_.~+/-]{20,}=*)`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: func(s string, _ []byte) bool {
					return !hasProviderPrefix(s) && looksRandom(s, 20)
				},
			},
			&pattern{
				// Docker config.json and .npmrc: base64 of user:password.
				keywords: []string{"auth"},
				gate:     assignGate,
				re:       regexp.MustCompile(`(?i:auth)["']?[[:space:]]*[:=][[:space:]]*["']?([A-Za-z0-9+/]{12,}={0,2})`),
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
				// curl -u user:password, --user 'user:password', and the
				// proxy's: -U, --proxy-user.
				keywords: []string{"-u ", "-u=", "--user ", "--user=", "-u'", "-u\"", "--proxy-user ", "--proxy-user="},
				// The command is curl, or the option opens a line that
				// continues a command (curl -sS \ on the line before).
				gate: func(line []byte, start, _ int) bool {
					return indexFold(line[max(0, start-512):start], "curl") >= 0 ||
						len(bytes.TrimLeft(line[max(0, start-512):start], " \t")) == 0 && start > 0
				},
				gateScan: 512,
				re:       regexp.MustCompile(`(?:[[:space:]]-[uU]|--(?:proxy-)?user)(?:=|[[:space:]]*)["']?[^[:space:]"':$]{1,64}:([^[:space:]"'$]{3,})`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: func(pw string, line []byte) bool {
					return !weakPasswords[strings.ToLower(pw)] && !isPlaceholder(pw) && looksRandom(pw, 6)
				},
			},
			&pattern{
				keywords: []string{"authorization"},
				re:       regexp.MustCompile(`(?i:authorization)\\?["']?[[:space:]]*[:=][[:space:]]*\\?["']?(?i:token|basic)[[:space:]]+([A-Za-z0-9_.~+/-]{12,}=*)`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: authorizationCheck,
			},
			&pattern{
				// Kubernetes env entries and similar: the name on one line
				// (or in one field), the value in the next; also key/value
				// pairs ({"key": "db_password", "value": …}) and
				// CloudFormation parameter files (ParameterKey, ParameterValue).
				keywords: genericKeywords,
				after:    1,
				gate:     nameValueGate, gateScan: 128,
				re:    regexp.MustCompile(`(?i:name|key)\\?["']?[[:space:]]*[:=][[:space:]]*\\?["']?([A-Za-z0-9_.-]*` + genericNames + `)\\?["']?[[:space:]]*,?[[:space:]]*\n?[[:space:]]*\{?[[:space:]]*\\?["']?(?i:value|parametervalue)\\?["']?[[:space:]]*[:=][[:space:]]*\\?["']?([^[:space:]"'\x60,;()\[\]{}<>\\]{8,})`),
				group: 2, nameGroup: 1, priority: prioGeneric, testStrict: true,
				check: genericCheck,
			},
			&pattern{
				// The same in XML elements: Hadoop and Hive site files
				// (<name>javax.jdo.option.ConnectionPassword</name> then
				// <value>), Java XML properties, plist-like key/value lists.
				keywords: []string{"<name>", "<key>"},
				after:    3,
				gate:     xmlNameGate, gateScan: 128,
				re:    regexp.MustCompile(`<(?i:name|key)>[[:space:]]*([A-Za-z0-9_.-]*` + genericNames + `)[[:space:]]*</(?i:name|key)>[[:space:]]*(?:<description>[^<]{0,300}</description>[[:space:]]*)?<(?i:value|string)>[[:space:]]*([^[:space:]<>"']{8,256})[[:space:]]*</(?i:value|string)>`),
				group: 2, nameGroup: 1, priority: prioGeneric, testStrict: true,
				check: genericCheck,
			},
			&pattern{
				// A user and a password written into an HTTP basic-auth
				// call: requests' auth=(…), HTTPBasicAuth, aiohttp's and
				// httpx's BasicAuth, Go's SetBasicAuth, Apache HttpClient's
				// UsernamePasswordCredentials, java.net.PasswordAuthentication.
				password: true,
				keywords: []string{"auth=(", "auth = (", "basicauth(", "digestauth(", "usernamepasswordcredentials(", "passwordauthentication(", "basic_auth("},
				re:       regexp.MustCompile(`(?i:auth[ \t]*=[ \t]*\(|basicauth\(|digestauth\(|usernamepasswordcredentials\(|passwordauthentication\(|basic_auth\()[ \t]*["'][^"'\n]{1,64}["'][ \t]*,[ \t]*["']([^"'\s]{4,128})["']`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: func(pw string, _ []byte) bool {
					return !weakPasswords[strings.ToLower(pw)] && !isPlaceholder(pw) && (typedPassword(pw) || looksRandom(pw, 8))
				},
			},
			&pattern{
				// curl's option in PHP: CURLOPT_USERPWD, "user:password".
				password: true,
				keywords: []string{"curlopt_userpwd"},
				re:       regexp.MustCompile(`CURLOPT_USERPWD[ \t]*(?:,|=>)[ \t]*["'][^"':\n]{1,64}:([^"'\s]{4,128})["']`),
				group:    1, priority: prioGeneric, testStrict: true,
				check: func(pw string, _ []byte) bool {
					return !weakPasswords[strings.ToLower(pw)] && !isPlaceholder(pw) && (typedPassword(pw) || looksRandom(pw, 8))
				},
			},
			&pattern{
				// A YAML value with an explicit tag: secret: !!binary <base64>.
				keywords: []string{"!!binary", "!!str"},
				re:       regexp.MustCompile(`(?i:([a-z0-9_.-]*` + genericNames + `))["']?[[:space:]]*:[[:space:]]*!!(?:binary|str)[[:space:]]+["']?([A-Za-z0-9+/=_.~-]{8,256})`),
				group:    2, nameGroup: 1, priority: prioGeneric, testStrict: true,
				check: func(s string, line []byte) bool {
					if !bytes.Contains(line, []byte("!!binary")) {
						return genericCheck(s, line)
					}
					// Base64 by the tag: /AbC… is no path.
					_, err := base64.StdEncoding.DecodeString(s)
					return err == nil && !isPlaceholder(s) && looksRandom(s, 16)
				},
			},
			&pattern{
				// Dockerfile ENV without "=", command-line flags.
				keywords: genericKeywords,
				gate:     envFlagGate, gateScan: 256,
				re:    regexp.MustCompile(`(?:(?i:ENV)[[:space:]]+[A-Za-z0-9_]*|--[a-z0-9-]*)` + genericNames + `[[:space:]]+["']?([^[:space:]"'\x60,;()\[\]{}<>\\]{8,})`),
				group: 1, priority: prioGeneric, testStrict: true,
				check: genericCheck,
			}).
			pos("DB_PASSWORD=⟦«pw:20»⟧", "{\n  \"auth\": {\n    \"client_secret\": \"⟦«alnum:32»⟧\"\n  }\n}\n", "curl \"https://api.rose.ai/hook?api_key=⟦«alnum:32»⟧&event=deploy\"").
			pos("curl -x http://proxy.rose.internal:3128 --proxy-user ops:⟦«alnum:20»⟧ https://api.rose.ai/v1\n", "curl -sS -U 'ops:⟦«alnum:20»⟧' -x proxy.rose.internal:3128 https://api.rose.ai/v1\n",
				"curl -k \\\n    --proxy-user ops:⟦«alnum:20»⟧ \\\n    https://api.rose.ai/v1\n").
			neg("docker run \\\n    --user 1000:1000 \\\n    rose/app\n").
			pos("<property>\n  <name>javax.jdo.option.ConnectionPassword</name>\n  <value>⟦«pw:20»⟧</value>\n</property>\n",
				"[\n  {\"ParameterKey\": \"DBPassword\", \"ParameterValue\": \"⟦«alnum:24»⟧\"}\n]\n", "- key: SIGNING_SECRET\n  value: ⟦«alnum:32»⟧\n").
			pos("r = requests.get(url, auth=('deploy', '⟦«alnum:24»⟧'))\n", "req.SetBasicAuth(\"deploy\", \"⟦«pw:18»⟧\")\n",
				"new UsernamePasswordCredentials(\"deploy\", \"⟦«alnum:20»⟧\")\n", "curl_setopt($ch, CURLOPT_USERPWD, \"deploy:⟦«alnum:20»⟧\");\n").
			neg("requests.get(url, auth=('user', 'password'))\n", "req.SetBasicAuth(user, pass)\n", "HTTPBasicAuth('admin', os.environ['PW'])\n", "curl_setopt($ch, CURLOPT_USERPWD, \"$user:$pass\");\n").
			neg("<entry><key>password</key><value>changeme</value></entry>", "{\"key\": \"csrf_token\", \"value\": \"«alnum:32»\"}").
			pos("signing:\n  webhook_secret: !!binary ⟦«b64:44»⟧\n", "api_token: !!str \"⟦«alnum:32»⟧\"\n").
			neg("password = os.environ[\"DB_PASSWORD\"]", "password: changeme", "password: !!str changeme").
			// A password that repeats its own variable's name or the user
			// on its line: a container's or a test database's login.
			// Products' default passwords and common words in a phrase.
			neg("  password: 'Sybase16',\n", "echo '{ \"master_password\" : \"Mariadb1\" }' > /data/pw.json\n",
				"  \"password\": \"MyVeryMongoPwd9!\",\n", "MSSQL_SA_PASSWORD = \"Th1sIs@V3ryStr0ngP@ss\"\n").
			neg("INFLUX3DB_PASSWORD = \"influx3db\"\n", "conn = connect(user=\"ledger_qa\", password=\"ledger_qa\")\n").
			negAt("docker-compose.yml", "services:\n  db:\n    environment:\n      ORA2INST_PASSWORD: ora2inst\n").
			// Names of code and configuration: kebab-case with numeronyms, feed
			// names, member accesses, type paths, file names.
			neg("\tNodeAgent    AuthKey = \"k3s-ctl-client\"\n", `{"l10n-direction":()=>"Set the text direction of the accesskey","l10n-fallback":()=>"Fall back"}`,
				"    publishFeedCredentials: 'pgrsql-nightly'\n", "\t\t\"APP_BEARERTOKEN\": c.ZuulToken,\n", "\tcfg.BearerToken = &c.ZuulToken\n",
				"var linkedToken = linkedCts?.Token ?? cancellationToken;\n",
				"cmd.Parameters.Add(\"@Password\", PgrTypes.PgrDbType.Varchar, 255).Value = Hash(password);\n",
				"endpoint = serverFromString(reactor, \"ssl:8443:privateKey=tls.key:certKey=tls.crt\")\n").
			pos("  deploy_token: \"⟦«alnum:12»-«alnum:16»⟧\"\n", "  api_key: '⟦«b64url:20».«b64url:24»⟧'\n").
			// A JWT's header alone, anti-forgery tokens of web forms, search-only
			// keys of documentation sites, a telnet console's one-run password.
			neg("$bearerToken = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.';\n", `  "rack.request.form_hash" => { "authenticity_token"=>"«b64:86»==" },`+"\n",
				"csrfmiddlewaretoken: '«alnum:64»'\n",
				"    algolia: {\n      appId: '«upnum:10»',\n      apiKey: '«hex:32»',\n      indexName: 'rose',\n    },\n",
				"  \"search\":{\"options\":{\"appId\":\"«upnum:10»\",\"apiKey\":\"«hex:32»\",\"indexName\":\"rose\"}}\n",
				"                apiKey: '«alnum:32»', // SEARCH_ONLY_KEY\n",
				"2024-05-01 10:00:00 [scrapy.extensions.telnet] INFO: Telnet Password: «hex:16»\n",
				"$mail->oauthRefreshToken = \"RANDOMCHARS-----«b64url:30»\";\n").
			pos("APP_ID=«upnum:10»\nAPI_KEY=⟦«hex:32»⟧\n", "2024-05-01 10:00:00 [app.auth] DEBUG: using api_key=⟦«alnum:32»⟧\n", "2024-05-01 10:00:00 [app.console] INFO: Console Password: ⟦«hex:16»⟧\n").
			// Sample code and container setup type passwords for local
			// databases; generated ones are reported there as anywhere.
			negAt("sample/sample12-orders/app.ts", "  password: \"Katydid#Pond7\",\n").
			negAt("docker/mssql/config.json", "{ \"master_password\" : \"Katydid#Pond7\" }\n").
			posAt("samples/orders/app.ts", "  password: \"⟦«pw:20»⟧\",\n"),
	}
}

// genericNames matches the credential word that ends a name.
const genericNames = `(?i:password|passwd|pwd|passphrase|secret|token|(?:api|access|private|auth|secret|signing|encryption|master|app|session|account|shared[_.-]?access)[_.-]?key|credentials?|creds)s?`

var genericKeywords = func() []string {
	// pass counts as a name only as a word after a separator (pg_pass,
	// SMTP-PASS): alone it is a verb in every language's code.
	kws := []string{"password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "creds", "sharedaccesskey", "_pass", "-pass", ".pass"}
	for _, w := range []string{"api", "access", "private", "auth", "secret", "signing", "encryption", "master", "app", "session", "account"} {
		for _, sep := range []string{"", "_", "-", "."} {
			kws = append(kws, w+sep+"key")
		}
	}
	return kws
}()

// nameValueGate passes a credential word on a line that names something
// (name: DB_PASSWORD); a key only as a field's label ("key": "db_password",
// "ParameterKey": "DBPassword"), not inside a name (api_key).
func nameValueGate(line []byte, start, end int) bool {
	// A value label right after the name, then a name label before it:
	// code and JSON are full of credential words, few followed by "value".
	if indexFold(line[end:min(len(line), end+96)], "value") < 0 {
		return false
	}
	if indexFold(line[max(0, start-128):start], "name") >= 0 {
		return true
	}
	// The label right before the name.
	before := line[max(0, start-40):start]
	for off := 0; ; {
		i := indexFold(before[off:], "key")
		if i < 0 {
			return false
		}
		j := off + i + 3
		for j < len(before) && (before[j] == '"' || before[j] == '\'' || before[j] == '\\' || before[j] == ' ') {
			j++
		}
		if j < len(before) && (before[j] == ':' || before[j] == '=') {
			return true
		}
		off += i + 3
	}
}

// xmlNameGate passes a <name> or <key> element whose text holds a
// credential word on the same line.
func xmlNameGate(text []byte, _, end int) bool {
	rest := text[end:min(len(text), end+128)]
	if i := bytes.IndexByte(rest, '<'); i >= 0 {
		rest = rest[:i]
	}
	for _, k := range [...]string{"pass", "pwd", "secret", "token", "key", "cred"} {
		if indexFold(rest, k) >= 0 {
			return true
		}
	}
	return false
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
	s, _, ok := pemBase64(block)
	return ok && len(s) >= 64 && entropy(s) >= 4.5
}

// pemBase64 returns the base64 characters of a PEM block's body, ignoring
// headers, whitespace, escaped newlines and string-concatenation noise, the
// number of lines that hold them, and false when the body is shortened or
// masked (…, xxxx).
func pemBase64(block string) (string, int, bool) {
	body := block[strings.Index(block, "-----\n")+1:]
	if i := strings.Index(block[11:], "-----"); i >= 0 {
		body = block[11+i+5:]
	}
	if j := strings.LastIndex(body, "-----END"); j >= 0 {
		body = body[:j]
	}
	if strings.Contains(body, "...") || strings.Contains(body, "…") || strings.Contains(body, "xxxx") || strings.Contains(body, "XXXX") {
		return "", 0, false
	}
	var b64 strings.Builder
	lines := 0
	for _, ln := range strings.Split(strings.ReplaceAll(body, `\n`, "\n"), "\n") {
		if strings.Contains(ln, ":") { // Proc-Type, DEK-Info, Comment headers
			continue
		}
		n := b64.Len()
		for i := 0; i < len(ln); i++ {
			c := ln[i]
			if isAlnum(c) || c == '+' || c == '/' || c == '=' {
				b64.WriteByte(c)
			}
		}
		if b64.Len()-n >= 4 {
			lines++
		}
	}
	return b64.String(), lines, true
}

// pemKeyCheck is privateKeyCheck for a PEM block found on its own, which
// may also be the quoted first line of a key. Inside a service account's
// JSON the structure around it already says it is a key.
func pemKeyCheck(block string, _ []byte) bool {
	s, lines, ok := pemBase64(block)
	if !ok || len(s) < 64 || entropy(s) < 4.5 {
		return false
	}
	return strings.Contains(block, "DEK-Info") || lines > 1 || !truncatedDER(s)
}

// truncatedDER reports whether base64 text s is one line of a key (80
// characters at most) that starts a DER sequence (the body of a PKCS#1,
// PKCS#8 or SEC 1 key starts so: "MII…") announcing more than twice the
// bytes the line holds: the first line of a key quoted as an example
// (-----BEGIN RSA PRIVATE KEY-----MIIEpQIBAAKC…\n.-----END…), not a key.
// Shortened keys of two lines and more, as rule examples print them, are
// still reported. Encrypted legacy bodies (DEK-Info) are not DER and are
// not checked.
func truncatedDER(s string) bool {
	if len(s) > 80 {
		return false
	}
	head, err := base64.StdEncoding.DecodeString(s[:8])
	if err != nil || len(head) < 4 || head[0] != 0x30 {
		return false
	}
	var total int
	switch {
	case head[1] < 0x80:
		total = 2 + int(head[1])
	case head[1] == 0x81:
		total = 3 + int(head[2])
	case head[1] == 0x82:
		total = 4 + (int(head[2])<<8 | int(head[3]))
	default:
		return false
	}
	return len(s)*3/4*2 < total
}

// weakPasswords are stand-in passwords of tutorials and local setups.
var weakPasswords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "secret": true, "changeme": true, "pwd": true, "admin": true,
	"root": true, "test": true, "postgres": true, "mysql": true, "guest": true, "user": true, "username": true,
	"example": true, "token": true, "foobar": true, "foo": true, "bar": true, "redis": true, "mongo": true, "homestead": true,
}

func urlPasswordCheck(pw string, line []byte) bool {
	if weakPasswords[strings.ToLower(pw)] || isPlaceholder(pw) || strings.Contains(pw, "$") || pw == "x-oauth-basic" ||
		sigV4GitPassword.MatchString(pw) {
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
	if host, ok := urlHostAfter(pw, line); ok && placeholderHost(host) {
		return false // postgres://app:pw@REDACTED.rds.amazonaws.com
	}
	if i > 0 && strings.HasPrefix(strings.ToLower(pw), "tiger") && strings.HasSuffix(strings.ToLower(string(line[:i])), "//scott") {
		return false // Oracle's demo login, scott/tiger, in any dialect's URL
	}
	if hostListURL(pw, line) {
		return false // https://alpha.org:123,beta:gamma@delta.org: hosts, not a login
	}
	if hasProviderPrefix(pw) && len(pw) > 20 {
		return true // a token used as a password (the provider rule usually wins)
	}
	return looksRandom(pw, 6) || typedPassword(pw)
}

// ignoredGenericNames are names ending in a credential word whose values
// are not secrets.
// They are compared lower-case with separators (_ - .) removed.
var ignoredGenericNames = []string{
	"pagetoken", "nexttoken", "continuationtoken", "csrftoken", "xsrftoken", "synctoken", "cursortoken",
	"maxtokens", "numtokens", "tokens", "secretref", "secretname", "idtokenhint", "resumetoken",
	"refreshtokenurl", "publictoken", "publickey", "publishablekey",
	// Anti-forgery tokens of web forms (Rails, Django, ASP.NET): a value per
	// session or request that proves a form came from the site, no credential.
	"authenticitytoken", "csrfmiddlewaretoken", "requestverificationtoken", "antiforgerytoken",
	// Tokens that identify a request rather than authorise it: idempotency
	// tokens (AWS ClientRequestToken), pagination markers, the request id
	// a REST client adds (Postman-Token), .NET's CancellationToken and
	// axios' CancelToken.
	"clientrequesttoken", "idempotencytoken", "paginationtoken", "postmantoken", "cancellationtoken", "canceltoken",
	// More markers of a position in a listing or a stream: botocore's
	// StartingToken, OData's $skiptoken, OAI-PMH's resumptionToken,
	// CloudWatch Logs' sequenceToken, and a queue message's LockToken.
	"startingtoken", "skiptoken", "resumptiontoken", "sequencetoken", "locktoken",
}

// genericNameIgnored reports whether a name's value is not a secret
// (pagination and CSRF tokens, public keys, and digests of secrets:
// hashed_secret in a detect-secrets baseline, hashedPassword,
// token_digest_sha256, where the value is a one-way hash).
func genericNameIgnored(name string) bool {
	for _, w := range nameWords(name) {
		switch w {
		case "hashed", "digest", "checksum":
			return true
		}
	}
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
	return ignoredGenericWholeNames[n]
}

// ignoredGenericWholeNames are names whose values are not secrets when
// they stand alone, but are with a word before them (VAULT_CLIENT_TOKEN,
// exchange_token): AWS's idempotency tokens ClientToken and, in WAF,
// ChangeToken.
var ignoredGenericWholeNames = map[string]bool{"clienttoken": true, "changetoken": true}

var (
	pathLike = regexp.MustCompile(`^(?:/[A-Za-z0-9_.@-]+)+/?$`)
	// testModeKey: keys of payment providers' test modes (rzp_test_,
	// sk_test_, FLWSECK_TEST-), which cannot act on live data.
	testModeKey = regexp.MustCompile(`^(?i:[a-z]{2,8}[_-]test[_-])`)
	colonList   = regexp.MustCompile(`^[A-Za-z_]+(?::[A-Za-z_]+)+:?$`)
	// snakeIdent: snake_case and UPPER_SNAKE names; a first word that ends
	// in digits is followed by words of letters (sha256_password).
	snakeIdent = regexp.MustCompile(`^(?:[a-z]+(?:_[a-z0-9]+)+|[a-z]+[0-9]+(?:_[a-z]+)+|[A-Z]+(?:_[A-Z0-9]+)+)$`)
	plainWord  = regexp.MustCompile(`^[A-Za-z_$][A-Za-z_$]*$`)
)

var numericLiteral = regexp.MustCompile(`^[-+]?(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_.eE+-]*)[uUlLfF]*$`)

func genericCheck(v string, line []byte) bool {
	if isFingerprint(v, line) || quotedProse(v, line) || typedStandIn(v) {
		return false
	}
	if hasProviderPrefix(v) || cutJWT(v) || strings.Contains(v, "://") || strings.HasPrefix(v, "./") ||
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
	if len(v) > 2 && v[0] == '/' && strings.IndexByte(`^\([`, v[1]) >= 0 {
		return false // a regular expression literal: TOKEN = /^Unexpected token/
	}
	if bytes.Contains(line, []byte("Using generated security password")) {
		return false // Spring Boot's log at start: a password for that run of a demo
	}
	if analyticsID(v) || encryptedSessionKey(v) || googleShareKey(v, line) || controllerAction.MatchString(v) || notificationToken(v, line) ||
		entryPoint.MatchString(v) {
		return false
	}
	if rest := strings.TrimRight(v, "=!<>"); len(v)-len(rest) >= 2 && (codeRef(rest) || identPath(rest)) {
		// A comparison cut at its quote: password: "a.type=='password'" in
		// a table of selector filters. Base64 padding follows no dot.
		return false
	}
	if optionFlag(v) || kmsKeyURI(v) || pgpKeyID(v, line) || meetingPasscode(v, line) {
		return false // --ssh-hostkey-algos=…, awskms:key-id=…, a key's fingerprint, a meeting link's passcode
	}
	if strings.Contains(v, "%") {
		// Judge what a percent-escaped value stands for: PWD=pass%2Bword.
		if dec, err := url.PathUnescape(v); err == nil && dec != v && printable([]byte(dec)) && (weakPasswords[strings.ToLower(dec)] || weakPassword(dec) ||
			!looksRandom(dec, 8) && !typedPassword(dec)) {
			return false
		}
	}
	if isUUIDString(v) {
		return true // a UUID assigned to a credential name is a credential (Heroku, Railway, ...)
	}
	if fileRef(v) || jwtHeaderOnly(v) || moduleName(v) || nonNullMember(v) || (identPath(v) || kebabName(v)) && !passwordName(nameBefore(line, v)) {
		return false // key.pem, a JWT's header, a11y-autofocus: names, not secrets
	}
	// Base64 of readable text (Kubernetes Secret data, a CHAP password of
	// a manifest): judge the text as the Secret rule does, ZGVtbw== is demo.
	if dec, ok := base64Text(v); ok {
		return looksRandom(dec, 8) && !prose(dec)
	}
	if !looksRandom(v, 8) {
		// A password a person chose (Tulip-Garden42) is a credential when its
		// name says password: typed passwords are not random.
		return typedPassword(v) && passwordName(nameBefore(line, v))
	}
	return true
}

// base64Text returns the text that v, padded standard base64 of at least
// eight characters, decodes to when it is printable (a line break may end
// it, as echo writes it): random values seldom decode to text.
func base64Text(v string) (string, bool) {
	if len(v)%4 != 0 || len(v) < 8 {
		return "", false
	}
	dec, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return "", false
	}
	dec = bytes.TrimRight(dec, "\r\n")
	if !printable(dec) {
		return "", false
	}
	return string(dec), true
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

// sigV4GitPassword is the password of a signed Git URL of AWS CodeCommit
// (git-remote-codecommit, Flux): the time of signing and a SigV4
// signature (20240607T151729Z + 64 hex digits), valid for minutes.
var sigV4GitPassword = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}Z[0-9a-f]{64}$`)

// presignedKeyID reports whether the key ID id sits in the query of a
// Signature Version 2 presigned URL (…?AWSAccessKeyId=AKIA…&Expires=…&
// Signature=…; version 4's X-Amz-Credential is inCredentialScope's) or is
// the user of a signed Git URL of CodeCommit: a link signed to be handed out, valid for a while
// and for one object, which shows the ID by design. The ID alone signs
// nothing.
func presignedKeyID(id string, line []byte) bool {
	i := bytes.Index(line, []byte(id))
	if i < 0 {
		return false
	}
	before := bytes.ToLower(line[max(0, i-20):i])
	if after := line[i+len(id):]; bytes.HasPrefix(after, []byte(":")) && bytes.HasSuffix(before, []byte("://")) {
		// https://AKIA…:20240607T151729Z<signature>@git-codecommit…: a
		// signed Git URL.
		if j := bytes.IndexByte(after, '@'); j > 0 {
			pw := after[1:j]
			if k := bytes.LastIndexByte(pw, '%'); k >= 0 { // a session token may follow the ID
				pw = pw[k+1:]
			}
			return sigV4GitPassword.Match(pw)
		}
		return false
	}
	if !bytes.HasSuffix(before, []byte("awsaccesskeyid=")) {
		return false
	}
	rest := line[i:]
	if j := bytes.IndexAny(rest, " \t\"'<>)"); j >= 0 {
		rest = rest[:j]
	}
	return bytes.Contains(rest, []byte("Signature=")) || bytes.Contains(rest, []byte("signature="))
}

// jwtHeaderMax bounds a JWT's first segment as jwtGate reads it (a header with
// a certificate chain can be longer; such tokens are rare in code).
const jwtHeaderMax = 1024

// jwtGate passes "eyJ" followed by base64url text and a dot.
func jwtGate(text []byte, start, end int) bool {
	if text[start+2] != 'J' || text[start] != 'e' || text[start+1] != 'y' {
		return false
	}
	for i := end; i < len(text) && i < end+jwtHeaderMax; i++ {
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

// isSpace is ASCII white space but the newline (lines are parsed one at a
// time), the same set as [[:space:]] in the generic rule's expression: \v
// and \f separate a value like a blank does.
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
	listed := false
	switch line[i] {
	case ',':
		if !quoted {
			return 0, 0, false
		}
		i++
		listed = true
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
	} else if listed {
		// After a quoted name and a comma only a quoted string is a value
		// ("password", "…"); a name is code: 'New Password', minLength: 6,
		// '$pwd', TMP_pwd_2 = function.
		return 0, 0, false
	}
	vs = i
	// 8 to maxGenericValue characters, counted as the expression counts
	// them: runes, each invalid byte one rune. A longer value is cut: every
	// keyword hit then costs a bounded amount of work, however long the
	// line (a run of "token=token=…" would otherwise make it quadratic).
	n := 0
	for i < len(line) && isValueChar(line[i]) && n < maxGenericValue {
		if line[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(line[i:])
			for k := 1; k < size; k++ {
				if !isValueChar(line[i+k]) {
					size = k
					break
				}
			}
			i += size
		}
		n++
	}
	return vs, i, n >= 8
}

// maxGenericValue is the longest value, in characters, that the generic
// rule reads ({8,256} in its expression).
const maxGenericValue = 256

// gitCredentialsFile reports whether p is git's plain-text credential store.
func gitCredentialsFile(p string) bool {
	return p == ".git-credentials" || strings.HasSuffix(p, "/.git-credentials")
}
