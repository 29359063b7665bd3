package secrets

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"path"
	"regexp"
	"strings"
)

// This file holds the classes of values that sit where a credential could
// (after a credential name, in a URL's password) but are code, names or
// stand-ins: each was seen as noise on the full histories of well-known
// public projects (see docs/actions/secret-scan.md, "Precision").

// identShaped reports whether v is built like an identifier, a dotted or
// kebab-case name, a type or a path of names: letter runs that read as
// words (markup.heading, gitlab-ci-token, showCustomOnKeyup,
// ASAuthorizationAppleIDProvider, RecursiveSuffix) and at most a short
// number. Random text has short, unpronounceable runs with digits between
// them.
func identShaped(v string) bool { return identShapedAvg(v, 3.5) }

// identShapedAvg is identShaped with the least average length of the
// letter runs.
func identShapedAvg(v string, avg float64) bool {
	var humps, letters, digitRuns, long, odd int
	var oddRun string // the one short run that need not read as a word
	i := 0
	for i < len(v) {
		c := v[i]
		switch {
		case isDigit(c):
			j := i
			for j < len(v) && isDigit(v[j]) {
				j++
			}
			if j-i > 4 {
				return false // a long number inside: ids, keys
			}
			digitRuns++
			i = j
			continue
		case isUpper(c) || isLowerC(c):
		case c == '.' || c == '-' || c == '_' || c == ':' || c == '/' || c == '$' || c == '#':
			i++
			continue
		default:
			return false
		}
		j := i + 1
		if isUpper(c) {
			for j < len(v) && isUpper(v[j]) {
				j++
			}
			if j < len(v) && isLowerC(v[j]) && j-i > 1 {
				j-- // HTTPServer: HTTP | Server
			}
		}
		for j < len(v) && isLowerC(v[j]) {
			j++
		}
		n := j - i
		if n > 20 {
			return false // no word is that long
		}
		// Runs must read as words, in either case (SECRET_TOKEN), or be
		// common words (String, whose one vowel reads as no word). One short
		// run may be an acronym or an abbreviation (HTTP, cfg) or a letter.
		if low := strings.ToLower(v[i:j]); n == 1 || n >= 3 && !readsAsWords(low) && !(n >= 4 && commonWords[low]) {
			if n > 4 {
				return false
			}
			// The same abbreviation may come back (punctuation.xml-decl.xml).
			if r := strings.ToLower(v[i:j]); n == 1 || r != oddRun {
				odd++
				oddRun = r
			}
			if odd > 1 {
				return false
			}
		}
		if n >= 4 {
			long++
		}
		humps++
		letters += n
		i = j
	}
	if humps == 0 || digitRuns > 2 || digitRuns > humps {
		return false
	}
	// Words are long: the letter runs of random text average about two.
	return long >= 1 && float64(letters) >= avg*float64(humps)
}

// readsAsWords reports whether a lower-case letter run is pronounceable,
// or two pronounceable words run together where the consonants of both
// meet (codeporting + csharp).
func readsAsWords(w string) bool {
	if pronounceable(w) {
		return true
	}
	if len(w) < 10 {
		return false
	}
	for k := 4; k <= len(w)-4; k++ {
		if pronounceable(w[:k]) && pronounceable(w[k:]) {
			return true
		}
	}
	return false
}

// pronounceable reports whether a lower-case letter run reads as a word or
// words run together: a vowel in any run of 3 or more, no run of more than
// four consonants, no letter three times in a row, and consonant pairs that
// English words use (one unusual pair in eight letters, where two words
// meet: background, highlight).
func pronounceable(w string) bool {
	if len(w) <= 2 {
		return true
	}
	vowels, cons, vrun, odd := 0, 0, 0, 0
	for k := 0; k < len(w); k++ {
		c := w[k]
		if k >= 2 && c == w[k-1] && c == w[k-2] {
			return false
		}
		if k > 0 && (w[k-1] == 'q' && c != 'u' || w[k-1] == 'j' && !isVowel(c) && c != 'y') {
			return false // q without u, j before a consonant
		}
		switch {
		case c == 'y':
			vowels++
			cons, vrun = 0, 0
		case isVowel(c):
			vowels++
			cons = 0
			if vrun++; vrun >= 3 && !threeVowels[w[k-2:k+1]] {
				return false
			}
		default:
			vrun = 0
			if cons++; cons > 4 {
				return false
			}
			if cons > 1 && !wordPairs[[2]byte{w[k-1], c}] {
				odd++
			}
		}
	}
	if last := w[len(w)-1]; last == 'q' || last == 'j' {
		return false
	}
	if vowels == 0 || odd > len(w)/8 {
		return false
	}
	// Words have at least one vowel in five letters and rarely four
	// vowels in five.
	return vowels*5 >= len(w) && vowels*5 <= 4*len(w)
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// threeVowels are the runs of three vowels of English words (previous,
// beautiful, queue).
var threeVowels = map[string]bool{"iou": true, "eau": true, "uee": true, "uei": true, "oui": true, "ioa": true, "ueu": true, "eue": true}

// wordPairs are the consonant pairs common inside English words and
// identifiers (including doubled letters and plural endings).
var wordPairs = func() map[[2]byte]bool {
	m := map[[2]byte]bool{}
	for _, p := range strings.Fields(`bl br bs bj bm ch ck cl cr cs ct dg dj dl dm dr ds fl fr ft fs gh gl gm gn gr gs ht
		kl kn kr ks lb lc ld lf lg lk ll lm ln lp ls lt lv lw lz mb mn mp ms nc nd nf ng nk nl nm nn np ns nt nv nw nx nz
		ph pl pn pr ps pt pd pg rb rc rd rf rg rh rk rl rm rn rp rq rr rs rt rv rw sc sh sk sl sm sn sp sq ss st sw
		tc th tl tm tr ts tt tw tp tf tz wh wl wn wr ws wd xp xt xc bb cc dd ff gg mm pp zz rz`) {
		m[[2]byte{p[0], p[1]}] = true
	}
	return m
}()

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isLowerC(c byte) bool { return 'a' <= c && c <= 'z' }

// codeValue reports whether a value read after a credential name is code
// rather than data: a scope path (Error::NotFound, std::sync::OnceLock, or
// ":CredDeleteW" left over when "Credentials::CredDeleteW" was read as
// "Credentials: :CredDeleteW"), a name prefix to be completed
// ("gitlab-ci-token:", "user@"), the user information of a URL
// ("SOME_TOKEN@gitlab.example.com/group/project.git"), a file path of names
// ("/data:ro"), or natural language (a translation: "Contraseña").
func codeValue(v string) bool {
	if v == "" {
		return true
	}
	if v[0] == ':' || strings.Contains(v, "::") {
		return true
	}
	if strings.Contains(v, "...") {
		return true // shortened for display: 99ae8af...snip...ec0f262ac
	}
	if snakeWords(strings.Trim(v, "*")) || cmdletCall(v) || unionType(v) {
		return true
	}
	if arnValue(v) || credentialScope(v) || assignedValue(v) || instruction(v) || dottedName(v) || ternary(v) || frameworkExamples[v] || frameworkExampleTail(v) ||
		validationRules(v) || escapedControl(v) {
		return true
	}
	switch v[len(v)-1] {
	case ':', '@', '/', '=', '.':
		if identShaped(strings.TrimRight(v, ":@/=.")) {
			return true // a prefix a program completes: "gitlab-ci-token:"
		}
		if v[len(v)-1] == '=' && envName(v[:len(v)-1]) {
			return true // emptied, then the next variable: env SECRET= CLIENT_ID= cmd
		}
	}
	if at := strings.IndexByte(v, '@'); at >= 0 && hostAfter(v[at+1:]) {
		return true // userinfo@host: the url-credentials rule judges the password
	}
	if v[0] == '/' && identShapedAvg(v, 2.5) {
		return true // a path (a mount point, a route)
	}
	for i := 0; i < len(v); i++ {
		if v[i] >= 0x80 {
			return true // generated credentials are ASCII; words in other languages are not
		}
	}
	return false
}

// envName reports whether s is an environment variable's name in the
// usual upper case, of words joined by underscores (GH_OAUTH_CLIENT_ID).
func envName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isUpper(c) && c != '_' && !(i > 0 && isDigit(c)) {
			return false
		}
	}
	return len(s) >= 3 && strings.Contains(s[1:], "_")
}

