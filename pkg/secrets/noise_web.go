package secrets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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

// exampleIssuer reports whether a JWT's claims name an issuer in a
// namespace reserved for examples: urn:example: (RFC 6963), the example.com,
// .net and .org domains and the .example and .test names (RFC 2606), as in
// a library's documented tokens ("iss":"urn:example:issuer"). No service
// issues tokens under them.
func exampleIssuer(claims []byte) bool {
	var c struct {
		Iss string `json:"iss"`
	}
	if json.Unmarshal(claims, &c) != nil || c.Iss == "" {
		return false
	}
	iss := strings.ToLower(c.Iss)
	if strings.HasPrefix(iss, "urn:example:") {
		return true
	}
	if i := strings.Index(iss, "://"); i >= 0 {
		iss = iss[i+3:]
	}
	if i := strings.IndexAny(iss, "/:?#"); i >= 0 {
		iss = iss[:i]
	}
	for _, d := range [...]string{"example.com", "example.net", "example.org"} {
		if iss == d || strings.HasSuffix(iss, "."+d) {
			return true
		}
	}
	return strings.HasSuffix(iss, ".example") || strings.HasSuffix(iss, ".test")
}

// declKeywords open a declaration whose name a type annotation may follow.
var declKeywords = [...]string{"let", "var", "const", "val", "readonly", "private", "public", "protected", "declare", "static", "lateinit"}

// declaredType reports whether the value at text[abs] is the type that
// annotates a declared name, with no value assigned on the line (let
// password: Uint8Array, private val token: AccessToken): a name declared
// by a keyword of TypeScript, Kotlin or Swift, a colon, then the type.
func declaredType(text []byte, abs int) bool {
	lo := max(0, abs-maxContext)
	i := abs
	for i > lo && isSpace(text[i-1]) {
		i--
	}
	if i <= lo || text[i-1] != ':' {
		return false
	}
	i--
	if i > lo && (text[i-1] == '?' || text[i-1] == '!') {
		i-- // password?: string, token!: Token
	}
	e := i
	for i > lo && (isTokenChar(text[i-1]) && text[i-1] != '-' || text[i-1] == '$') {
		i--
	}
	if i == e || i <= lo || !isSpace(text[i-1]) {
		return false
	}
	for i > lo && isSpace(text[i-1]) {
		i--
	}
	k := i
	for i > lo && isLowerC(text[i-1]) {
		i--
	}
	if i > lo && (isTokenChar(text[i-1]) || text[i-1] == '.') {
		return false
	}
	w := string(text[i:k])
	for _, kw := range declKeywords {
		if w == kw {
			return true
		}
	}
	return false
}

// cutJWT reports whether a value of unknown format is a JSON Web Token cut
// where the generic rule stops reading (a value of maxGenericValue
// characters: a header naming an algorithm, a dot, then claims): the jwt
// rule reads and judges the whole token, as it does shorter ones.
func cutJWT(v string) bool {
	if len(v) < maxGenericValue || !strings.HasPrefix(v, "eyJ") {
		return false
	}
	h, claims, ok := strings.Cut(v, ".")
	if !ok || !strings.HasPrefix(claims, "eyJ") {
		return false // claims are JSON: {" in base64
	}
	b, ok := decodeSegment(h)
	return ok && bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) && bytes.Contains(b, []byte(`"alg"`))
}

// frameworkExampleTails are the SHA-256 digests of frameworks' documented
// example values that their demos copy with other first two characters:
// Tornado's cookie_secret, in its overview, its old website and each demo
// (11oETz…, 32oETz…, 61oETz…), and in the applications built from them. A
// digest of the value without its first two characters, as the published
// keys are kept by digest (publishedKeys).
var frameworkExampleTails = map[string]bool{
	"a1f1702073ebc3c46c1a4f5c86e16b944b017de351669267306a2073607a0335": true,
}

// frameworkExampleTail reports whether v is one of frameworkExampleTails:
// 44 characters (the base64 of 32 bytes), then the digest of all but the
// first two.
func frameworkExampleTail(v string) bool {
	if len(v) != 44 {
		return false
	}
	sum := sha256.Sum256([]byte(v[2:]))
	return frameworkExampleTails[hex.EncodeToString(sum[:])]
}
