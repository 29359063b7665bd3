package secrets

import (
	"bytes"
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
		// Runs must read as words, in either case (SECRET_TOKEN). One short
		// run may be an acronym or an abbreviation (HTTP, cfg) or a letter.
		if n == 1 || n >= 3 && !pronounceable(strings.ToLower(v[i:j])) {
			if n > 4 {
				return false
			}
			odd++
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
var threeVowels = map[string]bool{"iou": true, "eau": true, "uee": true, "uei": true, "oui": true, "ioa": true}

// wordPairs are the consonant pairs common inside English words and
// identifiers (including doubled letters and plural endings).
var wordPairs = func() map[[2]byte]bool {
	m := map[[2]byte]bool{}
	for _, p := range strings.Fields(`bl br bs bj bm ch ck cl cr cs ct dg dj dl dm dr ds fl fr ft fs gh gl gm gn gr gs ht
		kl kn kr ks lb lc ld lf lg lk ll lm ln lp ls lt lv lw lz mb mn mp ms nc nd nf ng nk nl nm nn ns nt nv nw nx nz
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
	switch v[len(v)-1] {
	case ':', '@', '/', '=', '.':
		if identShaped(strings.TrimRight(v, ":@/=.")) {
			return true // a prefix a program completes: "gitlab-ci-token:"
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
	for _, ext := range [...]string{".md", ".markdown", ".mdx", ".rst", ".adoc", ".asciidoc"} {
		if strings.HasSuffix(base, ext) {
			return true
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