// snakeWords reports whether v is a snake_case name of three or more
// letter runs (ssl_ca_cert_File, private_key_File in a list of field
// names), whose longer runs read as words.
func snakeWords(v string) bool {
	parts := strings.Split(v, "_")
	if len(parts) < 3 {
		return false
	}
	long := false
	for _, w := range parts {
		if w == "" || len(w) > 12 {
			return false
		}
		for i := 0; i < len(w); i++ {
			if !isLowerC(w[i]) && !isUpper(w[i]) {
				return false
			}
		}
		if len(w) >= 4 {
			if lw := strings.ToLower(w); !pronounceable(lw) && !consonantWord(lw) {
				return false
			}
			long = true
		}
	}
	return long
}

// consonantWord reports whether a letter run with few vowels still reads
// as a word (string, prompt, strength): a vowel in every six letters and
// at most three consonants in a row, which random runs of letters rarely
// keep over their length.
func consonantWord(w string) bool {
	vowels, run := 0, 0
	for i := 0; i < len(w); i++ {
		if isVowel(w[i]) || w[i] == 'y' {
			vowels++
			run = 0
		} else if run++; run > 3 {
			return false
		}
	}
	return vowels > 0 && vowels*6 >= len(w)
}

// unionType reports whether v is a union of type names (JWT|Falsy in a
// TypeScript signature).
func unionType(v string) bool {
	parts := strings.Split(v, "|")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || !isUpper(p[0]) && !isLowerC(p[0]) || !identifierChars(p) || len(p) > 32 {
			return false
		}
	}
	return true
}

// cmdletVerbs are the PowerShell verbs that open the commands assigned to
// password variables ($password = ConvertTo-SecureString $plain -AsPlainText).
var cmdletVerbs = map[string]bool{
	"ConvertTo": true, "ConvertFrom": true, "Get": true, "Read": true, "New": true, "Set": true,
	"Import": true, "Export": true, "Invoke": true, "Select": true, "Unprotect": true, "Protect": true,
}

// cmdletCall reports whether v is a PowerShell command, Verb-Noun.
func cmdletCall(v string) bool {
	verb, noun, ok := strings.Cut(v, "-")
	if !ok || !cmdletVerbs[verb] || noun == "" || !isUpper(noun[0]) {
		return false
	}
	for i := 0; i < len(noun); i++ {
		if !isLowerC(noun[i]) && !isUpper(noun[i]) {
			return false
		}
	}
	return true
}

// translationPath reports whether p holds a program's translated messages
// (conf/locale/locale_pt-PT.ini, locales/de.json, i18n/, *.po): its values
// are words of a language, so typed words under a password key are labels.
func translationPath(p string) bool {
	lp := strings.ToLower(p)
	for _, dir := range [...]string{"locale/", "locales/", "i18n/", "l10n/", "lang/", "translations/"} {
		if strings.HasPrefix(lp, dir) || strings.Contains(lp, "/"+dir) {
			return true
		}
	}
	base := lp[strings.LastIndexByte(lp, '/')+1:]
	return strings.HasSuffix(base, ".po") || strings.HasSuffix(base, ".pot") || strings.HasPrefix(base, "locale_") ||
		strings.HasPrefix(base, "messages_") && strings.HasSuffix(base, ".properties") || resourceBundle(p[strings.LastIndexByte(p, '/')+1:])
}

// translationFile reports whether the file itself, by its name, holds a
// program's messages in one language: gettext catalogues, resource bundles
// (login_ko.properties), locale_de-DE.ini, and files named after a language
// in a translations folder (locales/pt-BR.json). Other files in such a
// folder (conf/locale/app.ini) are configuration.
func translationFile(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	lb := strings.ToLower(base)
	if strings.HasSuffix(lb, ".po") || strings.HasSuffix(lb, ".pot") || strings.HasPrefix(lb, "locale_") ||
		strings.HasPrefix(lb, "messages_") && strings.HasSuffix(lb, ".properties") || resourceBundle(base) {
		return true
	}
	if codeExts[path.Ext(lb)] || !translationPath(p) {
		return false
	}
	stem := strings.TrimSuffix(lb, path.Ext(lb))
	lang, _, _ := strings.Cut(strings.ReplaceAll(stem, "_", "-"), "-")
	return bundleLanguages[lang] || lang == "en" || lang == "it" || lang == "id"
}

// resourceBundle reports whether a file name is a Java resource bundle's
// translation: name_de.properties, login_ko.properties, signup_pt_BR.properties.
func resourceBundle(base string) bool {
	name, ok := strings.CutSuffix(base, ".properties")
	if !ok {
		return false
	}
	parts := strings.Split(name, "_")
	if n := len(parts); n >= 3 && len(parts[n-1]) == 2 && isUpper(parts[n-1][0]) && isUpper(parts[n-1][1]) {
		parts = parts[:n-1] // a region: pt_BR, zh_TW
	}
	return len(parts) >= 2 && bundleLanguages[parts[len(parts)-1]]
}

// bundleLanguages are the languages projects translate into most. "it"
// and "id" are left out: they also name integration-test and ID profiles.
var bundleLanguages = map[string]bool{
	"ar": true, "bg": true, "bn": true, "ca": true, "cs": true, "da": true, "de": true, "el": true, "eo": true,
	"es": true, "et": true, "eu": true, "fa": true, "fi": true, "fr": true, "ga": true, "gl": true, "he": true,
	"hi": true, "hr": true, "hu": true, "hy": true, "ja": true, "ka": true, "kk": true, "ko": true, "lt": true,
	"lv": true, "mk": true, "ms": true, "nb": true, "nl": true, "nn": true, "no": true, "pl": true, "pt": true,
	"ro": true, "ru": true, "sk": true, "sl": true, "sq": true, "sr": true, "sv": true, "ta": true, "te": true,
	"th": true, "tr": true, "uk": true, "vi": true, "zh": true,
}

// hostAfter reports whether s starts with a host name with a dot
// (gitlab.example.com, followed by nothing, a port or a path).
func hostAfter(s string) bool {
	i, dots := 0, 0
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-' || s[i] == '.') {
		if s[i] == '.' {
			dots++
		}
		i++
	}
	return dots > 0 && i > 3 && (i == len(s) || s[i] == '/' || s[i] == ':')
}

// publicKeyContext reports whether the text before a value configures a
// client-side key that is public by design: Algolia DocSearch's search-only
// key, reCAPTCHA site keys.
func publicKeyContext(before []byte) bool {
	for _, w := range [...]string{"docsearch", "sitekey", "site_key", "searchonlyapikey", "search_only_api_key", "search-only"} {
		if indexFold(before, w) >= 0 {
			return true
		}
	}
	return false
}

