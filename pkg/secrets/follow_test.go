package secrets

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// followsExpression is the single regular expression that follows patterns
// used before followReader, anchored at the name: the reference the reader
// must agree with.
func followsExpression(names []string, value string) *regexp.Regexp {
	span := strconv.Itoa(followSpan)
	return regexp.MustCompile(`^(?:` + namesAlternation(names) + `(?:[^\n]{0,` + span + `}?\n){0,2}?[^\n]{0,` + span + `}?[^A-Za-z0-9_+/.-](` +
		value + `)(?:[^A-Za-z0-9_+/=-]|$))`)
}

var followCases = []struct {
	names []string
	value string
}{
	{[]string{"adzuna"}, `[a-z0-9]{32}`},
	{[]string{"ngc_api_key", "ngc_key", "ngc"}, `[A-Za-z0-9]{84}|[A-Za-z0-9]{26}:[A-Za-z0-9]{8}-[A-Za-z0-9]{4}`},
	{[]string{"teamgate"}, `[a-zA-Z0-9]{8}|[a-z0-9]{4}`},
	{[]string{"borgbase"}, `[a-zA-Z0-9/_.-]{4,8}`},
	{[]string{"gengo", "skx"}, `[0-9a-zA-Z\[\]()|_^@$=~{}-]{6}`},
	{[]string{"stytch"}, `secret-(?:live|test)-[a-zA-Z0-9_=-]{6}|[a-zA-Z0-9_-]{7}=`},
	{[]string{"adobe api", "adobe"}, `[A-Za-z0-9]{5}`},
}

// readFollow runs the reader at every occurrence of a name in b, as the
// detector does (in the window to the end of the second line after the
// name's), returning [start end valueStart valueEnd] and the window's end
// per hit.
func readFollow(b []byte, names []string, r *followReader, fn func(ks, full int, got []int)) {
	eachNameHit(b, names, func(_ string, ks, lineEnd int) {
		full := min(linesAfter(b, lineEnd, 2), ks+maxAfterWindow)
		var got []int
		if end, vs, ve, ok := r.read(b[:full], ks, names, new(int)); ok {
			got = []int{ks, end, vs, ve}
		}
		fn(ks, full, got)
	})
}

func checkFollow(t *testing.T, b []byte, i int) {
	c := followCases[i]
	ref := followsExpression(c.names, c.value)
	readFollow(b, c.names, followReaderFor(c.value), func(ks, full int, got []int) {
		want := ref.FindSubmatchIndex(b[ks:full])
		if want != nil {
			want = []int{ks, ks + want[1], ks + want[2], ks + want[3]}
		}
		if (got == nil) != (want == nil) || got != nil && (got[1] != want[1] || got[2] != want[2] || got[3] != want[3]) {
			t.Fatalf("%v at %d in %q: reader %v, expression %v", c.names, ks, b, got, want)
		}
	})
}

func TestFollowReaderAgrees(t *testing.T) {
	v := strings.Repeat("a1b2", 8)
	long := strings.Repeat("x", followSpan)
	for _, text := range []string{
		"adzuna " + v, "[DEBUG] Using adzuna KEY=" + v + " ok", "<id>adzuna</id>\n<secret>" + v + "</secret>",
		"# adzuna\nclient.key('" + v + "')", "# adzuna\n\n" + v, "# adzuna\n\n\n" + v,
		"adzuna " + long + v, "adzuna" + long[:followSpan-1] + " " + v, "adzuna " + v + "x",
		"adzuna\n" + long + "\n" + v, "adzuna " + long + "\n" + v, "adzuna é " + v, "ADZUNA:" + v,
		"adzuna " + v[:20] + " " + v, "adzuna-" + v, "adzuna " + v + "\u00e9",
		"ngc_api_key = x " + strings.Repeat("Ab1", 28), "NGC " + strings.Repeat("Ab1", 28),
		"teamgate " + strings.Repeat("abc1", 3) + " " + "abcd", "borgbase /a/b/c.d-e_f",
		"gengo [ab]()|_^@", "skx (a|b)c=d~{", "stytch secret-live-abc=-_def",
		"Adobe API " + v, "adobe\u212a " + v, "adzuna\u017f " + v,
	} {
		for i := range followCases {
			checkFollow(t, []byte(text), i)
		}
	}
}

// FuzzFollow checks the reader against the expression it replaced, in the
// window the detector gives both.
func FuzzFollow(f *testing.F) {
	v := strings.Repeat("a1b2", 8)
	for _, s := range []string{
		"[DEBUG] Using adzuna KEY=" + v, "<id>adzuna</id>\n<secret>" + v + "</secret>", "# adzuna\nclient.key('" + v + "')",
		"NGC " + strings.Repeat("Ab1", 28), "teamgate abc1abc1 abcd", "borgbase /a/b/c.d-e_f", "gengo [ab]()|_^@",
		"stytch secret-live-abc=-_def", "adobe api é\n\n" + v,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 {
			return
		}
		for i := range followCases {
			checkFollow(t, []byte(s), i)
		}
	})
}
