package secrets

import (
	"bytes"
	"strings"
)

// typeArgsClose reports whether the value at text[abs] was read after a
// name and a ">" that closes a list of type arguments or parameters, not
// an XML element (KeyWrap<Password, Password> PBKDF2_HS384_A192KW = …,
// <A extends PublicKey, B extends PrivateKey> KeyPair<A, B> …). A ">" after
// a name assigns only where the name opens an element (<Password>…,
// <wsse:Password>…) or is a quoted attribute value (key="password">…).
func typeArgsClose(text []byte, abs int) bool {
	lo := max(0, abs-maxContext)
	i := abs
	if i > lo && isQuote(text[i-1]) {
		i--
	}
	if i > lo && text[i-1] == '\\' {
		i--
	}
	for i > lo && isSpace(text[i-1]) {
		i--
	}
	if i <= lo || text[i-1] != '>' {
		return false
	}
	i--
	if i > lo && (text[i-1] == '=' || text[i-1] == '-') {
		return false // => and ->
	}
	for i > lo && isSpace(text[i-1]) {
		i--
	}
	if i > lo && (isQuote(text[i-1]) || text[i-1] == '\\') {
		return false // an attribute's value: <entry key="db.password">…
	}
	e := i
	for i > lo && isNameChar(text[i-1]) {
		i--
	}
	if i == e {
		return false
	}
	if i > lo && text[i-1] == '<' {
		return false // an element
	}
	if i > lo && text[i-1] == ':' {
		j := i - 1
		for j > lo && isTokenChar(text[j-1]) {
			j--
		}
		if j < i-1 && j > lo && text[j-1] == '<' {
			return false // an element with a namespace prefix
		}
	}
	return true
}

// nonNullMember reports whether v is a member expression with
// TypeScript's non-null assertion (this.reportingConfig.key!,
// config.apiKey!): code, as the expression without it is.
func nonNullMember(v string) bool {
	e, ok := strings.CutSuffix(v, "!")
	return ok && !strings.HasSuffix(e, "!") && codeRef(e)
}

// nameIsValue reports whether the name that the declared-type syntax read
// before v on line is itself the value of an assignment (ROSE_KEY=YOUR_API_KEY
// ROSE_REF=my-graph@my-variant: the value of one variable of a command line
// and the name of the next, read as a name and a type). A declared name
// (var apiToken string = …) follows a keyword or a blank.
func nameIsValue(line []byte, v string) bool {
	i := bytes.Index(line, []byte(v))
	if i <= 0 {
		return false
	}
	if isQuote(line[i-1]) {
		i--
	}
	for i > 0 && isSpace(line[i-1]) {
		i--
	}
	for i > 0 && (line[i-1] == '=' || line[i-1] == '.' || line[i-1] == '?' || line[i-1] == ':') {
		i--
	}
	for i > 0 && isSpace(line[i-1]) {
		i--
	}
	t := i // the type
	for i > 0 && (isAlnum(line[i-1]) || line[i-1] == '_' || line[i-1] == '.') {
		i--
	}
	if i == t {
		return false
	}
	s := i
	for i > 0 && (isSpace(line[i-1]) || line[i-1] == ':') {
		i--
	}
	if i == s {
		return false
	}
	n := i // the name
	for i > 0 && (isTokenChar(line[i-1]) || line[i-1] == '.' || line[i-1] == '$') {
		i--
	}
	return i < n && i > 0 && line[i-1] == '='
}

// sphinxSources reports whether p is one of the copies of its sources
// that Sphinx writes into a built site (_sources/manual/config.rst.txt,
// kept for its "show source" links, in every published version of the
// docs): the sources are scanned where they are written.
func sphinxSources(p string) bool {
	return strings.HasPrefix(p, "_sources/") || strings.Contains(p, "/_sources/")
}

// generateVerbs open a comment that tells the reader to make a value of
// their own.
var generateVerbs = [...]string{"generate", "replace", "change", "create", "put", "paste", "insert", "enter", "fill"}

// generateComment reports whether the rest of a value's line, after the
// value, is a comment telling the reader to make their own value
// ("// generate using base64_encode(random_bytes(32))", "# replace with
// your key"): in documentation, the value shows where one goes.
func generateComment(rest []byte) bool {
	i := bytes.Index(rest, []byte("//"))
	if j := bytes.IndexByte(rest, '#'); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return false
	}
	c := bytes.TrimLeft(rest[i:], "/# \t")
	for _, v := range generateVerbs {
		if len(c) > len(v) && strings.EqualFold(string(c[:len(v)]), v) && (c[len(v)] == ' ' || c[len(v)] == ':') {
			return true
		}
	}
	return false
}

// hostListURL reports whether the user and password that the URL rule read
// before pw on line are the first hosts of a multi-host URL
// (https://alpha.org:123,beta:gamma@delta.org, postgres://db1:5432,db2:5433@db3/app):
// a host name, then a port and a comma where the password would start.
// A password does not start with a port number and a comma.
func hostListURL(pw string, line []byte) bool {
	d := 0
	for d < len(pw) && d < 6 && isDigit(pw[d]) {
		d++
	}
	if d == 0 || d > 5 || d == len(pw) || pw[d] != ',' {
		return false
	}
	i := bytes.Index(line, []byte(":"+pw+"@"))
	if i <= 0 {
		return false
	}
	j := bytes.LastIndex(line[:i], []byte("//"))
	if j < 0 {
		return false
	}
	host := line[j+2 : i]
	if len(host) == 0 {
		return false
	}
	for _, c := range host {
		if !isAlnum(c) && c != '.' && c != '-' {
			return false
		}
	}
	return true
}