// isDocPath reports whether a file is documentation prose (Markdown,
// reStructuredText, AsciiDoc).
func isDocPath(p string) bool {
	base := strings.ToLower(p[strings.LastIndexByte(p, '/')+1:])
	for _, ext := range [...]string{".md", ".markdown", ".mdx", ".rst", ".adoc", ".asciidoc", ".textile", ".rdoc"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	// reStructuredText sources kept as .txt (Django's docs/, Sphinx's
	// _sources/).
	if strings.HasSuffix(base, ".txt") {
		for _, dir := range [...]string{"docs/", "doc/", "_sources/"} {
			if strings.HasPrefix(p, dir) || strings.Contains(p, "/"+dir) {
				return true
			}
		}
	}
	return false
}

// docExampleBlock reports whether pos lies in a fenced code block of a
// documentation file whose introducing paragraph calls it an example ("It
// has a separate table for each registry, for example:"). before is the
// text that precedes pos in the fragment, at most a few KiB.
func docExampleBlock(before []byte) bool {
	// The nearest fence above; an even number of fences above it would mean
	// pos is outside a block, which only the whole file could tell, so the
	// opening fence is taken to be the nearest one.
	fence := -1
	for _, f := range [...]string{"```", "~~~", ".. code-block::", ".. code::"} {
		if i := bytes.LastIndex(before, []byte(f)); i > fence {
			fence = i
		}
	}
	// A reStructuredText paragraph that ends in "::" introduces a literal
	// block (not a directive's "..  code::" line).
	if i := bytes.LastIndex(before, []byte("::\n")); i > fence {
		ls := bytes.LastIndexByte(before[:i], '\n') + 1
		if !bytes.HasPrefix(bytes.TrimLeft(before[ls:i], " \t"), []byte("..")) {
			fence = i
		}
	}
	if fence < 0 {
		return false
	}
	// The paragraph before the fence: up to the previous blank line.
	intro := before[:fence]
	intro = bytes.TrimRight(intro, " \t\r\n")
	if i := bytes.LastIndex(intro, []byte("\n\n")); i >= 0 {
		intro = intro[i+2:]
	}
	if len(intro) > 1024 {
		intro = intro[len(intro)-1024:]
	}
	low := bytes.ToLower(intro)
	for _, w := range [...]string{"example", "e.g.", "for instance", "such as", "sample", "looks like", "like this"} {
		if bytes.Contains(low, []byte(w)) {
			return true
		}
	}
	return false
}

// badgeURL reports whether the text just before a value is the query of a
// status badge's image URL (…/project.svg?style=svg&circle-token=…,
// shields.io, /badge): such tokens are read-only and published in READMEs
// on purpose.
func badgeURL(before []byte) bool {
	// The URL the value sits in: back to the last space, quote or bracket.
	i := len(before)
	for i > 0 {
		c := before[i-1]
		if c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == '(' || c == '<' || c == '[' || c == '`' {
			break
		}
		i--
	}
	u := bytes.ToLower(before[i:])
	q := bytes.IndexByte(u, '?')
	if q < 0 || !bytes.Contains(u[:q], []byte("://")) {
		return false
	}
	path := u[:q]
	return bytes.HasSuffix(path, []byte(".svg")) || bytes.HasSuffix(path, []byte(".png")) ||
		bytes.Contains(path, []byte("/badge")) || bytes.Contains(path, []byte("shields.io/"))
}

// arnValue reports whether v is an Amazon Resource Name
// (arn:aws:secretsmanager:region:account:secret:name): the name of a
// secret in a vault, not its value.
func arnValue(v string) bool {
	return strings.HasPrefix(v, "arn:") && strings.Count(v, ":") >= 5
}

// credentialScope reports whether v is the credential scope of an AWS
// Signature Version 4 request (X-Amz-Credential=<key id or
// name>/20250130/us-east-1/s3/aws4_request in a presigned URL, the slashes
// perhaps escaped as %2F): a key id, a date, a region and a service, which
// name the key without holding it.
func credentialScope(v string) bool {
	return strings.HasSuffix(v, "/aws4_request") || strings.HasSuffix(v, "%2Faws4_request") || strings.HasSuffix(v, "%2faws4_request")
}

// optionKeys are the keys of option specs that command-line tools take as
// one argument (docker build --secret id=npm_token,src=.npmrc; --mount
// type=secret,id=…; --ssh default=…): the spec names where a secret comes
// from.
var optionKeys = map[string]bool{"id": true, "src": true, "source": true, "env": true, "type": true, "target": true, "dst": true, "default": true}

// assignedValue reports whether v is itself an assignment of another name
// (is_staff=True read after "password", in a call's keyword arguments;
// signing.secretKeyRingFile=/path in a properties listing). Random values
// hold "=" only as base64 padding, at the end.
func assignedValue(v string) bool {
	i := strings.IndexByte(v, '=')
	if i <= 0 || i >= len(v)-1 || v[i+1] == '=' {
		return false
	}
	name, val := v[:i], v[i+1:]
	if codeLiterals[val] && identifierChars(name) {
		return true // prompt=True, hide_input=true
	}
	if optionKeys[name] {
		return true // the spec says where the secret comes from: id=ssh.key,src=…
	}
	if !isLowerC(name[0]) && !isUpper(name[0]) && name[0] != '_' || !identShaped(name) && !codeRef(name) {
		return false
	}
	// The value assigned reads as one: a word (True), a number, a path.
	return identShaped(val) || numericLiteral.MatchString(val) || val[0] == '/' || val[0] == '~' || val[0] == '.'
}

// codeLiterals are the constants of programming languages.
var codeLiterals = map[string]bool{
	"True": true, "False": true, "None": true, "true": true, "false": true, "null": true, "nil": true,
	"undefined": true, "TRUE": true, "FALSE": true, "NULL": true,
}

// identifierChars reports whether s is an identifier of letters, digits
// and underscores that does not start with a digit.
func identifierChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(isAlnum(s[i]) || s[i] == '_') || i == 0 && isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// instructionVerbs open the values that tell the reader what to put there
// (ChangeThisToSomethingDifferent!, ReplaceWithYourKey).
var instructionVerbs = [...]string{"change", "replace", "put", "enter", "insert", "fill", "generate", "paste", "provide", "type", "set", "use", "add"}

// instruction reports whether v is an instruction in place of a value: a
// phrase of words written as one name, starting with a verb such as change
// or replace, perhaps ending in "!".
func instruction(v string) bool {
	w := strings.TrimRight(v, "!.?")
	for _, verb := range instructionVerbs {
		if len(w) < len(verb)+4 || !strings.EqualFold(w[:len(verb)], verb) {
			continue
		}
		if c := w[len(verb)]; isUpper(c) || c == '_' || c == '-' {
			return identShaped(w) // ChangeThis…, change_this_…
		}
	}
	return false
}

// typedWords reports whether v is a password a person typed to show one:
// words with letters swapped for look-alike digits and symbols
// (s00pers3cret, veryPriv@ate, superS3cret), perhaps a short number after
// them. Generated values do not read as words.
func typedWords(v string) bool {
	if len(v) < 6 || len(v) > 24 {
		return false
	}
	b := []byte(v)
	end := len(b)
	for end > 0 && !isUpper(b[end-1]) && !isLowerC(b[end-1]) && end > len(b)-4 {
		end-- // Secret123!, Passw0rd1
	}
	b = b[:end]
	for i, c := range b {
		switch c {
		case '0':
			b[i] = 'o'
		case '1':
			b[i] = 'i'
		case '3':
			b[i] = 'e'
		case '4', '@':
			b[i] = 'a'
		case '5', '$':
			b[i] = 's'
		case '7':
			b[i] = 't'
		default:
			if !isUpper(c) && !isLowerC(c) {
				return false
			}
		}
	}
	w := string(b)
	return len(w) >= 6 && identShaped(w) && pronounceable(strings.ToLower(w))
}

// credentialRef reports whether a UUID assigned to a name of credentials
// (credentials: '…', DOCKER_CREDENTIALS = '…', credentialsId) is the id
// under which a CI server (Jenkins) stores a credential, not the
// credential.
func credentialRef(name, v string) bool {
	if !isUUIDString(v) {
		return false
	}
	n := strings.ToLower(strings.Trim(name, `"'`))
	n = strings.TrimSuffix(strings.TrimSuffix(strings.TrimRight(n, "_-."), "id"), "_")
	return strings.HasSuffix(n, "credentials") || strings.HasSuffix(n, "credential") ||
		strings.HasSuffix(n, "creds") || strings.HasSuffix(n, "cred")
}

// midWord reports whether the keyword text[ks:ke] lies inside a word of
// one case (atera in JoinLateralClause, COLLATERAL): a provider's name
// there is a part of another word.
func midWord(text []byte, ks, ke int) bool {
	if ks == 0 || ke >= len(text) {
		return false
	}
	b, f, l, a := text[ks-1], text[ks], text[ke-1], text[ke]
	sameCase := func(x, y byte) bool { return isLowerC(x) && isLowerC(y) || isUpper(x) && isUpper(y) }
	return (isLowerC(b) || isUpper(b)) && (sameCase(b, f) || isUpper(b) && isLowerC(f)) && sameCase(l, a)
}

// minifiedCode reports whether the value at text[abs] sits in minified
// JavaScript or CSS: a file named so (.min.js, -min.js, .bundle.js) or a
// script line of more than a kilobyte around the value.
func minifiedCode(path string, text []byte, abs int) bool {
	base := strings.ToLower(path[strings.LastIndexByte(path, '/')+1:])
	for _, m := range [...]string{".min.", "-min.", ".bundle.", ".chunk."} {
		if strings.Contains(base, m) {
			return true
		}
	}
	script := false
	for _, ext := range [...]string{".js", ".mjs", ".cjs", ".css"} {
		script = script || strings.HasSuffix(base, ext)
	}
	if !script {
		return false
	}
	const far = 512
	return abs >= far && abs+far <= len(text) &&
		bytes.IndexByte(text[abs-far:abs], '\n') < 0 && bytes.IndexByte(text[abs:abs+far], '\n') < 0
}

// quotedAt reports whether the value at text[abs] opens a string literal.
func quotedAt(text []byte, abs int) bool {
	return abs > 0 && (text[abs-1] == '"' || text[abs-1] == '\'' || text[abs-1] == '`')
}

// valueNoise reports whether a value of unknown format (a rule below the
// providers') at text[abs] is data or code by where it sits: a part of an
// Amazon Resource Name, the element after a credential word in a list of
// strings, a copy of documentation a tool generated, a line typed at an
// interpreter's prompt or introduced by "For example:", an unquoted value in minified code (an expression
// such as g||d.trim&&l() compared with the string "password"), words typed
// as a password in documentation (s00pers3cret for supersecret).
func (d *Detector) valueNoise(st *scratch, p *pattern, text []byte, abs int, v string) bool {
	if inARN(text, abs) || p.nameGroup > 0 && (listElement(text, abs) || typeArgsClose(text, abs) || declaredType(text, abs)) || generatedDocCopy(st.path) {
		return true
	}
	if ls := bytes.LastIndexByte(text[max(0, abs-maxContext):abs], '\n'); ls >= 0 {
		ls += max(0, abs-maxContext) + 1
		if replPrompt(text[ls:abs]) || replContinuation(text, ls, abs) || introducedAsExample(text, ls) {
			return true
		}
	} else if abs < maxContext && replPrompt(text[:abs]) {
		return true
	}
	if telnetLogPassword(text, abs) {
		return true
	}
	if p.nameGroup > 0 && !quotedAt(text, abs) && minifiedCode(st.path, text, abs) {
		return true
	}
	if p.password && st.docFile && docLoginHost(text, abs, v) {
		return true
	}
	if p.nameGroup > 0 && docTypeShape(text[max(0, abs-maxContext):abs]) {
		return true
	}
	if p.nameGroup > 0 && translationFile(st.path) {
		// A translation's values are labels in another language
		// (Password=Passwort, Korean in \u escapes).
		return true
	}
	return p.nameGroup > 0 && st.docFile && typedWords(v)
}

// nameShaped reports whether v is a name of code in CamelCase, camelCase
// or kebab-case, without digits (NexmoCredentials, assertInstanceOf,
// BrowserStackReporter, verb-then-random): read after a provider's name,
// it is a class or a method of the provider's library, not a key.
func nameShaped(v string) bool {
	hump := false
	for i := 0; i < len(v); i++ {
		if v[i] == '-' || v[i] == '_' {
			hump = hump || i > 0 && i < len(v)-1
		} else if !isLowerC(v[i]) && !isUpper(v[i]) {
			return false
		}
		hump = hump || i > 0 && isLowerC(v[i-1]) && isUpper(v[i])
	}
	return hump && identShaped(v)
}

// providerName reports whether a value of letters read after a provider's
// name holds one of its names (NexmoCredentials, VonageClient, a package's
// snowflake-sqlalchemy_ in a table of dialects): a class or library of the
// provider, not a key.
func providerName(v string, names []string) bool {
	for i := 0; i < len(v); i++ {
		if !isLowerC(v[i]) && !isUpper(v[i]) && (v[i] != '-' && v[i] != '_' || i == 0) {
			return false // keys may start with the name they are found by (prtapi_…), and hold digits
		}
	}
	low := strings.ToLower(v)
	for _, n := range names {
		if len(n) >= 4 && strings.Contains(low, n) {
			return true
		}
	}
	return false
}

// dottedName reports whether v is a dotted lower-case name: short letter
// runs joined by dots, dashes or underscores, at least one a dot (a
// syntax-highlighting scope such as xml-pe.xml, a module or a package).
// Generated credentials mix in digits or capitals.
func dottedName(v string) bool {
	if !strings.Contains(v, ".") {
		return false
	}
	run := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isLowerC(c):
			if run++; run > 12 {
				return false
			}
		case c == '.' || c == '-' || c == '_':
			if run == 0 {
				return false
			}
			run = 0
		default:
			return false
		}
	}
	return run > 0
}

