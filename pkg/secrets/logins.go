package secrets

import (
	"bytes"
	"regexp"
	"strings"
)

// A password that repeats the login it belongs to (User ID=app_tests;
// Password=app_tests, a .pgpass line db:user:user, POSTGRES_PASSWORD next
// to the same user, KEYCLOAK_PASSWORD: keycloak) is the throwaway login of
// a test database or a local container: nobody who guards a database names
// its password after the user, the database or the variable. Such a
// password is not reported, in a credential store either.

// loginFieldRe finds the user and database names of a connection string,
// a URL or a configuration line: User ID=x, uid=x, username: x, Initial
// Catalog=x, database=x, POSTGRES_USER=x, MYSQL_DATABASE: x, //user:.
var loginFieldRe = regexp.MustCompile(`(?i:(?:^|[^a-z0-9_])(?:[a-z0-9]+[_-])*(?:user(?:[ _-]?(?:id|name))?|uid|login|db(?:[ _-]?name)?|database(?:[ _-]?name)?|initial catalog|schema)["']?[ \t]*(?:=>|=|:)[ \t]*["']?([^;"'\s&,<>()]{3,64}))|://([^\s:/@"'<>]{3,64}):`)

// pgpassLineRe reads the database and user of a .pgpass line
// (host:port:database:user:password).
var pgpassLineRe = regexp.MustCompile(`^[ \t]*[^:\s]+:[^:\s]+:([^:\s]+):([^:\s]+):`)

// loginStemWords are words that name a login's role or environment rather
// than its owner (app_tests, shopdb, dapper_user): what is left is the
// stem a project names its test logins after.
var loginStemWords = []string{
	"tests", "test", "testing", "user", "usr", "db", "database", "pass", "password", "passwd", "pwd",
	"admin", "app", "dev", "local", "login",
}

// normLogin lower-cases s and drops everything but letters and digits.
func normLogin(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, s)
}

// loginStem strips the role words and digits from the end of a normalised
// login name (dappertest -> dapper, shop_db2 -> shop).
func loginStem(n string) string {
	for changed := true; changed; {
		changed = false
		if t := strings.TrimRight(n, "0123456789"); t != n {
			n, changed = t, true
		}
		for _, w := range loginStemWords {
			if len(n) > len(w) && strings.HasSuffix(n, w) {
				n, changed = n[:len(n)-len(w)], true
			}
		}
	}
	return n
}

// repeatsLoginName reports whether the password pw repeats the login name
// (a user or database name, or the words of a variable's name): equal to
// it, or its stem followed by nothing but digits, symbols or role and
// stand-in words (dappertest / dapperpass, shop / shop2019).
func repeatsLoginName(pw, login string) bool {
	p, l := normLogin(pw), normLogin(login)
	if len(l) < 3 || len(p) < 3 {
		return false
	}
	if p == l {
		return true
	}
	stem := loginStem(l)
	if len(stem) < 4 || !strings.HasPrefix(p, stem) {
		return false
	}
	rest := loginStem(p[len(stem):])
	return rest == "" || commonPasswords[rest] || weakPasswords[rest]
}

// repeatsLogin reports whether the password pw, found on line, repeats a
// user or database name written on that line or in near, the lines around
// it (MYSQL_USER=x above MYSQL_PASSWORD=x, user: and password: of one
// YAML entry).
func repeatsLogin(pw string, line, near []byte) bool {
	if m := pgpassLineRe.FindSubmatch(line); m != nil {
		if repeatsLoginName(pw, string(m[1])) || repeatsLoginName(pw, string(m[2])) {
			return true
		}
	}
	if !bytes.ContainsAny(near, "=:") {
		return false
	}
	for _, m := range loginFieldRe.FindAllSubmatch(near, 16) {
		v := m[1]
		if v == nil {
			v = m[2]
		}
		if repeatsLoginName(pw, string(v)) {
			return true
		}
	}
	return false
}

// repeatsVarName reports whether a password repeats the name it is
// assigned to, less its password word (DB2INST1_PASSWORD: db2inst1,
// keycloak_admin_password = keycloak).
func repeatsVarName(pw, name string) bool {
	n := normLogin(name)
	for _, w := range [...]string{"password", "passwd", "passphrase", "pwd", "pass"} {
		if i := strings.LastIndex(n, w); i >= 0 {
			n = n[:i] + n[i+len(w):]
			break
		}
	}
	if len(n) < 4 {
		return false
	}
	if p := normLogin(pw); p == n || len(p) >= 4 && strings.HasPrefix(n, p) {
		return true // the whole name, or its first words (keycloak for KEYCLOAK_ADMIN)
	}
	return repeatsLoginName(pw, n)
}

// nearLines returns the lines around text[ls:le]: up to n lines before and
// after it, each read up to maxContext bytes.
func nearLines(text []byte, ls, le, n int) []byte {
	s := ls
	for i := 0; i < n && s > 0; i++ {
		lo := max(0, s-1-maxContext)
		j := bytes.LastIndexByte(text[lo:s-1], '\n')
		if j < 0 {
			s = lo
			break
		}
		s = lo + j + 1
	}
	e := le
	for i := 0; i < n && e < len(text); i++ {
		hi := min(len(text), e+1+maxContext)
		j := bytes.IndexByte(text[e+1:hi], '\n')
		if j < 0 {
			e = hi
			break
		}
		e = e + 1 + j
	}
	return text[s:e]
}
