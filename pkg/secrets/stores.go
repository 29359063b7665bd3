package secrets

import (
	"path"
	"strings"
)

// A credential store is a file whose purpose is to hold logins: a .pgpass,
// a .netrc, an FTP client's saved sites, a shell profile's exports. In one,
// a password is a password whatever its strength: "hunter22" in a .netrc
// logs in to the machine it names, while the same word in code is more
// often a test value or a stand-in. So a rule that reads passwords reports
// typed and weak ones in a store, and only strong ones elsewhere.
type storeKind uint8

const (
	storeNone  storeKind = iota
	storeLogin           // written by a tool or a person only to hold logins
	storeEnv             // environment and shell files: logins beside other settings
)

// loginStores are base names (lower case) of login files, of the saved
// connections of FTP, database and mail clients, and of package managers'
// client settings whose purpose is to reach private indexes (pip.conf).
var loginStores = map[string]bool{
	".pgpass": true, ".netrc": true, "_netrc": true, ".git-credentials": true,
	".esmtprc": true, ".msmtprc": true, ".fetchmailrc": true, ".muttrc": true,
	".ftpconfig": true, "sftp-config.json": true, ".remote-sync.json": true, "deployment-config.json": true, "sftp.json": true,
	"sitemanager.xml": true, "recentservers.xml": true, "filezilla.xml": true,
	"robomongo.json": true, "robo3t.json": true, "dbeaver-data-sources.xml": true, "data-sources.json": true,
	"webservers.xml": true, "ventrilo_srv.ini": true, ".s3cfg": true, ".my.cnf": true, ".boto": true,
	"credentials.xml": true, "settings-security.xml": true, ".pypirc": true, ".dockercfg": true,
	"pip.conf": true, "pip.ini": true,
}

// envStores are shell start-up files, which hold exported logins beside the
// rest of a user's settings.
var envStores = map[string]bool{
	".bashrc": true, ".bash_profile": true, ".profile": true, ".zshrc": true, ".zprofile": true,
	".zshenv": true, ".kshrc": true, ".cshrc": true, ".tcshrc": true, ".envrc": true,
}

// credentialStore says which kind of credential store p is. Stores in test
// paths and stores named as examples (.env.example, .netrc.sample) are not:
// their logins are fixtures and stand-ins.
func credentialStore(p string) storeKind {
	p = strings.ReplaceAll(p, "\\", "/")
	base := strings.ToLower(path.Base(p))
	if isTestPath(p) || pathMentionsExample(p) {
		return storeNone
	}
	switch {
	case loginStores[base], base == "settings.xml" && strings.Contains("/"+strings.ToLower(p), "/.m2/"):
		// Maven's user settings (~/.m2/settings.xml): the servers'
		// logins; a project's settings.xml is any program's.
		return storeLogin
	case envStores[base], base == ".env", strings.HasPrefix(base, ".env."), strings.HasSuffix(base, ".env"):
		return storeEnv
	}
	return storeNone
}

// passwordName reports whether an identifier names a login password
// (DB_PASSWORD, smtpPass, pwd, passphrase) rather than a setting about
// passwords (password_min_length, PASSWORD_HASHER, passwordField) or a
// word that holds "pass" (passport, bypass, compass).
func passwordName(name string) bool {
	n := strings.ToLower(strings.Trim(name, `"'`+"` \t$:"))
	if n == "" {
		return false
	}
	words := nameWords(strings.Trim(name, `"'`+"` \t$:"))
	for _, w := range words {
		switch w {
		case "salt", "policy", "length", "len", "min", "max", "reset", "field", "label", "placeholder", "hint",
			"regex", "pattern", "file", "path", "url", "cmd", "command", "prompt", "strength", "validator",
			"rule", "rules", "input", "encoder", "digest", "type", "mode":
			return false
		}
		if strings.HasPrefix(w, "hash") || strings.HasPrefix(w, "expir") || strings.HasPrefix(w, "valid") {
			return false
		}
	}
	if strings.Contains(n, "password") || strings.Contains(n, "passwd") || strings.Contains(n, "passphrase") ||
		strings.Contains(n, "pwd") {
		return true
	}
	// pass as a word of its own: PASS, MLAB_PASS, smtp-pass, dbPass.
	for _, w := range words {
		if w == "pass" {
			return true
		}
	}
	return false
}

// nameWords splits an identifier into lower-case words (see nextSegment:
// dbPass is db, pass).
func nameWords(name string) []string {
	var words []string
	for s, e := nextSegment(name, 0); s < len(name); s, e = nextSegment(name, e) {
		words = append(words, strings.ToLower(name[s:e]))
	}
	return words
}

// storeCheck judges a password found in a credential store of the given
// kind. Only what cannot log in is dropped: empty values, references
// (${DB_PASSWORD}, %PASS%, $(pass show db)), templates (<password>,
// {{ .Password }}), masks (********), placeholders, and the bare stand-in
// words (password, changeme). Environment files hold more stand-ins
// (DB_PASSWORD=secret123 for a local database), so there a common password
// in disguise is dropped too.
func storeCheck(kind storeKind, pw string) bool {
	if len(pw) < 4 || len(pw) > 128 || strings.ContainsAny(pw, " \t${}<>()`") || isPlaceholder(pw) ||
		weakPasswords[strings.ToLower(pw)] || commonPasswords[strings.ToLower(pw)] || distinct(pw) < 3 || vendorDefault(pw) {
		return false
	}
	for i := 0; i < len(pw); i++ {
		if pw[i] < 0x21 || pw[i] > 0x7e {
			return false
		}
	}
	if codeRef(pw) || looksRandom(pw, 8) {
		// Generated values are left to the rules that judge them as such.
		return false
	}
	if kind == storeEnv {
		return len(pw) >= 6 && distinct(pw) >= 4 && !weakPassword(pw)
	}
	return true
}