// inARN reports whether the value at text[abs] is part of an Amazon
// Resource Name (…:secret:rds!db-… in arn:aws:secretsmanager:…), where
// "secret" names a kind of resource, not a value.
func inARN(text []byte, abs int) bool {
	i := abs
	for i > 0 && abs-i < 256 {
		c := text[i-1]
		if c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == '=' || c == '(' || c == ',' {
			break
		}
		i--
	}
	return bytes.HasPrefix(text[i:abs], []byte("arn:"))
}

// ternary reports whether v is a conditional expression of names
// (_?y:void read after "credentials:" in minified code): cond?a:b with
// parts of name characters.
func ternary(v string) bool {
	q := strings.IndexByte(v, '?')
	c := strings.LastIndexByte(v, ':')
	if q <= 0 || c < q+2 || c == len(v)-1 || strings.Count(v, "?") != 1 || strings.Count(v, ":") != 1 {
		return false
	}
	for _, part := range [...]string{v[:q], v[q+1 : c], v[c+1:]} {
		if len(part) > 12 {
			return false
		}
		for i := 0; i < len(part); i++ {
			if ch := part[i]; !isAlnum(ch) && ch != '_' && ch != '$' && ch != '.' {
				return false
			}
		}
	}
	return true
}

// listElement reports whether the value at text[abs] follows a quoted
// credential word in a list of strings ("md5", "password", "scram-sha-256";
// [".","credentials","grpclb"]; the names of a Markdown table's cell in
// inline code, `a.length`, `a.secret`, `a.iterations`): the word is an element after another
// element, not the name of the value. A name and its value as a call's
// arguments or a pair ({"password", "…"}, ("password", "…")) open the
// list instead.
func listElement(text []byte, abs int) bool {
	i := abs
	skip := func() {
		for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
			i--
		}
	}
	if i == 0 || !isQuote(text[i-1]) {
		return false
	}
	i--
	skip()
	if i == 0 || text[i-1] != ',' {
		return false
	}
	i--
	skip()
	if i == 0 || !isQuote(text[i-1]) {
		return false
	}
	q := text[i-1]
	i--
	for n := 0; i > 0 && text[i-1] != q; n++ {
		if c := text[i-1]; n > 64 || c == '\n' || !isAlnum(c) && c != '_' && c != '-' && c != '.' {
			return false
		}
		i--
	}
	if i == 0 {
		return false
	}
	i-- // the opening quote of the word
	skip()
	return i > 0 && text[i-1] == ','
}

