package secrets

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// namedExpression is the single regular expression that provider-named
// patterns used before namedReader: the reference the reader must agree
// with wherever the reader's bounds (identifier, call reach, windows) do not
// apply.
func namedExpression(names []string, value string) *regexp.Regexp {
	name := namesAlternation(names)
	return regexp.MustCompile(`^(?:` + name + `(?:[A-Za-z0-9_.-]*(?:[ \t]+[A-Za-z][A-Za-z0-9_.-]*){0,3}` + namedAssign +
		`|[A-Za-z0-9_.-]*["']?:[ \t]*\r?\n(?:[ \t]+[^\n]*\n){0,3}?` + sectionKey +
		`|[^\n]*?[^A-Za-z0-9](?i:api[_-]?key|apikey|token|secret|password|access[_-]?key)` + namedAssign + `)` +
		`)(` + value + `)(?:[^A-Za-z0-9_+/=-]|$)`)
}

// namesAlternation is the case-insensitive alternation of names that the
// expressions replaced by the readers started with.
func namesAlternation(names []string) string {
	alts := make([]string, len(names))
	for i, n := range names {
		alts[i] = regexp.QuoteMeta(n)
	}
	return `(?i:` + strings.Join(alts, "|") + `)`
}

var namedCases = []struct {
	names []string
	value string
}{
	{[]string{"mailgun"}, `[A-Za-z0-9]{32}-[A-Za-z0-9]{8}-[A-Za-z0-9]{8}`},
	{[]string{"datadog", "dd_api_key"}, `[A-Za-z0-9]{32}`},
	{[]string{"pinecone"}, uuidRe},
	{[]string{"azure_storage", "accountkey"}, `[A-Za-z0-9+/]{86}==`},
	{[]string{"twitter"}, `[0-9]{15,25}-[A-Za-z0-9]{20,40}|[A-Za-z0-9]{50}|[A-Za-z0-9]{25}`},
}

// eachNameHit calls fn at every occurrence of one of names in b, as the
// detector's keyword hits come, with the end of the occurrence's line.
func eachNameHit(b []byte, names []string, fn func(name string, ks, lineEnd int)) {
	for _, n := range names {
		for off := 0; ; {
			i := indexFold(b[off:], n)
			if i < 0 {
				break
			}
			ks := off + i
			off = ks + 1
			lineEnd := len(b)
			if j := bytes.IndexByte(b[ks:], '\n'); j >= 0 {
				lineEnd = ks + j
			}
			fn(n, ks, lineEnd)
		}
	}
}

// readNamed runs the reader at every occurrence of a name in b, as the
// detector does, returning [start end valueStart valueEnd] per hit.
func readNamed(b []byte, names []string, r *namedReader, fn func(ks int, got []int)) {
	eachNameHit(b, names, func(n string, ks, lineEnd int) {
		var got []int
		if end, vs, ve, ok := r.read(b, lineEnd, ks, ks+len(n), new(int)); ok {
			got = []int{ks, end, vs, ve}
		}
		fn(ks, got)
	})
}

func TestNamedReaderAgrees(t *testing.T) {
	v := strings.Repeat("a1B2", 8)
	for _, tc := range []struct {
		text   string
		secret string // "" for none
	}{
		{"DATADOG_API_KEY=" + v, v},
		{`datadog_token: "` + v + `"`, v},
		{"{\n  \"datadog_api_key\": \"" + v + "\"\n}", v},
		{"var datadogToken string = \"" + v + "\"", v},
		{"datadogToken := `" + v + "`", v},
		{"$datadogToken .= \"" + v + "\";", v},
		{"<datadogToken>\n    " + v + "\n</datadogToken>", v},
		{"datadog:\n  site: eu\n  api_key: " + v + "\n", v},
		{"client = Datadog(host, api_key=\"" + v + "\")", v},
		{"Using datadog Key=" + v, v},
		{"datadog -- " + v, ""},
		{"DATADOG_API_KEY=" + v + "x", ""},
		{"Datadog(" + strings.Repeat("x, ", namedCallReach/3+2) + "token=" + v, ""},
	} {
		c := namedCases[1]
		ref := namedExpression(c.names, c.value)
		r := readerFor(c.value)
		var found string
		readNamed([]byte(tc.text), c.names, r, func(ks int, got []int) {
			if got != nil && found == "" {
				found = tc.text[got[2]:got[3]]
			}
			want := ref.FindStringSubmatchIndex(tc.text[ks:])
			if tc.secret != "" && got != nil && (want == nil || ks+want[2] != got[2] || ks+want[3] != got[3]) {
				t.Errorf("%q at %d: reader %v, expression %v", tc.text, ks, got, want)
			}
		})
		if found != tc.secret {
			t.Errorf("%q: read %q, want %q", tc.text, found, tc.secret)
		}
	}
}

// FuzzNamed checks the reader against the single expression it replaced,
// on texts short enough that none of the reader's bounds applies: both find
// the same value at every name, or neither finds one.
func FuzzNamed(f *testing.F) {
	v := strings.Repeat("a1B2", 8)
	for _, s := range []string{
		"DATADOG_API_KEY=" + v, "datadog:\n  api_key: " + v + "\n", "Datadog(x, api_key='" + v + "')",
		"<datadogToken>\n " + v + "\n</datadogToken>", "mailgun key " + v + "-" + v[:8] + "-" + v[:8],
		"pinecone.init(apikey=\"" + "0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f" + "\")",
	} {
		f.Add(s)
	}
	refs := make([]*regexp.Regexp, len(namedCases))
	for i, c := range namedCases {
		refs[i] = namedExpression(c.names, c.value)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 200 {
			return // the reader's windows and reach are longer than this
		}
		b := []byte(s)
		for i, c := range namedCases {
			readNamed(b, c.names, readerFor(c.value), func(ks int, got []int) {
				want := refs[i].FindSubmatchIndex(b[ks:])
				if want != nil {
					want = []int{ks, ks + want[1], ks + want[2], ks + want[3]}
				}
				if got == nil && want != nil && callTriesBefore(b, ks+len(c.names[0]), want[2]) > namedCallTries {
					return // the reader tries the first few credential words after a name only
				}
				if (got == nil) != (want == nil) || got != nil && (got[2] != want[2] || got[3] != want[3]) {
					t.Fatalf("%v at %d in %q: reader %v, expression %v", c.names, ks, s, got, want)
				}
			})
		}
	})
}

// callTriesBefore counts the credential words the reader's call way finds
// after a name ending at ke, up to offset to.
func callTriesBefore(b []byte, ke, to int) int {
	n := 0
	for at := ke + 1; at < len(b); {
		i := nextCredentialWord(b[at-1:])
		if i < 0 || at-1+i > to {
			break
		}
		n++
		at = at - 1 + i + 1
	}
	return n
}

// read is readAt measuring the identifier byte by byte (the scan takes it
// from its measured runs).
func (r *namedReader) read(text []byte, lineEnd, ks, ke int, work *int) (end, vs, ve int, ok bool) {
	id := ke
	for id < len(text) && id-ke <= namedIdentMax && isNameChar(text[id]) {
		id++
	}
	return r.readAt(text, lineEnd, ks, ke, id, work)
}
