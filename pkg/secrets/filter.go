package secrets

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"hash"
	"hash/crc32"
	"math"
	"regexp"
	"strings"
)

// entropy returns the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// azuriteKey is the key of the Azure storage emulator's account devstoreaccount1.
const azuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

// knownExamples are documented example credentials that vendors publish.
var knownExamples = map[string]bool{
	"AKIAIOSFODNN7EXAMPLE":                                  true,
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY":              true,
	"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":              true,
	"123e4567-e89b-12d3-a456-426614174000":                  true,
	"123e4567-e89b-12d3-a456-426655440000":                  true,
	"550e8400-e29b-41d4-a716-446655440000":                  true,
	"sk_test_4eC39HqLyjWDarjtT1zdp7dc":                      true,
	"xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy": true,
	"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c": true,
	// The Azure storage emulator's (Azurite's) account key, the same in
	// every installation and published in Microsoft's documentation.
	azuriteKey: true,
	// The OAuth RFCs' examples (RFC 5849, RFC 6749, RFC 6750), copied into
	// the docstrings of every OAuth library.
	"2YotnFZFEjr1zCsicMWpAA": true, "tGzv3JOkF0XG5Qx2TlKWIA": true, "SplxlOBeZQQYbYS6WxSbIA": true,
	"7Fjfp0ZBr1KtDRbnfVdmIw": true, "gX1fBat3bV": true, "czZCaGRSa3F0MzpnWDFmQmF0M2JW": true,
	"mF_9.B5f-4.1JqM": true, "adijq39jdlaska9asud": true,
	"dpf43f3p2l4k3l03": true, "kd94hf93k423kf44": true, "hh5s93j4hdidpola": true, "hdk48Djdsa": true,
	"hfdp7dh39dks9884": true, "nnch734d00sl2jdk": true, "pfkkdhi9sl3r4s00": true,
	"9djdj82h48djs9d2": true, "kkk9d7dh3k39sjv7": true, "j49sk3j29djd": true, "dh893hdasih9": true,
	"0685bd9184jfhq22": true, "ad180jjd733klru7": true, "h480djs93hd8": true,
	// Slack's request-signing guide (the signing secret and the
	// verification token of its example slash-command body) and Stripe's
	// test-mode API key of its early documentation, copied into the tests
	// of their SDKs and of the apps built on them.
	"8f742231b10e8888abcd99yyyzzz85a5": true, "xyzz0WbapA4vBCDEFasx0q6G": true,
	"tGN0bIwXnHdwOa85VABjPdSn8nWY7G7I": true,
	// MinIO's public playground (play.min.io), in MinIO's documentation and
	// every MinIO client's examples and tests.
	// The pass phrase of the test key that Apache's stock default-ssl.conf
	// documents (mod_ssl), copied into every project that ships that file.
	"xxj31ZMTZzkVA": true,
	// RFC 7591 and RFC 7592's examples (dynamic client registration): the
	// client secret and the registration access token.
	"cf136dc3c1fc93f31185e5885805d": true, "reg-23410913-abewfq.123483": true,
	// The tokens of Twitter's (X's) documented three-legged OAuth 1.0a
	// flow, copied into the guides of OAuth libraries.
	"Z6eEdO8MOmk394WozF5oKyuAv855l4Mlqo7hhlSLik": true, "Kd75W4OQfb2oJTV0vzGzeXftVAwgMnEK9MumzYcM": true,
	"6253282-eWudHldSbIaelX7swmsiHImEL4KinwaGloHANdrY": true, "2EEfA6BG5ly3sR3XjE0IBSnlQu4ZrUzPiYTmrkVU": true,
	"2EEfA6BG3ly3sR3RjE0IBSnlQu4ZrUzPiYKmrkVU": true,
	// The password of Rails' has_secure_password documentation, copied
	// into the libraries that do the same.
	"mUc3m00RsqyRe":        true,
	"Q3AM3UQ867SPQQA43P2F": true, "zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG": true,
}

// longExamples are the knownExamples of 20 characters or more, which do
// not occur in text by chance.
var longExamples = func() [][]byte {
	var out [][]byte
	for k := range knownExamples {
		if len(k) >= 20 {
			out = append(out, []byte(k))
		}
	}
	return out
}()

// besideKnownExample reports whether the lines around a value in
// documentation show a vendor's documented example (AKIAIOSFODNN7EXAMPLE
// beside a database password in the output of a session): the value is
// part of the same example.
func besideKnownExample(around []byte) bool {
	for _, ex := range longExamples {
		if bytes.Contains(around, ex) {
			return true
		}
	}
	return false
}

// publishedKeys are the SHA-256 digests (of the base64 characters of the
// value as a rule reports it) of private keys their makers publish as
// insecure on purpose: Vagrant's default key pair, which every Vagrant box
// accepts until it is replaced (keys/vagrant, vagrant.key.rsa,
// vagrant.key.ed25519, the PuTTY copy vagrant.ppk). They grant nothing
// that is not public; a key of one's own is reported.
var publishedKeys = map[string]bool{
	"bde18145f7a94bf5dfc12f69da669168ca1cdd6b8a829135fb261e00ee0d48c3": true,
	"9b5a95ecc2fde8bcd837dbe2a21bb1e731cdb17034613a6ec30da332bc861f58": true,
	"56835d827a1def0fe138803df6ecb78125d94897dfde5411a3172cee40fb25c4": true,
}