// generatedDocCopy reports whether a file is a copy of documentation or
// code that a tool generated: the search indexes of documentation sites
// (MkDocs' search_index.json, Sphinx's searchindex.js) and coverage reports
// (htmlcov/), and the copies of its sources a Sphinx site keeps
// (_sources/). Their sources are scanned where they are written.
func generatedDocCopy(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	return searchIndexNames[base] || strings.HasPrefix(p, "htmlcov/") ||
		strings.Contains(p, "/htmlcov/") || sphinxSources(p)
}

// replPrompt reports whether the text before a value on its line is an
// interpreter's prompt (>>> in Python, iex> in Elixir, irb> in Ruby): a
// session shown in documentation or a docstring, whose values are examples.
func replPrompt(before []byte) bool {
	t := bytes.TrimLeft(before, " \t#*/")
	for _, p := range [...]string{">>> ", "iex> ", "irb> ", "irb(main)", "iex(", "scala> ", "ghci> "} {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	return false
}

// replContinuation reports whether the line starting at text[ls] continues
// a statement typed at Python's prompt ("...     'access_token': …" under a
// ">>> client.fetch(" line): the value before abs follows "... " and a
// ">>> " prompt opens one of the lines above.
func replContinuation(text []byte, ls, abs int) bool {
	if !bytes.HasPrefix(bytes.TrimLeft(text[ls:abs], " \t#*/"), []byte("... ")) {
		return false
	}
	above := text[max(0, ls-4*maxContext):ls]
	for len(above) > 0 {
		i := bytes.LastIndexByte(above[:len(above)-1], '\n') + 1
		line := bytes.TrimLeft(above[i:], " \t#*/")
		if bytes.HasPrefix(line, []byte(">>> ")) {
			return true
		}
		if !bytes.HasPrefix(line, []byte("...")) {
			return false // the session ended above
		}
		above = above[:i]
	}
	return false
}

// introducedAsExample reports whether the nearest non-blank line above the
// line starting at ls ends by announcing an example ("prepended with the
// string \"Token \".  For example:", "<p>… For example:</p>").
func introducedAsExample(text []byte, ls int) bool {
	end := ls - 1
	for blank := 0; end > 0 && blank < 3; blank++ {
		start := bytes.LastIndexByte(text[max(0, end-maxContext):end], '\n') + 1
		if end-maxContext > 0 && start == 0 {
			return false // a long line: not a sentence and its example
		}
		start += max(0, end-maxContext)
		line := bytes.TrimSpace(text[start:end])
		if len(line) == 0 {
			end = start - 1
			continue
		}
		for len(line) > 0 && line[len(line)-1] == '>' { // </p>, <pre><code>
			i := bytes.LastIndexByte(line, '<')
			if i < 0 {
				break
			}
			line = bytes.TrimSpace(line[:i])
		}
		low := bytes.ToLower(line)
		for _, w := range [...]string{"example:", "e.g.:", "for instance:", "like this:", "like so:"} {
			if bytes.HasSuffix(low, []byte(w)) {
				return true
			}
		}
		return false
	}
	return false
}

// frameworkExamples are the example values of popular frameworks'
// documentation, copied into the docs, docstrings and READMEs of the
// projects built on them, like the OAuth RFCs' examples: Django REST
// framework's token (its authentication guide and TokenAuthentication's
// docstring) and Flask's quickstart secret key.
var frameworkExamples = map[string]bool{
	"9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b": true,
	"401f7ac837da42b97f613d789819ff93537bee6a": true,
	"A0Zr98j/3yX R~XHH!jmN]LWX/,?RT":           true,
	"A0Zr98j/3yX":                              true, // the same, up to its space
	// Flask's configuration guide and deployment tutorial, showing what
	// secrets.token_hex() prints.
	"192b9bdd22ab9ed4d12e236c78afcb9a393ec15f71bbf5dc987d54727823bcbf": true,
	"5f352379324c22463451387a0aec5d2f":                                 true,
	// FastAPI's OAuth2 with JWT tutorial.
	"09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7": true,
}

// validationRules reports whether v is a list of validation rules joined
// by "|" (required|confirmed|min:8 in Laravel, Symfony and other form
// validators): words with optional arguments, not a password.
func validationRules(v string) bool {
	if !strings.Contains(v, "|") {
		return false
	}
	for _, r := range strings.Split(v, "|") {
		name, arg, _ := strings.Cut(r, ":")
		if len(name) < 2 || len(name) > 24 {
			return false
		}
		for i := 0; i < len(name); i++ {
			if !isLowerC(name[i]) && name[i] != '_' {
				return false
			}
		}
		for i := 0; i < len(arg); i++ {
			if c := arg[i]; !isAlnum(c) && c != ',' && c != '.' && c != '_' {
				return false
			}
		}
	}
	return true
}

// escapedControl reports whether v holds percent-escaped control
// characters or spaces (c%0D%0A%0C%09%20d in a URL parser's tests): typed
// credentials hold none, and generated ones are not written so. Two are
// needed: a generated key whose alphabet has % (Django's) holds one such
// triple by chance in about one key of 80.
func escapedControl(v string) bool {
	n := 0
	for i := 0; i+2 < len(v); i++ {
		if v[i] == '%' && (v[i+1] == '0' || v[i+1] == '1') && isHex(v[i+2:i+3]) || v[i] == '%' && v[i+1] == '2' && v[i+2] == '0' {
			if n++; n == 2 {
				return true
			}
			i += 2
		}
	}
	return false
}

// identPath reports whether v is a name of code or configuration split by
// dots, dashes or colons whose segments are identifiers: kebab-case names
// with numeronyms (a11y-autofocus, k8s-sys-client), service and feed names
// (npgsql-unstable), member accesses (s.KubeToken, combinedCts?.Token) and
// type paths (DbTypes.DbType.Text). Each letter run is a word, an acronym of
// one or two letters, or the one unpronounceable name the value may hold (it
// may come back: Npgsql...Npgsql); digits only end a run (v2, oauth2,
// sha256) or sit inside a numeronym (a11y, k8s, i18n); and one run of five
// letters or more reads as a word. Random text cut by dots or dashes
// (base64url, JWTs, UUIDs) has short runs with digits between them.
func identPath(v string) bool {
	if len(v) > 128 {
		return false
	}
	segs := 0
	odd, word := "", false
	var letters, humps, short, digitRuns int
	for _, seg := range strings.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '-' || r == ':' || r == '?' || r == '/' }) {
		segs++
		for _, part := range strings.Split(seg, "_") {
			if part == "" {
				continue
			}
			if !isLowerC(part[0]) && !isUpper(part[0]) {
				return false // a segment starts with a letter
			}
			for i := 0; i < len(part); {
				j := humpEnd(part, i)
				if j == i {
					return false // a character no identifier has
				}
				run := part[i:j]
				n := j - i
				// Digits after the run: a version (v2, sha256) or a numeronym (a11y, k8s).
				k := j
				for k < len(part) && isDigit(part[k]) {
					k++
				}
				if k-j > 3 {
					return false
				}
				if k > j {
					if digitRuns++; digitRuns > 2 {
						return false // digits all over: random
					}
				}
				if k > j && k < len(part) && isLowerC(part[k]) {
					m := k
					for m < len(part) && isLowerC(part[m]) {
						m++
					}
					if n > 2 || m-k > 2 {
						return false // digits between letters: random
					}
					n, k = n+m-k, m // a11y, k8s, i18n: one abbreviation
				} else if low := strings.ToLower(run); n >= 3 && !pronounceable(low) {
					if odd != "" && low != odd || n > 8 {
						return false
					}
					odd = low
				} else if n >= 5 {
					word = true
				} else if n <= 2 {
					short++
				}
				letters += n
				humps++
				i = k
			}
		}
	}
	// Identifiers have few runs of one or two letters (s.Token, DbType);
	// random text cut by case changes has many.
	return segs >= 2 && word && float64(letters) >= 3*float64(humps) && short <= max(1, humps/4)
}