// typedPassword reports whether pw looks like a password a person chose
// with care: eight characters or more of printable ASCII mixing at least
// three of lower case, upper case, digits and symbols, not a common
// password in disguise (Passw0rd!, Welcome123), a stand-in, a reference or
// an identifier. Rules whose value is known to be a password (a URL's, a
// DB_PASSWORD's) report these beside generated values.
func typedPassword(pw string) bool {
	if len(pw) < 8 || len(pw) > 64 || strings.ContainsAny(pw, " \t${}<>()`") || isPlaceholder(pw) ||
		weakPassword(pw) || weakPasswords[strings.ToLower(pw)] {
		return false
	}
	for i := 0; i < len(pw); i++ {
		if pw[i] < 0x21 || pw[i] > 0x7e {
			return false
		}
	}
	if codeRef(pw) || versionLike.MatchString(pw) || standInStart(pw) || codeValue(pw) {
		return false
	}
	return charClasses(pw, true) >= 3 && distinct(pw) >= 6
}

// standInStart reports whether pw starts with a word of stand-in and
// common passwords (testpwd123!, AdminPass#1, Demo2024!): a value typed
// for a test or a local setup.
func standInStart(pw string) bool {
	end := 0
	for end < len(pw) && ('a' <= lower(pw[end]) && lower(pw[end]) <= 'z') {
		end++
	}
	first := strings.ToLower(pw[:end])
	for w := range commonPasswords {
		if len(w) >= 4 && strings.HasPrefix(first, w) {
			return true
		}
	}
	for w := range weakPasswords {
		if len(w) >= 4 && strings.HasPrefix(first, w) {
			return true
		}
	}
	return false
}

// serviceConfigPath reports whether p configures CI pipelines, local
// containers or a development environment: GitHub workflows, GitLab,
// Travis, CircleCI (and files named after it: ormconfig.circleci.json),
// Azure Pipelines, Wercker, AppVeyor, Cirrus, Cloud Build, Buildkite, Earthfiles, Jenkinsfiles, compose files, Dockerfiles,
// docker/ folders and dev containers. Their typed passwords start database
// containers for tests (MSSQL's SA_PASSWORD must mix classes).
func serviceConfigPath(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	base := strings.ToLower(path.Base(p))
	dir := strings.ToLower(path.Dir(p))
	for _, ext := range [...]string{".tt", ".erb", ".tmpl", ".template", ".j2", ".jinja", ".hbs", ".ejs", ".mustache"} {
		if stem, ok := strings.CutSuffix(base, ext); ok && stem != "" {
			// A generator's template of such a file (Rails' templates/github/
			// ci.yml.tt, a .gitlab-ci.yml.erb): what it writes is one. The
			// templates keep .github/ without its dot.
			if strings.HasSuffix(dir, "github") || strings.HasSuffix(dir, "github/workflows") {
				return true
			}
			return serviceConfigPath(path.Join(dir, stem))
		}
	}
	switch {
	case strings.HasSuffix(dir, ".github/workflows") || strings.HasSuffix(dir, ".circleci") || strings.HasSuffix(dir, ".buildkite"):
		return true
	case base == ".gitlab-ci.yml" || base == ".travis.yml" || base == "azure-pipelines.yml" || base == "earthfile" ||
		base == "jenkinsfile" || base == "bitbucket-pipelines.yml" || base == ".drone.yml" || base == "vagrantfile" ||
		base == ".devcontainer.json" || base == "wercker.yml" || base == "appveyor.yml" || base == ".appveyor.yml" ||
		base == ".cirrus.yml" || base == "cloudbuild.yaml" || base == "cloudbuild.yml" || base == "codeship-services.yml":
		return true
	case strings.HasPrefix(base, "dockerfile") || strings.HasSuffix(base, ".dockerfile") ||
		strings.Contains(base, ".circleci.") || strings.Contains(base, ".circleci-") || strings.Contains(base, ".travis."):
		return true
	}
	for _, seg := range strings.Split(dir, "/") {
		if seg == "docker" || seg == ".devcontainer" {
			return true
		}
	}
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".yml"), ".yaml")
	return stem != base && (strings.Contains(stem, "docker-compose") || stem == "compose" || strings.HasPrefix(stem, "compose.") ||
		strings.HasSuffix(stem, ".compose"))
}

// sampleCodePath reports whether p lies in a folder of sample, example,
// tutorial or demo code (sample/, samples/, examples/, tutorial/, demo/),
// whose typed passwords show how to connect to a local database.
func sampleCodePath(p string) bool {
	p = strings.ToLower(strings.ReplaceAll(p, "\\", "/"))
	segs := strings.Split(p, "/")
	for _, seg := range segs[:len(segs)-1] {
		switch seg {
		case "sample", "samples", "example", "examples", "tutorial", "tutorials", "demo", "demos":
			return true
		}
	}
	return false
}