// publishedKey reports whether secret is one of publishedKeys.
func publishedKey(secret string) bool {
	return len(secret) >= 64 && publishedKeys[keyDigest(secret)] // keys are long
}

// keyDigest is the hex SHA-256 of the base64 characters of a key as a rule
// reports it, the form publishedKeys lists.
func keyDigest(secret string) string {
	h := sha256.New()
	for i := 0; i < len(secret); i++ {
		if c := secret[i]; isAlnum(c) || c == '+' || c == '/' || c == '=' {
			h.Write([]byte{c})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// placeholderMarkers are substrings (lower-case) that mark a value as a
// template, a variable reference or a stand-in rather than a credential.
var placeholderMarkers = []string{
	"${", "{{", "}}", "$(", "#{", "<", ">", "****", "....", "…", "____",
	"example", "placeholder", "changeme", "change_me", "change-me", "your_", "your-", "yourkey",
	"yourtoken", "yoursecret", "yourapikey", "insert", "redacted", "dummy", "replace_me", "replaceme",
	"replace-me", "secrets.", "env.", "12345678", "abcdefgh", "notreal", "not_real", "not-real",
	"changethis", "change_this", "change-this", "randomchars", "random_chars", "random-chars",
	// "your" or "my" and a password word: yourpassword, YOUR_PWD, MyPassword.
	"yourpass", "yourpwd", "yourpw", "mypassword", "mypasswd", "mypwd",
	// Keyboard rows typed as a stand-in (API_KEY_qwertyuiop, the shifted
	// digits !@#$ framing a tutorial's password).
	"qwertyui", "asdfghjk", "!@#$",
	// Descriptions of the value to put (laravel/laravel's old APP_KEY
	// defaults: SomeRandomString, SomeRandomStringWith32Characters,
	// DonotForgetYour32CharacterString) and webpack's generated names.
	"randomstring", "characterstring", "32characters", "__webpack_",
	// Lorem ipsum, the printers' stand-in text (LoremIpsum86).
	"loremipsum", "lorem_ipsum", "lorem-ipsum",
}

// isPlaceholder reports whether secret is a placeholder, template or
// documented example rather than a credential.
func isPlaceholder(secret string) bool {
	if knownExamples[secret] {
		return true
	}
	// A documented example in a list or a pair of fields
	// (region:sjc3:550e8400-e29b-41d4-a716-446655440000).
	if strings.ContainsAny(secret, ":,=") {
		for _, f := range strings.FieldsFunc(secret, func(r rune) bool { return r == ':' || r == ',' || r == '=' }) {
			if len(f) >= 16 && knownExamples[f] {
				return true
			}
		}
	}
	if secret == "" || secret[0] == '$' || secret[0] == '@' || winEnvVar.MatchString(secret) {
		return true
	}
	low := strings.ToLower(secret)
	for _, m := range placeholderMarkers {
		if strings.Contains(low, m) {
			return true
		}
	}
	// A short value counted from the alphabet and the digits (abc123xyz456).
	if len(secret) <= 16 && strings.Contains(low, "abc123") {
		return true
	}
	// xxxx / XXXX: a stand-in (a mixed-case run happens in random text).
	if strings.Contains(secret, "xxxx") || strings.Contains(secret, "XXXX") {
		return true
	}
	// Long runs of one character (aaaaaa, 00000000).
	run := 1
	for i := 1; i < len(secret); i++ {
		if secret[i] == secret[i-1] && isAlnum(secret[i]) {
			run++
			if run >= 8 || run >= 6 && !('0' <= secret[i] && secret[i] <= '9') {
				return true
			}
		} else {
			run = 1
		}
	}
	if len(secret) >= 16 && distinct(secret) < 6 {
		return true
	}
	return hexStandIn(secret)
}

// typedStandIn reports whether a value of unknown format was typed to
// stand in for one: struck on the keyboard (askfjh234as9sd8), shortened
// (12345-st..E), one chunk repeated to the wanted length or words joined
// to counted runs (value12345abcdef). Providers' rules keep such values: their formats are
// checked, and labelled corpora count them as keys.
func typedStandIn(v string) bool {
	return keyboardMash(v) || elided(v) || repeatedChunk(v) || countedWords(v)
}

// keyboardPatched reports whether a value holds a run of four keys of one
// keyboard row (asdf, qwer, zxcv, hjkl): what a page's writer types over
// the parts of a real token they hide (SWMTKN-1-5tl7yaasdfd9qt…asdf…). A
// random value of 70 letters and digits holds one in about 200,000. Only
// documentation is judged so: labelled corpora type such runs as keys.
func keyboardPatched(v string) bool {
	if len(v) < 12 {
		return false
	}
	lv := strings.ToLower(v)
	for _, run := range [...]string{"asdf", "qwer", "zxcv", "hjkl"} {
		if strings.Contains(lv, run) {
			return true
		}
	}
	return false
}

// keyRows are the letter rows of a QWERTY keyboard.
var keyRows = [...]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// keyboardMash reports whether v is letters struck on a keyboard's home
// row (askfjh234as9sd8, w3489sfkjhsdf): lower-case letters, three in four
// or more from the home row, and nearly half of the pairs of letters keys
// at most two apart on one row. A stand-in typed in documentation and
// docstrings; random values of lower-case letters and digits read so once
// in several thousand at eight characters, never from 24. Two letters in
// five or more must be past f: hexadecimal values (a prefix and hex
// digits too), whose letters sit on the home row, are not judged.
func keyboardMash(v string) bool {
	letters, home, pairs, near, beyondHex := 0, 0, 0, 0, 0
	pr, pp := -1, -1
	for i := 0; i < len(v); i++ {
		c := v[i]
		if isUpper(c) {
			return false
		}
		if c > 'f' && isLowerC(c) {
			beyondHex++
		}
		if !isLowerC(c) {
			pr = -1
			continue
		}
		r, p := 0, -1
		for k, row := range keyRows {
			if j := strings.IndexByte(row, c); j >= 0 {
				r, p = k, j
			}
		}
		letters++
		if r == 1 {
			home++
		}
		if pr >= 0 {
			pairs++
			if pr == r && p != pp && p-pp <= 2 && pp-p <= 2 {
				near++
			}
		}
		pr, pp = r, p
	}
	return 5*beyondHex >= 2*letters && letters >= 6 && 4*home >= 3*letters && near >= 3 && 20*near >= 9*pairs
}

// elided reports whether v was shortened for display with two dots between
// its characters (12345-st..E): a part of a value, not a value.
func elided(v string) bool {
	if len(v) > 32 {
		return false
	}
	i := strings.Index(v, "..")
	return i > 0 && i+2 < len(v) && isAlnum(v[i-1]) && isAlnum(v[i+2])
}

// repeatedChunk reports whether v is one chunk of 24 characters or more
// written three times or more, joined or not by a separator
// (aE1OU…-aE1OU…-aE1OU…): a random-looking stand-in of the wanted length.
// Shorter chunks (abcd1234abcd1234…) are kept: labelled corpora count them
// as keys.
func repeatedChunk(v string) bool {
	if len(v) > 256 {
		return false
	}
	for n := 8; 3*n <= len(v); n++ {
		chunk := v[:n]
		rest := v[n:]
		count := 1
		for {
			rest = strings.TrimLeft(rest, "-_.:")
			if !strings.HasPrefix(rest, chunk) {
				break
			}
			rest = rest[n:]
			count++
		}
		if count >= 3 && len(rest) < n {
			return n >= 24 // the shortest chunk that repeats
		}
	}
	return false
}

// hexStandIn reports whether v is a hexadecimal value whose last few
// characters are letters past f (…0c30e8fxyz): a token's hexadecimal
// shape typed with a stand-in ending, which no hexadecimal key has.
func hexStandIn(v string) bool {
	end := len(v)
	for end > 0 && len(v)-end < 4 && 'g' <= v[end-1] && v[end-1] <= 'z' {
		end--
	}
	if len(v)-end < 2 || end < 16 {
		return false
	}
	for i := 0; i < end; i++ {
		if c := v[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return len(s) > 0
}

// classChanges returns the share of adjacent character pairs whose classes
// (lower, upper, digit, other) differ: about 0.6 for random alphanumerics,
// below 0.25 for identifiers and words.
func classChanges(s string) float64 {
	if len(s) < 2 {
		return 0
	}
	class := func(c byte) int {
		switch {
		case 'a' <= c && c <= 'z':
			return 0
		case 'A' <= c && c <= 'Z':
			return 1
		case '0' <= c && c <= '9':
			return 2
		}
		return 3
	}
	n := 0
	for i := 1; i < len(s); i++ {
		if class(s[i]) != class(s[i-1]) {
			n++
		}
	}
	return float64(n) / float64(len(s)-1)
}

// commonPasswords are the words behind weak and tutorial passwords, matched
// after undoing leetspeak and dropping trailing digits and symbols.
var commonPasswords = withProducts(map[string]bool{
	"password": true, "passwort": true, "passw": true, "pass": true, "secret": true, "admin": true,
	"administrator": true, "letmein": true, "welcome": true, "qwerty": true, "changeme": true, "default": true,
	"test": true, "testing": true, "root": true, "master": true, "dragon": true, "monkey": true, "hunter": true,
	"abc": true, "login": true, "user": true, "guest": true, "postgres": true, "mysql": true, "example": true,
	"sample": true, "demo": true, "temp": true, "token": true, "supersecret": true, "topsecret": true,
	"mypassword": true, "mysecret": true, "secretkey": true, "apikey": true, "iloveyou": true, "trustno": true,
	"football": true, "baseball": true, "sunshine": true, "princess": true, "starwars": true, "shadow": true,
	"superman": true, "batman": true, "dev": true, "devpassword": true, "local": true, "docker": true,
	"pwd": true, "passwd": true, "credential": true,
})

// productPasswords are databases and products whose name, with digits or a
// symbol, is the default password of their containers, appliances and
// tutorials (Oracle18, HXEHana1, Huaweiyun1, sap@123, vmware1!).
var productPasswords = map[string]bool{
	"oracle": true, "hana": true, "hxehana": true, "db2inst": true, "sap": true, "vmware": true, "huawei": true,
	"mssql": true, "sqlserver": true, "sybase": true, "mariadb": true, "mongo": true, "mongodb": true, "redis": true,
	"rabbitmq": true, "rabbit": true, "elastic": true, "kibana": true, "minio": true, "minioadmin": true,
	"cassandra": true, "neo4j": true, "couchdb": true, "influx": true, "influxdb": true, "keycloak": true,
	"jenkins": true, "tomcat": true, "weblogic": true, "postgresql": true, "gaussdb": true, "clickhouse": true,
	"cockroach": true, "grafana": true, "sonar": true, "nexus": true, "gitlab": true, "airflow": true,
	"superset": true, "ubuntu": true, "raspberry": true, "vagrant": true, "openstack": true,
}

// withProducts adds the product names to a set of password words.
func withProducts(words map[string]bool) map[string]bool {
	for w := range productPasswords {
		words[w] = true
	}
	return words
}

// vendorDefault reports whether pw is a product's name followed by digits
// or symbols (Oracle18, sap@123, HXEHana1, Huaweiyun1): the default
// password of a container, an appliance or a tutorial, a stand-in in a
// connection string or a login file too.
func vendorDefault(pw string) bool {
	end := len(pw)
	for end > 0 && !isUpper(pw[end-1]) && !isLowerC(pw[end-1]) {
		end--
	}
	w := strings.ToLower(pw[:end])
	if productPasswords[w] {
		return true
	}
	for p := range productPasswords {
		if len(p) >= 5 && strings.HasPrefix(w, p) && len(w)-len(p) <= 3 {
			return true
		}
	}
	return false
}

// passwordFillers are the words that join common password words into a
// phrase (my super hana pwd, this is a very hard password): a value made
// only of them and common words is a common password in disguise.
var passwordFillers = map[string]bool{
	"my": true, "your": true, "our": true, "the": true, "this": true, "is": true, "a": true, "very": true,
	"so": true, "super": true, "hard": true, "new": true, "strong": true, "good": true, "best": true, "top": true,
	"big": true, "db": true, "app": true, "db2": true,
}

// weakPassword reports whether v is a common password in disguise
// (P@ssw0rd, Welcome1!, letmein123).
func weakPassword(v string) bool {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := lower(v[i])
		switch c {
		case '0':
			c = 'o'
		case '1', '!':
			c = 'i'
		case '3':
			c = 'e'
		case '4', '@', '&':
			c = 'a'
		case '5', '$':
			c = 's'
		case '7':
			c = 't'
		}
		b.WriteByte(c)
	}
	w := b.String()
	if commonPasswordWords(w) {
		return true
	}
	// A common password split by punctuation (sec:ret, pass-word).
	if joined := strings.Map(func(r rune) rune {
		if r < 'a' || r > 'z' {
			return -1
		}
		return r
	}, w); joined != w && len(joined) >= 4 && (commonPasswords[joined] || commonPasswords[strings.TrimRight(joined, "i")]) && len(w)-len(joined) <= 2 {
		return true
	}
	// Symbols between the words of a phrase (YourStrong!Passw0rd,
	// yourStrong(!)Password): the phrase without them, digits read as
	// leetspeak and a tail of digits and symbols dropped.
	tail := len(v)
	for tail > 0 && !isLowerC(lower(v[tail-1])) {
		tail--
	}
	var bare strings.Builder
	for i := 0; i < tail; i++ {
		c := w[i]
		if v[i] == '!' || v[i] == '&' {
			continue // punctuation between words, not a letter in disguise
		}
		if isLowerC(c) {
			bare.WriteByte(c)
		}
	}
	if bare.Len() < tail && commonPhrase(bare.String()) {
		return true
	}
	// Drop a tail of digits and symbols as typed (Welcome1!, Secret123).
	end := len(v)
	for end > 0 && !('a' <= lower(v[end-1]) && lower(v[end-1]) <= 'z') {
		end--
	}
	for _, cand := range []string{w, w[:end], strings.TrimRight(w, "i"), strings.ToLower(v[:end])} {
		cand = strings.Trim(cand, "_-.")
		if commonPasswords[cand] || commonPhrase(cand) || maskedCommon(cand) {
			return true
		}
		// A common word followed by a short suffix (letmein123 -> letmein + "ize"?) is kept
		// only when the word is most of the value.
		// The prefixes of cand that could be such a word, looked up (at most
		// four) rather than every common password tried as a prefix.
		for n := max(5, len(cand)-3); n < len(cand); n++ {
			if commonPasswords[cand[:n]] {
				return true
			}
		}
	}
	return false
}

// maskedCommon reports whether w (lower case) is a common password of six
// letters or more with one letter written as a symbol (p#ssword,
// passw*rd): the word behind it shows through.
func maskedCommon(w string) bool {
	if len(w) < 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; isLowerC(c) || isDigit(c) {
			continue
		}
		for word := range commonPasswords {
			if len(word) == len(w) && word[:i] == w[:i] && word[i+1:] == w[i+1:] {
				return true
			}
		}
		return false // one symbol only
	}
	return false
}

// commonPhrase reports whether w (lower case, leetspeak undone) is a run
// of letters made only of common password words and fillers, one of them
// a password word at least: mysuperhanapwd, thisisaveryhardpassword,
// yourpassword. A random value is not cut into words from end to end.
// Shorter runs (mypass) are left to the list of common passwords.
func commonPhrase(w string) bool {
	if len(w) < 8 || len(w) > 48 {
		return false
	}
	// ok[i]: w[:i] is cut into words; real[i]: one of them is a password word.
	var ok, real [49]bool
	ok[0] = true
	for i := 1; i <= len(w); i++ {
		for j := max(0, i-12); j < i; j++ {
			if !ok[j] {
				continue
			}
			word := w[j:i]
			if commonPasswords[word] {
				ok[i], real[i] = true, true
				break
			}
			if passwordFillers[word] {
				ok[i] = true
				real[i] = real[i] || real[j]
			}
		}
	}
	return ok[len(w)] && real[len(w)]
}

// commonPasswordWords reports whether w (lower case, leetspeak undone) is
// two or more runs of letters that are all common password words, joined
// by digits or symbols: hunter2-secret, admin_password, test1234pass.
func commonPasswordWords(w string) bool {
	runs := strings.FieldsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' })
	if len(runs) < 2 {
		return false
	}
	for _, r := range runs {
		if !commonPasswords[r] {
			return false
		}
	}
	return true
}

// looksRandom reports whether a value of unknown format (generic rule, URL
// password) looks like a machine-generated or strong credential rather than
// a word, an identifier, a number or a path.
func looksRandom(v string, minLen int) bool {
	if len(v) < minLen || isPlaceholder(v) || weakPassword(v) {
		return false
	}
	var lowerN, upperN, digitN, otherN int
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z':
			lowerN++
		case 'A' <= c && c <= 'Z':
			upperN++
		case '0' <= c && c <= '9':
			digitN++
		default:
			otherN++
		}
	}
	if digitN == len(v) { // numbers, ports, timestamps
		return false
	}
	letters := lowerN + upperN
	if letters == 0 && otherN > 0 && digitN > 0 && len(v) < 20 { // dates, versions, IPs
		return false
	}
	if codeRef(v) || identifierLike(v) || versionLike.MatchString(v) || codeValue(v) || identShaped(v) || leetWords(v) || modulePath(v) {
		return false // config.token, process.env.X, testRSA2048PrivateKey, X-Fake-Connection-Token, github.com/o/pkg
	}
	h := entropy(v)
	if hexish := strings.ReplaceAll(v, "-", ""); len(hexish) >= 16 && isHex(hexish) && letters > 0 && digitN > 0 {
		return h >= 3.0 // hex keys: fewer class changes than other random text
	}
	if len(v) >= 20 && h >= 3.8 {
		return true // long and high-entropy: machine-generated
	}
	if camelWords.MatchString(v) {
		return false // InitSemicolon, parseTokenValue2
	}
	if len(v) >= 12 && letters < len(v) && h >= 0.87*math.Log2(float64(len(v))) {
		return true // nearly every character distinct: generated, not typed
	}
	cc := classChanges(v)
	if digitN == 0 && otherN == 0 {
		// Letters only: words and identifiers unless long, mixed-case and
		// irregular.
		return len(v) >= 16 && lowerN > 0 && upperN > 0 && cc >= 0.3 && h >= 3.5
	}
	maxH := math.Log2(float64(len(v)))
	return cc >= 0.3 && h >= math.Min(3.0, 0.8*maxH)
}

// leetWords reports whether v is words written in leetspeak
// (R4ND0M_S3CR3T_K3Y, Sup3rS3cr3tT0k3n): with its digits read back as
// letters it is made of common words, as an identifier is. Random values
// read as words no more once their digits are letters.
func leetWords(v string) bool {
	if !strings.ContainsAny(v, "01345") {
		return false
	}
	u := strings.Map(func(r rune) rune {
		switch r {
		case '0':
			return 'O'
		case '1':
			return 'I'
		case '3':
			return 'E'
		case '4':
			return 'A'
		case '5':
			return 'S'
		}
		return r
	}, v)
	for i := 0; i < len(u); i++ {
		if isDigit(u[i]) {
			return false // other digits: not only letters in disguise
		}
	}
	return identifierLike(u)
}

// identifierLike reports whether v is mostly made of common words once
// split like an identifier (testP256PrivateKey, X-Fake-Connection-Token,
// MySuperSecretPassword): a name or text, which random strings are not.
func identifierLike(v string) bool {
	inWords, letters := wordLetters(v)
	return letters > 0 && inWords >= 5 && float64(inWords) >= 0.6*float64(letters) &&
		float64(letters) >= 0.5*float64(len(v))
}

// codeRef reports whether v is a member expression of code (config.token,
// process.env.API_KEY, self.api_key, e.apiKey, opts?.token) rather than a value that
// happens to contain dots.
func codeRef(v string) bool {
	if !memberExpr.MatchString(v) {
		return false
	}
	if identPath(v) {
		return true // s.KubeToken, combinedCts?.Token, DbTypes.DbType.Text
	}
	named := false
	for _, seg := range strings.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '-' || r == '>' || r == ':' || r == '?' }) {
		if len(seg) > 6 && classChanges(seg) > 0.35 && !identifierLike(seg) {
			return false
		}
		if identifierLike(seg) || codeObjects[strings.ToLower(seg)] || snakeOrUpper.MatchString(seg) ||
			len(seg) <= 4 && plainLetters.MatchString(seg) {
			named = true
		}
	}
	return named
}