// moduleName reports whether v is the kebab-case name of a versioned
// module or package (aws-sdk-go-v2, golang-jwt-v5): two lower-case letter
// runs or more, then a version. Typed passwords of words in dashes have no
// version, generated ones mix digits into their runs.
func moduleName(v string) bool {
	segs := strings.Split(v, "-")
	if len(segs) < 3 || len(v) > 64 {
		return false
	}
	last := segs[len(segs)-1]
	if len(last) < 2 || len(last) > 4 || last[0] != 'v' || !isDigits([]byte(last[1:])) {
		return false
	}
	for _, s := range segs[:len(segs)-1] {
		if s == "" || len(s) > 12 {
			return false
		}
		for i := 0; i < len(s); i++ {
			if !isLowerC(s[i]) {
				return false
			}
		}
	}
	return true
}

// humpEnd returns the end of the letter run of an identifier that starts at
// s[i]: Word, word, or an acronym (HTTP in HTTPServer); i when s[i] is no
// letter.
func humpEnd(s string, i int) int {
	j := i
	if j < len(s) && isUpper(s[j]) {
		j++
		for j < len(s) && isUpper(s[j]) {
			j++
		}
		if j-i > 1 && j < len(s) && isLowerC(s[j]) {
			return j - 1 // HTTPServer: HTTP | Server
		}
	}
	for j < len(s) && isLowerC(s[j]) {
		j++
	}
	return j
}

// fileRefRe matches a file name or path with the extension of a key,
// certificate or configuration file, up to a separator of options.
var fileRefRe = regexp.MustCompile(`^[A-Za-z0-9_.~/-]*[A-Za-z0-9_-]\.(?i:pem|key|crt|cer|der|csr|p12|pfx|jks|keystore|pub|asc|gpg|json|ya?ml|txt|conf|cfg|ini|env|properties|toml|xml)(?:$|[:;,&])`)

// fileRef reports whether v starts with the name of a file (key.pem,
// certs/client.crt:certKey=…): where a credential is kept, not the
// credential.
func fileRef(v string) bool { return fileRefRe.MatchString(v) }

// jwtHeaderOnly reports whether v is a JSON Web Token's header alone,
// base64url JSON naming an algorithm or a type, optionally followed by the
// dot that joins the payload: the header is the same for every token that
// a key signs, and no credential.
func jwtHeaderOnly(v string) bool {
	h := strings.TrimSuffix(v, ".")
	if !strings.HasPrefix(h, "eyJ") || strings.ContainsAny(h, ".") {
		return false
	}
	dec, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(h, "="))
	if err != nil {
		return false
	}
	var hdr map[string]any
	if json.Unmarshal(dec, &hdr) != nil {
		return false
	}
	_, alg := hdr["alg"]
	_, typ := hdr["typ"]
	return alg || typ
}

// telnetLogPassword reports whether the value at text[abs] is the one-run
// password that a telnet console prints in its log when it starts
// ("[scrapy.extensions.telnet] INFO: Telnet Password: …"): a new random
// password each run, for a console on localhost, gone when the process
// ends. Other log lines that print keys are reported.
func telnetLogPassword(text []byte, abs int) bool {
	line := text[max(0, abs-maxContext):abs]
	if i := bytes.LastIndexByte(line, '\n'); i >= 0 {
		line = line[i+1:]
	}
	return bytes.HasSuffix(line, []byte("Telnet Password: ")) && bytes.Contains(line, []byte(".telnet] "))
}

// docSearchKey reports whether a key named name at text[abs] sits in an
// Algolia DocSearch configuration (an apiKey beside the indexName that
// every DocSearch configuration names, within a few lines): DocSearch gives
// documentation sites a search-only key meant to be shipped to every
// browser. An appId alone does not tell (many services pair an app id with
// a secret key), and keys named admin or write are reported.
func docSearchKey(name string, text []byte, abs int) bool {
	n := strings.ToLower(strings.Trim(name, `"'`+"`\\"))
	n = strings.NewReplacer("_", "", "-", "", ".", "").Replace(n)
	if !strings.HasSuffix(n, "apikey") || strings.Contains(n, "admin") || strings.Contains(n, "write") {
		return false
	}
	const reach = 300
	around := text[max(0, abs-reach):min(len(text), abs+reach)]
	return indexFold(around, "indexname") >= 0 || indexFold(around, "index_name") >= 0
}

// searchOnlyComment reports whether the rest of a value's line calls it a
// search-only key (apiKey: '…', // SEARCH_ONLY_KEY): the public key of a
// documentation site's search (Algolia's or Typesense's DocSearch).
func searchOnlyComment(rest []byte) bool {
	for _, w := range [...]string{"search_only", "search-only", "search only", "searchonly"} {
		if indexFold(rest, w) >= 0 {
			return true
		}
	}
	return false
}

// formPairAt returns the index of the first "&" in v that starts another
// name=value pair of a form body or a query string (…&team_id=T0…), or
// -1: the value read after a name ends there.
func formPairAt(v []byte) int {
	for i := 0; i < len(v); i++ {
		if v[i] != '&' {
			continue
		}
		j := i + 1
		for j < len(v) && (isAlnum(v[j]) || v[j] == '_' || v[j] == '-' || v[j] == '.' || v[j] == '[' || v[j] == ']') {
			j++
		}
		if j > i+1 && j < len(v) && v[j] == '=' && (isLowerC(v[i+1]) || isUpper(v[i+1]) || v[i+1] == '_') {
			return i
		}
	}
	return -1
}

// typedName reports whether the value win[s:e], read after a name ending
// at nameEnd, is a type or an expression of code: a name indexed or
// subscripted (typing.Optional[…], keys[0]), or a type annotation, a name
// after a colon that an assignment follows (vcs_password: _NotSetType =
// ..., apiKey: ApiKey = load()).
func typedName(win []byte, nameEnd, s, e int) bool {
	v := win[s:e]
	if len(v) == 0 || !isLowerC(v[0]) && !isUpper(v[0]) && v[0] != '_' {
		return false
	}
	for _, c := range v {
		if !isAlnum(c) && c != '_' && c != '.' {
			return false
		}
	}
	if e < len(win) && win[e] == '[' {
		return true
	}
	if nameEnd < 0 || nameEnd > s {
		return false
	}
	sep := bytes.Trim(win[nameEnd:s], " \t\"'`")
	if len(sep) != 1 || sep[0] != ':' {
		return false
	}
	i := e
	if i < len(win) && win[i] == '<' {
		// Type arguments: raw: Curve25519SeedBin<'_> = …, Map<String, Key> = ….
		j := bytes.IndexByte(win[i:min(len(win), i+128)], '>')
		if j < 0 || bytes.IndexByte(win[i:i+j], '\n') >= 0 {
			return false
		}
		i += j + 1
	}
	for i < len(win) && (win[i] == ' ' || win[i] == '\t') {
		i++
	}
	return i < len(win) && win[i] == '=' && (i+1 == len(win) || win[i+1] != '=' && win[i+1] != '>')
}

