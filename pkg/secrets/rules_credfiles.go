package secrets

import (
	"encoding/base64"
	"path"
	"regexp"
	"strings"
)

// Credential stores recognised by their structure rather than a provider's
// format: password hashes of login files and database dumps, the saved
// passwords of FTP/SFTP deployment plugins, FileZilla, Robo 3T, JetBrains
// IDEs and Firefox, and passwords assigned in environment files.
func credentialFileRules() []ruleDef {
	return []ruleDef{
		def("password-hash", "Password hash (crypt, bcrypt) of a login file or database dump",
			"A password hash in crypt format ($1$ MD5, $2a$/$2b$/$2y$ bcrypt, $5$/$6$ SHA-crypt, $8$/$9$ Cisco, $apr1$ Apache, $y$ yescrypt) on a user line of /etc/shadow, .htpasswd or an FTP password file, in a database dump's rows, or an MD5, SHA or Cisco crypt hash standing alone (cloud-init passwd:, an Ansible password variable), or a Kerberos AS-REP/TGS hash captured for cracking. Hashes of human passwords fall to offline guessing: change the password of every account listed, then remove the file or dump from the repository.",
			&pattern{
				keywords: []string{":$1$", ":$2a$", ":$2b$", ":$2y$", ":$5$", ":$6$", ":$apr1$", ":$y$"},
				re:       regexp.MustCompile(`(?m)^[ \t]*[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}:(\$(?:1|2[aby]|5|6|apr1|y)\$[./A-Za-z0-9$]{20,140})(?::|[ \t]*\r?$)`),
				group:    1, minEntropy: 3.5, priority: prioContext + 1, noPlaceholder: true,
			},
			&pattern{
				keywords: []string{"$2a$", "$2b$", "$2y$"},
				re:       regexp.MustCompile(`['"](\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53})['"]`),
				group:    1, minEntropy: 3.5, priority: prioContext, noPlaceholder: true,
				check: func(s string, line []byte) bool { return sqlRow(line) && !knownHashes[s] },
			},
			// A hash of a complete crypt format standing alone (a user-data
			// passwd:, an Ansible password: var, useradd -p, a cracking
			// tool's output): the structure, salt and digest length are
			// checked, so prose and code that mention a format do not match.
			// A bcrypt hash alone is an application's stored hash (a
			// password_hash column or fixture), not a login file's.
			&pattern{
				keywords: []string{"$1$", "$5$", "$6$", "$8$", "$9$", "$krb5asrep$", "$krb5tgs$"},
				re: regexp.MustCompile(`(?:^|[^A-Za-z0-9$./])(` +
					`\$1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}` +
					`|\$[56]\$(?:rounds=[0-9]{1,9}\$)?[./A-Za-z0-9]{1,16}\$(?:[./A-Za-z0-9]{43}|[./A-Za-z0-9]{86})` +
					`|\$[89]\$[./A-Za-z0-9]{14}\$[./A-Za-z0-9]{43}` +
					`|\$krb5(?:asrep|tgs)\$(?:17|18|23)\$[^$\s]{1,128}\$[a-f0-9]{32,}(?:\$[a-f0-9]{64,})?` +
					`)(?:[^A-Za-z0-9$./]|$)`),
				group: 1, minEntropy: 3.5, priority: prioContext, noPlaceholder: true,
				// A hash beside its plain text is a test vector.
				check: func(s string, line []byte) bool { return !knownHashes[s] && !hashOfLineText(s, line) },
			},
			// Jenkins' own user database (users/<name>/config.xml) keeps a
			// bcrypt hash behind its #jbcrypt: marker.
			&pattern{
				files:    notTestPath,
				keywords: []string{"#jbcrypt:"},
				re:       regexp.MustCompile(`#jbcrypt:(\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53})`),
				group:    1, minEntropy: 3.5, priority: prioContext + 1, noPlaceholder: true,
				check: func(s string, _ []byte) bool { return !knownHashes[s] },
			},
			// Hashes in the {SCHEME}base64 form of .htpasswd ({SHA}), LDAP
			// userPassword and Dovecot or Postfix password files: the digest
			// decoded must have the scheme's length. In test paths they are
			// the hashes of test users (a registry's fixture .htpasswd).
			&pattern{
				files:    notTestPath,
				keywords: []string{"{sha}", "{ssha", "{sha256}", "{sha512}", "{md5}", "{smd5}"},
				re:       regexp.MustCompile(`(?m)(?:^[ \t]*[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}:|(?i:userPassword)[ \t]*[:=][ \t]*["']?)(\{(?:S?SHA(?:256|512)?|S?MD5)\}[A-Za-z0-9+/]{22,200}={0,2})`),
				group:    1, minEntropy: 3.5, priority: prioContext + 1, noPlaceholder: true,
				check: schemeHashCheck,
			}).
			pos("root:⟦$6$«alnum:16»$«alnum:86»⟧:19000:0:99999:7:::\n",
				"#cloud-config\nusers:\n  - name: deploy\n    passwd: \"⟦$6$rounds=4096$«alnum:16»$«alnum:86»⟧\"\n",
				"⟦$krb5asrep$23$svc-sql@ROSE.INTERNAL:«hex:32»$«hex:200»⟧",
				"admin:⟦$apr1$«lownum:8»$«alnum:22»⟧\n",
				"INSERT INTO `users` (`id`, `login`, `password`) VALUES\n(1, 'rose', '⟦$2y$12$«alnum:53»⟧'),\n",
				"<hudson.security.HudsonPrivateSecurityRealm_-Details>\n  <passwordHash>#jbcrypt:⟦$2a$10$«alnum:53»⟧</passwordHash>\n",
				"deploy:⟦{SHA}«raw64:20»⟧\n",
				"dn: uid=ops,ou=people,dc=rose,dc=internal\nuserPassword: ⟦{SSHA}«raw64:28»⟧\n").
			neg("root:*:19000:0:99999:7:::\n", "daemon:!:19000::::::\n",
				"$hash = password_hash($pw, PASSWORD_BCRYPT); // $2y$10$ and 53 characters",
				"'password' => '$2y$10$92IXUNpkjO0rOQ5byMi.Ye4oKoEa3Ro9llC/.og/at2.uheWG/igi', // password",
				"deploy:{SHA}«b64:12»\n", "userPassword: {SSHA}${LDAP_HASH}\n"),
		def("htpasswd-password", "Password of an .htpasswd user, in clear",
			"A password written in clear on a user line of an .htpasswd file (user:password; Apache accepts clear text on some platforms), or given to htpasswd -b on a command line (a script, a Dockerfile's RUN): whoever reads it logs in as that user."+revoke,
			&pattern{
				password: true,
				keywords: []string{"htpasswd "},
				re:       regexp.MustCompile(`htpasswd(?:[ \t]+-[A-Za-z]+)*?[ \t]+-[A-Za-z]*b[A-Za-z]*(?:[ \t]+-[A-Za-z]+)*[ \t]+[^\s-]\S*[ \t]+["']?[^\s"'$]+["']?[ \t]+["']?([^\s"'$]{4,128})`),
				group:    1, priority: prioContext, noPlaceholder: true,
				check: func(pw string, _ []byte) bool {
					return !isPlaceholder(pw) && !weakPasswords[strings.ToLower(pw)] && (typedPassword(pw) || looksRandom(pw, 8))
				},
			},
			&pattern{
				password: true,
				files:    htpasswdFile,
				re:       regexp.MustCompile(`(?m)^[ \t]*[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}:([^\s$:{*!][^\s:]{3,127})[ \t]*\r?$`),
				group:    1, priority: prioContext + 1, noPlaceholder: true,
				check: func(pw string, _ []byte) bool {
					return !cryptHash(pw) && (storeCheck(storeLogin, pw) || looksRandom(pw, 8))
				},
			}).
			posAt("conf/.htpasswd", "admin:⟦kestrel#2042⟧\n").
			posAt("site/.htpasswd", "ops:{SHA}«raw64:20»\nbuild:⟦«alnum:24»⟧\n").
			pos("RUN htpasswd -bc /etc/nginx/.htpasswd admin ⟦Tulip-Garden42⟧\n", "htpasswd -B -b -c auth/htpasswd ops '⟦«alnum:20»⟧'\n").
			neg("admin:kestrel#2042\n", "htpasswd -bc /etc/nginx/.htpasswd admin \"$ADMIN_PASSWORD\"\n", "htpasswd -b .htpasswd admin password\n").
			negAt("tests/registry/.htpasswd", "ci:{SHA}«raw64:20»\n").
			negAt(".htpasswd", "ops:password\ndev:${HTPASSWD}\nweb:\nold:rq1XvD4pZ3.Kw\n"),
		def("sftp-config-password", "Password in an FTP/SFTP deployment configuration",
			"A password or key passphrase saved by an editor's FTP/SFTP deployment plugin (Sublime SFTP sftp-config.json, Atom remote-ftp .ftpconfig, remote-sync .remote-sync.json, VS Code sftp.json, deployment-config.json): it logs in to the server the project deploys to."+revoke,
			&pattern{
				password: true,
				keywords: []string{`"password"`, `"pass"`, `"passphrase"`},
				before:   30, after: 30,
				anchor: regexp.MustCompile(`"(?:type|protocol|transport)"\s*:\s*"(?:s?ftps?|scp|ssh)"`),
				re:     regexp.MustCompile(`"(?:password|pass|passphrase)"\s*:\s*"([^"\s]{4,128})"`),
				group:  1, priority: prioContext + 1, noPlaceholder: true,
				check: storedPasswordCheck,
			}).
			pos("{\n    \"type\": \"sftp\",\n    \"host\": \"deploy.rose.internal\",\n    \"user\": \"www\",\n    \"password\": \"⟦«pw:14»⟧\",\n    \"remote_path\": \"/var/www/\"\n}\n",
				"{\n  \"protocol\": \"ftp\",\n  \"host\": \"ftp.rose.internal\",\n  \"user\": \"deploy\",\n  \"pass\": \"⟦«alnum:12»⟧\"\n}\n").
			neg("{\n    \"type\": \"sftp\",\n    \"password\": \"\",\n    \"remote_path\": \"/var/www/\"\n}\n",
				"{\n    \"type\": \"sftp\",\n    \"password\": \"${SFTP_PASSWORD}\"\n}\n",
				"{\"type\": \"object\", \"password\": \"password\"}"),
		def("filezilla-password", "Password saved by FileZilla",
			"A server password saved by FileZilla (sitemanager.xml, recentservers.xml, filezilla.xml <Pass>, in clear or base64): it logs in to that FTP/SFTP server."+revoke,
			&pattern{
				password: true,
				keywords: []string{"<pass>", "<pass encoding"},
				re:       regexp.MustCompile(`<Pass(?:\s+encoding="base64")?>([^<\s]{4,256})</Pass>`),
				group:    1, priority: prioContext + 1, noPlaceholder: true,
				check: func(s string, line []byte) bool {
					if strings.Contains(string(line), `encoding="base64"`) {
						b, err := base64.StdEncoding.DecodeString(s)
						if err != nil {
							return false
						}
						s = strings.TrimSpace(string(b))
					}
					return storedPasswordCheck(s, line)
				},
			}).
			pos("<Server>\n  <Host>ftp.rose.internal</Host>\n  <User>deploy</User>\n  <Pass encoding=\"base64\">⟦«enc64:«pw:16»»⟧</Pass>\n</Server>\n",
				"<Server>\n  <User>deploy</User>\n  <Pass>⟦«alnum:14»⟧</Pass>\n</Server>\n").
			neg("<Pass encoding=\"base64\" />", "<Pass></Pass>", "<Pass>${FTP_PASSWORD}</Pass>"),
		def("robo3t-password", "Password saved by Robo 3T (Robomongo)",
			"A MongoDB user password, SSH password or SSH key passphrase saved in a Robo 3T / Robomongo connection file (robomongo.json, robo3t.json)."+revoke,
			&pattern{
				password: true,
				keywords: []string{`"userpassword"`, `"sshuserpassword"`, `"sshpassphrase"`},
				re:       regexp.MustCompile(`"(?:userPassword|sshUserPassword|sshPassphrase)"\s*:\s*"([^"\s]{4,128})"`),
				group:    1, priority: prioContext + 1, noPlaceholder: true,
				check: storedPasswordCheck,
			}).
			pos("{\n  \"connections\": [{\n    \"credentials\": [{\n      \"userName\": \"app\",\n      \"userPassword\": \"⟦«pw:14»⟧\"\n    }]\n  }]\n}\n").
			neg("\"userPassword\" : \"\"", "\"sshPassphrase\": \"${PASSPHRASE}\""),
		def("jetbrains-webserver-password", "Password saved in a JetBrains deployment server (WebServers.xml)",
			"A deployment server password saved by a JetBrains IDE in .idea/WebServers.xml (<fileTransfer … password=\"…\">): the stored form is a reversible scrambling of the password, not a hash."+revoke,
			&pattern{
				keywords: []string{"<filetransfer"},
				re:       regexp.MustCompile(`<fileTransfer\b[^>\n]{0,400}?\spassword="([0-9a-f]{8,512})"`),
				group:    1, minEntropy: 2.0, priority: prioContext + 1,
			}).
			pos("<component name=\"WebServers\">\n  <option name=\"servers\">\n    <webServer id=\"1\" name=\"prod\">\n      <fileTransfer host=\"ftp.rose.internal\" port=\"21\" password=\"⟦«hex:64»⟧\" username=\"deploy\">\n").
			neg("<fileTransfer host=\"ftp.rose.internal\" port=\"21\" username=\"deploy\">"),
		def("firefox-saved-password", "Firefox saved login (logins.json)",
			"An encrypted password of a Firefox profile's saved logins (logins.json encryptedPassword). With the profile's key4.db, which sits beside it and has no primary password by default, it decrypts to the site's password: change the passwords of the sites listed and remove the profile from the repository.",
			&pattern{
				keywords: []string{`"encryptedpassword"`},
				re:       regexp.MustCompile(`"encryptedPassword"\s*:\s*"(M[A-Za-z0-9+/]{40,1000}={0,2})"`),
				// The DER header holds a run of A (zero bytes): not a stand-in.
				group: 1, minEntropy: 3.5, priority: prioContext + 1, noPlaceholder: true,
				check: func(s string, _ []byte) bool { return distinct(s) >= 16 },
			}).
			pos("{\"logins\":[{\"id\":1,\"hostname\":\"https://git.rose.internal\",\"encryptedUsername\":\"MDoEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcE«b64:40»\",\"encryptedPassword\":\"⟦MDoEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcE«b64:40»⟧\"}]}").
			neg("\"encryptedPassword\": \"\""),
		def("env-file-password", "Password assigned in an environment file",
			"A password set in an environment or shell file (DB_PASSWORD=…, export MAIL_PASSWORD='…') that is chosen by a person rather than generated: it mixes at least three of lower case, upper case, digits and symbols, and is not a stand-in (password1, Changeme!, ${DB_PASSWORD}). Generated values are the generic rule's."+revoke,
			&pattern{
				password: true,
				keywords: []string{"password=", "passwd=", "_pass=", "_pwd="},
				re:       regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+)?[A-Z][A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|_PASS|_PWD)=["']?([^\s'"#]{8,64})["']?[ \t]*(?:#[^\n]*)?\r?$`),
				group:    1, priority: prioContext - 1,
				check: envPasswordCheck,
			}).
			pos("DB_HOST=db.rose.internal\nDB_PASSWORD=⟦Tulip-Garden42⟧\n", "export SMTP_PASSWORD='⟦Mailbox!2024x⟧'\n").
			neg("DB_PASSWORD=${DB_PASSWORD}\n", "DB_PASSWORD=Password123!\n", "DB_PASSWORD=admin1234\n", "DB_PASSWORD=\n", "REDIS_PASSWORD=changeme\n"),
	}
}