// codeObjects are receivers and namespaces that start member expressions.
var codeObjects = map[string]bool{
	"self": true, "this": true, "env": true, "os": true, "process": true, "config": true, "cfg": true, "conf": true,
	"settings": true, "options": true, "opts": true, "params": true, "args": true, "secrets": true, "vars": true,
	"var": true, "local": true, "data": true, "props": true, "ctx": true, "req": true, "res": true, "app": true,
	"environ": true, "getenv": true, "values": true, "inputs": true, "steps": true, "needs": true, "github": true,
}

var camelWords = regexp.MustCompile(`^[a-z]*(?:[A-Z][a-z]{2,})+[0-9]*$|^[a-z]{3,}(?:_[a-z]{2,})*[0-9]*$`)

var plainLetters = regexp.MustCompile(`^[A-Za-z]+$`)

var snakeOrUpper = regexp.MustCompile(`^(?:[a-z]+(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)$`)

var winEnvVar = regexp.MustCompile(`^%[A-Za-z_][A-Za-z0-9_]*%(?:$|[\\/])`)

var versionLike = regexp.MustCompile(`[0-9]\.[0-9]+(?:\.[0-9]+|-SNAPSHOT|[-.](?:rc|alpha|beta)|$)`)

var memberExpr = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\??\.|->|::)[A-Za-z_$][A-Za-z0-9_$]*)+$`)

// isTestPath reports whether a path holds tests or test fixtures.
func isTestPath(p string) bool {
	// src/jvmTest/, src/androidTest/: Gradle and Kotlin source sets of
	// tests, named in camel case (read before lower-casing). .NET names its
	// test projects with dots (App.Tests/, App.Tests.Contrib/,
	// App.UnitTests/) and their files after them (AppTests.dll.config).
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if i == 0 && (seg == "t" || seg == "tap") && len(segs) > 1 {
			return true // Perl's and Python's (celery) top-level t/ of tests, and tap/ of TAP's
		}
		dir := i < len(segs)-1
		for _, part := range strings.Split(seg, ".") {
			// A file named after a test class (LatestTest.kt) may be
			// anything; one named after a test assembly
			// (AppTests.dll.config) belongs to the tests.
			if camelTestName(part) && (dir || strings.HasSuffix(part, "Tests")) {
				return true
			}
			// src/testFixtures/, testHelpers/: Gradle's source set of test
			// fixtures, folders of test helpers.
			if dir && len(part) > 4 && strings.HasPrefix(part, "test") && isUpper(part[4]) {
				return true
			}
			switch strings.ToLower(part) {
			case "test", "tests", "unittests", "integrationtests":
				if part != seg {
					return true
				}
			}
		}
	}
	p = strings.ToLower(p)
	segs = strings.Split(p, "/")
	base := segs[len(segs)-1]
	for i, seg := range segs {
		switch seg {
		case "test", "tests", "testdata", "test_data", "test-data", "__tests__", "spec", "specs", "fixtures", "__fixtures__", "mocks", "__mocks__", "testing",
			// Go's hidden _testdata/ and _fixture/, end-to-end suites, the
			// helpers of tests, and benchmarks (JMH's src/jmh/ source set).
			"_testdata", "fixture", "_fixture", "_fixtures", "e2e", "testkit", "testutil", "testutils", "testhelper",
			"testhelpers", "testsupport", "benchmark", "benchmarks", "jmh":
			return true
		case "example", "examples":
			// A key kept with the examples is demonstration material, also
			// one named without an extension (pki/secrets/root_ca_key).
			if i < len(segs)-1 && (keyFileName(base) || strings.HasSuffix(base, "_key") || strings.HasSuffix(base, "-key")) {
				return true
			}
		}
		// e2e-tests/, acc-test/, integration_tests/, test-ca/, test_keys/:
		// folders of tests; src/jmh/, the source set of a Gradle build's
		// benchmarks.
		if i < len(segs)-1 {
			if seg == "jmh" && i > 0 && segs[i-1] == "src" {
				return true
			}
			for _, suf := range [...]string{"-test", "_test", "-tests", "_tests", "-testing", "_testing"} {
				if strings.HasSuffix(seg, suf) {
					return true
				}
			}
			if strings.HasPrefix(seg, "test-") || strings.HasPrefix(seg, "test_") || strings.HasPrefix(seg, "e2e-") || strings.HasPrefix(seg, "e2e_") {
				return true
			}
		}
	}
	// github_test_pk.pem, run_integration_tests.go, server.e2e.ts: a file
	// of code or data named as a test by one of its words (a page about
	// tests, docs/acc-test or testing.md, is documentation).
	if ext := base[strings.LastIndexByte(base, '.')+1:]; ext != base && !isDocPath(base) && ext != "txt" && ext != "html" {
		for _, w := range strings.FieldsFunc(base, func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
			if w == "test" || w == "tests" || w == "e2e" {
				return true
			}
		}
	}
	// testkey.pem, test-cert.key, fake_token.json, dummy.key: named as
	// test material.
	for _, w := range [...]string{"test", "fake", "mock", "dummy", "stub"} {
		if rest, ok := strings.CutPrefix(base, w); ok && (rest == "" || rest[0] == '_' || rest[0] == '-' || rest[0] == '.' ||
			strings.HasPrefix(rest, "key") || strings.HasPrefix(rest, "cert") || strings.HasPrefix(rest, "ca")) {
			return true
		}
	}
	if keyFileName(base) && (strings.Contains(base, "example") || strings.Contains(base, "sample")) {
		return true
	}
	// demo_rsa_key, demo-host-key: the keys of a library's demo scripts.
	if strings.HasPrefix(base, "demo") && (keyFileName(base) || strings.Contains(base, "key")) {
		return true
	}
	// tests.rs, test.js, tests.py: a module of tests.
	if stem, _, _ := strings.Cut(base, "."); stem == "test" || stem == "tests" {
		return true
	}
	return strings.HasSuffix(base, "_test.go") || strings.HasPrefix(base, "test_") || strings.Contains(base, "_test.") ||
		strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") || strings.HasSuffix(base, "test.java") ||
		strings.HasSuffix(base, "tests.cs") || base == "conftest.py"
}

// camelTestName reports whether a name ends in Test or Tests after a
// lower-case letter (jvmTest, NpgsqlTests, UnitTests): a source set, a
// project or a class of tests.
func camelTestName(s string) bool {
	n := len(s)
	return n > 4 && strings.HasSuffix(s, "Test") && isLowerC(s[n-5]) ||
		n > 5 && strings.HasSuffix(s, "Tests") && isLowerC(s[n-6])
}

// pathMentionsExample reports whether a file's base name marks it as an
// example, sample or template (config.example.yml, .env.sample). Key files
// (putty-example.ppk, sample-key.pem) are not: a private key logs in
// whatever its file is called, so it is reported, as test material
// (isTestPath).
func pathMentionsExample(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	base = strings.ToLower(base)
	if keyFileName(base) {
		return false
	}
	for _, w := range [...]string{"example", "sample", "template", ".dist", "placeholder", "dummy"} {
		if strings.Contains(base, w) {
			return true
		}
	}
	return false
}

// keyFileName reports whether a lower-case base name is that of a key file:
// PuTTY (.ppk), PEM (.pem, .key) or OpenSSH (id_rsa, id_ed25519, ...).
func keyFileName(base string) bool {
	return strings.HasSuffix(base, ".ppk") || strings.HasSuffix(base, ".pem") || strings.HasSuffix(base, ".key") ||
		strings.HasPrefix(base, "id_rsa") || strings.HasPrefix(base, "id_dsa") || strings.HasPrefix(base, "id_ecdsa") ||
		strings.HasPrefix(base, "id_ed25519")
}

// exampleComment reports whether line is a comment that introduces an
// example ("# Example:", "// sample token").
func exampleComment(line []byte) bool {
	t := bytes.TrimSpace(line)
	for _, c := range [...]string{"#", "//", "/*", "*", "--", ";", "<!--", "rem ", "REM "} {
		if bytes.HasPrefix(t, []byte(c)) {
			return mentionsExample(t)
		}
	}
	return false
}

// mentionsExample reports whether line calls itself an example, a sample or
// a placeholder (a domain such as example.com, or an address such as
// example@gmail.com or admin@example, does not count: it names a host or a
// mailbox, not the value).
func mentionsExample(line []byte) bool {
	for _, w := range [...]string{"example", "placeholder", "dummy", "sample"} {
		off := 0
		for {
			i := indexFold(line[off:], w)
			if i < 0 {
				break
			}
			i += off
			end := i + len(w)
			prev, next := byte(' '), byte(' ')
			if i > 0 {
				prev = line[i-1]
			}
			if end < len(line) {
				next = line[end]
			}
			if prev != '.' && prev != '@' && next != '.' && next != '@' && prev != '/' {
				return true
			}
			off = end
		}
	}
	return false
}

// indexFold is bytes.Index for a lower-case ASCII needle, ignoring case.
func indexFold(s []byte, needle string) int {
	n := len(needle)
	if n == 0 {
		return 0
	}
	c0 := needle[0]
	var alt byte // the first byte's other case, or 0
	if 'a' <= c0 && c0 <= 'z' {
		alt = c0 - 'a' + 'A'
	}
	// Candidates come from bytes.IndexByte (vectorised) for each case of the
	// first byte; the next occurrence of each is kept until passed, so that
	// every byte is searched at most once per case.
	nextLo, nextUp := -1, -1
	if alt == 0 {
		nextUp = len(s)
	}
	for off := 0; off+n <= len(s); {
		if nextLo < off {
			nextLo = len(s)
			if k := bytes.IndexByte(s[off:], c0); k >= 0 {
				nextLo = off + k
			}
		}
		if nextUp < off {
			nextUp = len(s)
			if k := bytes.IndexByte(s[off:], alt); k >= 0 {
				nextUp = off + k
			}
		}
		i := min(nextLo, nextUp)
		if i+n > len(s) {
			return -1
		}
		j := 1
		for ; j < n && lower(s[i+j]) == needle[j]; j++ {
		}
		if j == n {
			return i
		}
		off = i + 1
	}
	return -1
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// checksum62 is the CRC32 (IEEE) of s in base 62, zero-padded to 6
// characters: the checksum of GitHub's and npm's tokens.
func checksum62(s string) string {
	v := crc32.ChecksumIEEE([]byte(s))
	var b [6]byte
	for i := 5; i >= 0; i-- {
		b[i] = base62[v%62]
		v /= 62
	}
	return string(b[:])
}

// validTokenChecksum checks a token of the form prefix + body + 6-character
// checksum of body.
func validTokenChecksum(token string, prefixLen int) bool {
	if len(token) < prefixLen+6+1 {
		return false
	}
	body := token[prefixLen : len(token)-6]
	return checksum62(body) == token[len(token)-6:]
}

// decodeSegment decodes one base64url segment of a JWT.
func decodeSegment(s string) ([]byte, bool) {
	s = strings.TrimRight(s, "=")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(s)
	}
	return b, err == nil
}

// validJWT reports whether tok is a signed JWT with a JSON header naming an
// algorithm, and is not a well-known example or a public (anon) key.
func validJWT(tok string) bool {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || len(parts[2]) < 16 {
		return false
	}
	h, ok := decodeSegment(parts[0])
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(h), []byte("{")) || !bytes.Contains(h, []byte(`"alg"`)) {
		return false
	}
	if bytes.Contains(bytes.ReplaceAll(bytes.ToLower(h), []byte(" "), nil), []byte(`"alg":"none"`)) {
		return false
	}
	p, ok := decodeSegment(parts[1])
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(p), []byte("{")) {
		return false
	}
	compact := bytes.ReplaceAll(p, []byte(" "), nil)
	if bytes.Contains(compact, []byte(`"name":"JohnDoe"`)) || bytes.Contains(compact, []byte(`"sub":"1234567890"`)) ||
		bytes.Contains(compact, []byte(`"role":"anon"`)) || bytes.Contains(compact, []byte(`"sub":"subject"`)) {
		return false
	}
	// GitHub signs the URLs of images pasted into issues and READMEs
	// (private-user-images, private-avatars: ?jwt=…) for a few minutes and
	// one file: a link, not a credential.
	if bytes.Contains(compact, []byte(`"aud":"raw.githubusercontent.com"`)) {
		return false
	}
	return !typedExpiry(p) && !exampleIssuer(p)
}

// weakHMACKeys are the keys that tutorials and documentation sign their
// example tokens with: jwt.io's defaults and common passwords.
var weakHMACKeys = func() []string {
	keys := []string{"your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret", "secretkey", "secret-key",
		"secret_key", "mysecretkey", "your-secret-key", "keyboard cat", "shhhhh", "changeit", "my_secret_key"}
	for w := range commonPasswords {
		keys = append(keys, w)
	}
	return keys
}()

// weakKeyJWT reports whether secret holds a JWT (alone or after a scheme
// such as Bearer) signed with HMAC (HS256, HS384, HS512) under one of
// weakHMACKeys: in documentation, the token of a tutorial (echo's JWT
// recipe signs with "secret"), which anyone can mint and which reveals
// nothing. Labelled corpora count such tokens in code as leaks, so they
// are kept there.
func weakKeyJWT(secret string) bool {
	i := strings.Index(secret, "eyJ")
	if i < 0 {
		return false
	}
	tok := secret[i:]
	if j := strings.IndexFunc(tok, func(r rune) bool {
		return !(r == '.' || r == '-' || r == '_' || r < 128 && isAlnum(byte(r)))
	}); j >= 0 {
		tok = tok[:j]
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return false
	}
	header, ok := decodeSegment(parts[0])
	if !ok {
		return false
	}
	var hd struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(header, &hd) != nil {
		return false
	}
	var h func() hash.Hash
	switch hd.Alg {
	case "HS256":
		h = sha256.New
	case "HS384":
		h = sha512.New384
	case "HS512":
		h = sha512.New
	default:
		return false
	}
	sig, ok := decodeSegment(parts[2])
	if !ok {
		return false
	}
	signed := []byte(parts[0] + "." + parts[1])
	for _, k := range weakHMACKeys {
		m := hmac.New(h, []byte(k))
		m.Write(signed)
		if hmac.Equal(m.Sum(nil), sig) {
			return true
		}
	}
	return false
}

// typedExpiry reports whether the claims of a JSON Web Token give an
// expiry before 2001 ("exp":123456): claims typed for documentation, as
// no issuer wrote them since the format exists (2010).
func typedExpiry(claims []byte) bool {
	var c struct {
		Exp *float64 `json:"exp"`
	}
	if json.Unmarshal(claims, &c) != nil || c.Exp == nil {
		return false
	}
	return *c.Exp < 978307200 // 2001-01-01
}

// strongInTests is the bar for values of unknown format in test files,
// where test vectors and fake values abound: long, not hexadecimal (hashes
// and crypto vectors), high entropy.
func strongInTests(v string) bool {
	return len(v) >= 16 && !isHex(strings.ReplaceAll(v, "-", "")) && entropy(v) >= 4.2
}

// valueRepeatsName reports whether a value spells out its own name
// ("encryptionKey": "encryptionKey1024"): a label, not a secret.
func valueRepeatsName(value, name string) bool {
	n, v := normLogin(name), normLogin(value)
	return len(n) >= 4 && strings.Contains(v, n)
}