// quoteChar reports whether c opens a string literal.
func quoteChar(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// codeIdentifier reports whether v is an identifier of code: a letter or an
// underscore, then letters, digits and underscores. Unquoted after a name
// and before a comma, a parenthesis or a semicolon in a source file
// (PrivateKey: ed25519Key, in a Go literal), it is a variable, not a string;
// in a comment too, which names code so (password: Uint8Array,).
// Hexadecimal values of key length are keys however they are written.
func codeIdentifier(v []byte) bool {
	if len(v) == 0 || !isLowerC(v[0]) && !isUpper(v[0]) && v[0] != '_' || len(v) >= 16 && isHex(string(v)) {
		return false
	}
	for _, c := range v {
		if !isAlnum(c) && c != '_' {
			return false
		}
	}
	return true
}

// identAfterName reports whether a value read after a provider's name is
// an identifier of code (codeportingcsharp2java in a list of hook names,
// a class name of a key's length): long enough that a generated key of
// its alphabet seldom reads as words, and not hexadecimal (cafebabe:deadbeef
// is a key's shape, however it reads).
func identAfterName(v string) bool {
	if len(v) < 16 || !identShaped(v) {
		return false
	}
	return !isHex(strings.Map(func(r rune) rune {
		if r == ':' || r == '-' || r == '_' || r == '.' {
			return -1
		}
		return r
	}, v))
}

// optionFlag reports whether a value read after a provider's name is a
// command-line option of the next word (snowflake --image=… read as
// name, separator " -", value "-image=…"): dashes, a lower-case name and
// an equals sign, which no key starts with.
func optionFlag(v string) bool {
	i := 0
	for i < len(v) && i < 2 && v[i] == '-' {
		i++
	}
	if i == 0 || i >= len(v) || !isLowerC(v[i]) {
		return false
	}
	for i < len(v) && (isLowerC(v[i]) || v[i] == '-') {
		i++
	}
	return i < len(v) && v[i] == '='
}

// kebabName reports whether v is a lower-case kebab-case name of three
// parts or more (azkv-cert-new-sdk, aws-v2-ps-initial): each part a common
// word, a pronounceable word of five letters or more, or an abbreviation
// of at most four letters (a version's digits may end it), and half the
// letters at least in words. Names of test resources and modules, which identPath
// leaves when they hold more than one abbreviation. Random lower-case
// values cut by dashes have no words, and app passwords cut into four
// letters (abcd-efgh-ijkl-mnop) are all of one length.
func kebabName(v string) bool {
	parts := strings.Split(v, "-")
	if len(parts) < 3 || len(v) > 64 {
		return false
	}
	words, inWords, letterN, sameLen := 0, 0, 0, true
	for _, p := range parts {
		sameLen = sameLen && len(p) == len(parts[0])
		end := len(p)
		for end > 0 && isDigit(p[end-1]) {
			end--
		}
		letters := p[:end]
		if letters == "" || len(p)-end > 3 {
			return false
		}
		for i := 0; i < len(letters); i++ {
			if !isLowerC(letters[i]) {
				return false
			}
		}
		letterN += len(letters)
		switch {
		case len(letters) >= 3 && (commonWords[letters] || commonWords[strings.TrimSuffix(letters, "s")]),
			len(letters) >= 5 && pronounceable(letters):
			words++
			inWords += len(letters)
		case len(letters) > 4:
			return false
		}
	}
	return words >= 1 && 2*inWords >= letterN && !sameLen
}

// prose reports whether s is a sentence: three words or more, each of
// letters (a stop may end it), half of them common words (This is a tagged
// secret, the text of base64 under a secret's name). A passphrase of
// uncommon words is kept.
func prose(s string) bool {
	fields := strings.Fields(s)
	if len(fields) < 3 {
		return false
	}
	common := 0
	for _, f := range fields {
		f = strings.ToLower(strings.TrimRight(f, ".,;:!?"))
		if f == "" {
			return false
		}
		for i := 0; i < len(f); i++ {
			if !isLowerC(f[i]) && f[i] != '\'' {
				return false
			}
		}
		if commonWords[f] || passwordFillers[f] || stopWords[f] {
			common++
		}
	}
	return 2*common >= len(fields)
}

// stopWords are the short words that join a sentence.
var stopWords = map[string]bool{
	"an": true, "and": true, "or": true, "of": true, "to": true, "in": true, "on": true, "at": true, "it": true,
	"that": true, "with": true, "be": true, "are": true, "was": true, "not": true, "we": true, "you": true, "i": true,
}

// countedWords reports whether v is words joined to runs counted up from
// the alphabet or the digits (value12345abcdef,
// abc123SUPERsecretKEYvalue456xyz789): each letter or digit run a common
// word or a run of three or more characters in step, one word and two
// counted runs at least. A stand-in; counted runs alone (abcd1234abcd1234)
// are left to the rules, as labelled corpora count them as keys, and a
// word with one count (cloud@123) is a typed password.
func countedWords(v string) bool {
	if len(v) > 64 {
		return false
	}
	// Runs as an identifier splits them (superSecretValue) or by case alone
	// (SUPERsecretKEY, where the identifier split reads SUPE|Rsecret).
	return countedWordsBy(v, wordRun) || countedWordsBy(v, caseRun)
}

// countedWordsBy is countedWords with runs cut by next.
func countedWordsBy(v string, next func(string, int) (int, int)) bool {
	words, counted := 0, 0
	for s, e := next(v, 0); s < len(v); s, e = next(v, e) {
		run := v[s:e]
		low := strings.ToLower(run)
		switch {
		case e-s >= 3 && inStep(low):
			counted++
		case e-s >= 3 && (commonWords[low] || commonPasswords[low] || passwordFillers[low]):
			words++
		default:
			return false
		}
	}
	return words >= 1 && counted >= 2
}

// caseRun returns the bounds of the next run of v at or after i of one
// kind of character: upper-case letters, lower-case letters or digits.
func caseRun(v string, i int) (s, e int) {
	for i < len(v) && !isAlnum(v[i]) {
		i++
	}
	if i == len(v) {
		return i, i
	}
	kind := func(c byte) int {
		switch {
		case isUpper(c):
			return 1
		case isLowerC(c):
			return 2
		case isDigit(c):
			return 3
		}
		return 0
	}
	j := i + 1
	for j < len(v) && kind(v[j]) == kind(v[i]) {
		j++
	}
	return i, j
}

// wordRun returns the bounds of the next run of v at or after i: a word of
// identifier (see nextSegment) or a run of digits; other characters
// separate runs.
func wordRun(v string, i int) (s, e int) {
	for i < len(v) && !isAlnum(v[i]) {
		i++
	}
	if i < len(v) && isDigit(v[i]) {
		j := i
		for j < len(v) && isDigit(v[j]) {
			j++
		}
		return i, j
	}
	if i == len(v) {
		return i, i
	}
	return nextSegment(v, i)
}

// inStep reports whether each character of s is the one after the
// character before it (123, 4567, abcdef, xyz).
func inStep(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[i-1]+1 {
			return false
		}
	}
	return true
}

// modulePath reports whether v is a package's import path, a host and a
// path without a scheme (github.com/snowflakedb/gosnowflake, an import
// line read after a provider's name).
var modulePathRe = regexp.MustCompile(`^(?:[a-z0-9-]+\.)+(?:com|org|net|io|in|dev|me|co|cc|sh|cloud|app|uk|de)/[A-Za-z0-9_.~-]+(?:/[A-Za-z0-9_.~-]+)*$`)

func modulePath(v string) bool { return modulePathRe.MatchString(v) }

// kmsKeyURI reports whether v names a key kept in a key management system
// (awskms:key-id=…, gcpkms:projects/…, pkcs11:token=…;object=…): a
// reference, the key never leaves the service.
func kmsKeyURI(v string) bool {
	i := strings.IndexByte(v, ':')
	if i <= 0 {
		return false
	}
	scheme := v[:i]
	for k := 0; k < len(scheme); k++ {
		if !isLowerC(scheme[k]) && !isDigit(scheme[k]) {
			return false
		}
	}
	return strings.HasSuffix(scheme, "kms") || scheme == "pkcs11" || scheme == "tpmkms" || scheme == "yubikey"
}