func notTestPath(p string) bool { return !isTestPath(p) }

// htpasswdFile reports whether p is an Apache password file (.htpasswd,
// or a name ending in htpasswd).
func htpasswdFile(p string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	return strings.HasSuffix(base, "htpasswd") && !isTestPath(p) && !pathMentionsExample(p)
}

// cryptHash reports whether v is a hash in one of the forms .htpasswd
// holds besides clear text: a $-delimited crypt hash, {SCHEME}base64, or
// the 13 characters of DES crypt.
func cryptHash(v string) bool {
	if strings.HasPrefix(v, "$") || strings.HasPrefix(v, "{") {
		return true
	}
	if len(v) != 13 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !isAlnum(c) && c != '.' && c != '/' {
			return false
		}
	}
	return true
}

// schemeHashCheck checks a {SCHEME}base64 hash: the base64 must decode to
// the scheme's digest, followed by a salt for the salted schemes.
func schemeHashCheck(s string, _ []byte) bool {
	end := strings.IndexByte(s, '}')
	scheme, body := strings.ToUpper(s[1:end]), s[end+1:]
	raw, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return false
	}
	digest, salted := scheme, strings.HasPrefix(scheme, "SS") || scheme == "SMD5"
	if salted {
		digest = scheme[1:]
	}
	size := map[string]int{"SHA": 20, "SHA256": 32, "SHA512": 64, "MD5": 16}[digest]
	if salted {
		return len(raw) > size // the digest, then the salt
	}
	return len(raw) == size
}