// pgpKeyID reports whether v is a PGP key's id or fingerprint (8, 16 or 40
// hexadecimal digits) on a line of gpg's (gpg --delete-secret-keys
// 1F3D…7C5FA4): the public name of a key.
func pgpKeyID(v string, line []byte) bool {
	v = strings.TrimPrefix(v, "0x")
	if n := len(v); n != 8 && n != 16 && n != 40 || !isHex(v) {
		return false
	}
	return bytes.Contains(line, []byte("gpg")) || bytes.Contains(line, []byte("secret-key")) || bytes.Contains(line, []byte("secret-subkey"))
}

// meetingPasscode reports whether v is the passcode of a Zoom meeting or
// recording link (…zoom.us/j/123?pwd=…, zoom-lfx…/meeting/…?password=…):
// a project publishes the link for anyone to join.
func meetingPasscode(v string, line []byte) bool {
	i := bytes.Index(line, []byte(v))
	if i < 0 {
		return false
	}
	start := i
	for start > 0 && line[start-1] != ' ' && line[start-1] != '(' && line[start-1] != '"' && line[start-1] != '\'' && line[start-1] != '<' && line[start-1] != '[' {
		start--
	}
	url := bytes.ToLower(line[start:i])
	host, ok := urlHost(url)
	return ok && bytes.Contains(host, []byte("zoom")) &&
		(bytes.HasSuffix(url, []byte("pwd=")) || bytes.HasSuffix(url, []byte("password=")) || bytes.HasSuffix(url, []byte("passcode=")))
}

// analyticsIDShape is Google's analytics and tag IDs: UA-12345678-1,
// G-ABCDE12345 (GA4) and GTM-AB12CD. Web pages print them: they are public.
var analyticsIDShape = regexp.MustCompile(`^(?:UA-[0-9]{4,10}-[0-9]{1,4}|G-[A-Z0-9]{8,12}|GTM-[A-Z0-9]{4,8})$`)

// analyticsID reports whether v is an analytics or tag manager ID, assigned
// to a "token" or "key" in site configurations.
func analyticsID(v string) bool { return analyticsIDShape.MatchString(v) }

// encryptedSessionKey reports whether v is base64 of a Windows CryptoAPI
// SIMPLEBLOB: a session key encrypted to an RSA key exchange key in a key
// container (IIS's applicationhost.config writes its AES providers'
// sessionKey so). Only the machine that holds the container can read it.
func encryptedSessionKey(v string) bool {
	if !strings.HasPrefix(v, "AQIA") || len(v) < 64 {
		return false
	}
	dec, err := base64.StdEncoding.DecodeString(v)
	// bType 1 (SIMPLEBLOB), version 2, reserved 0, a data encryption
	// algorithm (class 3 << 13), then CALG_RSA_KEYX (0xa400).
	return err == nil && len(dec) >= 12 && dec[5]&0xe0 == 0x60 &&
		dec[8] == 0x00 && dec[9] == 0xa4 && dec[10] == 0 && dec[11] == 0
}

// googleShareHosts serve documents, files and albums shared by link.
var googleShareHosts = []string{"docs.google.com", "drive.google.com", "sites.google.com", "picasaweb.google.com", "photos.google.com"}

// googleShareKey reports whether v is the authkey of a
// Google Docs, Drive or Photos link on line: the key is part of a link made
// to be shared, and grants only what the link does.
func googleShareKey(v string, line []byte) bool {
	i := bytes.Index(line, []byte(v))
	if i < 0 {
		return false
	}
	before := line[:i]
	if !bytes.HasSuffix(bytes.ToLower(before[max(0, len(before)-8):]), []byte("authkey=")) {
		return false
	}
	host, ok := urlHost(before)
	if !ok {
		return false
	}
	for _, h := range googleShareHosts {
		if string(bytes.ToLower(host)) == h {
			return true
		}
	}
	return false
}

// controllerAction is Laravel's Controller@method reference to a route's
// action: Route::post('/password', 'AuthController@reset').
var controllerAction = regexp.MustCompile(`^[A-Za-z_\\]*Controller@[A-Za-z_][A-Za-z0-9_]*$`)

// notificationToken reports whether v is the email_token of a link in a
// GitHub notification e-mail (…?email_source=notifications&email_token=…),
// which replies quote: it mutes or opens one thread for its reader.
func notificationToken(v string, line []byte) bool {
	i := bytes.Index(line, []byte("email_token="+v))
	return i >= 0 && bytes.Contains(line[:i], []byte("email_source=notifications"))
}

// docTypeShape reports whether the text before a value on its line is a
// documentation comment's type of an array shape (PHPStan and Psalm:
// @var array{expected_token: int-mask-of<…>, …}, @param, @return, @phpstan-type):
// the value is a type.
func docTypeShape(before []byte) bool {
	if ls := bytes.LastIndexByte(before, '\n'); ls >= 0 {
		before = before[ls+1:]
	}
	for _, tag := range [...]string{"@var ", "@param ", "@return ", "@property ", "@phpstan-", "@psalm-", "@type "} {
		if i := bytes.LastIndex(before, []byte(tag)); i >= 0 {
			rest := before[i:]
			return bytes.Count(rest, []byte("{")) > bytes.Count(rest, []byte("}"))
		}
	}
	return false
}

// entryPoint is a reference to an object in a module, as entry points and
// ASGI servers write it (IPython.core.magics.osm:OSMagics, app.main:app).
var entryPoint = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$`)

// docLoginHost reports whether the value at text[abs] is the password of a
// URL whose host is one word (@pghost10/, @mssql2017:1433, @db:5432): a
// page of documentation that shows how to write a URL names such hosts, a
// deployment's URL names a domain or an address.
func docLoginHost(text []byte, abs int, v string) bool {
	e := abs + len(v)
	if e >= len(text) || text[e] != '@' {
		return false
	}
	h := e + 1
	for h < len(text) && (isAlnum(text[h]) || text[h] == '-' || text[h] == '_') {
		h++
	}
	if h == e+1 || h < len(text) && text[h] == '.' {
		return false
	}
	for k := e + 1; k < h; k++ {
		if !isDigit(text[k]) {
			return true
		}
	}
	return false // a bare number is no host
}

// hexDigest reports whether v has the length and alphabet of an MD5,
// SHA-1, SHA-256 (with or without a 16-character salt) or SHA-512 digest.
func hexDigest(v string) bool {
	switch len(v) {
	case 32, 40, 64, 80, 128:
		return isHex(v)
	}
	return false
}

// userElement reports whether line defines a user of an in-memory user
// store (Spring Security's <user name="rod" password="…"/>, Tomcat's
// <user username=… password=…>).
func userElement(line []byte) bool {
	return bytes.Contains(line, []byte("<user ")) || bytes.Contains(line, []byte(":user ")) ||
		bytes.Contains(line, []byte("<user-service"))
}

// countingDown reports whether v holds n or more letters or digits counted
// down in step (543210, fedcba): a writer's stand-in. Random values of 20
// characters hold such a run of six about once in a billion. Only
// documentation is judged so: labelled corpora count such values as keys.
func countingDown(v string, n int) bool {
	run := 1
	for i := 1; i < len(v); i++ {
		a, b := v[i-1], v[i]
		if isDigit(a) && isDigit(b) && a == b+1 || asciiLetter(a) && asciiLetter(b) && a|0x20 == b|0x20+1 {
			if run++; run >= n {
				return true
			}
			continue
		}
		run = 1
	}
	return false
}

// urlHost returns the host (and port) of the last URL that text holds, up
// to the path, query or fragment.
func urlHost(text []byte) ([]byte, bool) {
	u := bytes.LastIndex(text, []byte("://"))
	if u < 0 {
		return nil, false
	}
	host := text[u+3:]
	if j := bytes.IndexAny(host, "/?#"); j >= 0 {
		host = host[:j]
	}
	return host, true
}