// knownHashes are password hashes that frameworks publish in their
// scaffolding (Laravel's user factory: the hash of "password").
var knownHashes = map[string]bool{
	"$2y$10$92IXUNpkjO0rOQ5byMi.Ye4oKoEa3Ro9llC/.og/at2.uheWG/igi": true,
}

// sqlRow reports whether line is a row of a SQL dump or insert: it starts
// with a parenthesis or holds INSERT INTO / VALUES.
func sqlRow(line []byte) bool {
	t := strings.TrimSpace(string(line))
	if strings.HasPrefix(t, "(") {
		return true
	}
	low := strings.ToLower(t)
	return strings.Contains(low, "insert into") || strings.Contains(low, " values")
}

// storedPasswordCheck judges a password saved by a tool in its own
// credential file: whatever its strength it logs in, so only stand-ins
// are dropped (empty, password, ${VAR}, <password>, xxxx, a run of one
// character).
func storedPasswordCheck(pw string, _ []byte) bool {
	if weakPasswords[strings.ToLower(pw)] || strings.ContainsAny(pw, "${}<>") || isPlaceholder(pw) {
		return false
	}
	return len(pw) >= 4 && distinct(pw) >= 3
}

// envPasswordCheck keeps a password of an environment file that a person
// chose (three character classes or more) and that is not a common
// password in disguise or a reference.
func envPasswordCheck(pw string, _ []byte) bool {
	return !looksRandom(pw, 8) && typedPassword(pw)
}
