package secrets

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveHits finds keyword occurrences the slow way.
func naiveHits(text []byte, keywords []string) []hit {
	low := bytes.ToLower(text)
	var out []hit
	for end := 1; end <= len(text); end++ {
		for k, kw := range keywords {
			if end >= len(kw) && string(low[end-len(kw):end]) == kw {
				out = append(out, hit{end, int32(k)})
			}
		}
	}
	return out
}

func sortHits(h []hit) {
	slices.SortFunc(h, func(a, b hit) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return int(a.kw - b.kw)
	})
}

func TestMatcherAgainstNaive(t *testing.T) {
	keywords := []string{"token", "ok", "secret", "sec", "ghp_", "://", "aaa", "a", "tok"}
	m := newMatcher(keywords)
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "tokenTOKENsecrSECghp_:/a x\n"
	for trial := 0; trial < 300; trial++ {
		n := r.IntN(5000)
		if trial%50 == 0 {
			n = 64<<10 + r.IntN(64<<10) // long enough to size its hits from a sample
		}
		text := make([]byte, n)
		for i := range text {
			text[i] = alphabet[r.IntN(len(alphabet))]
		}
		var tmp [3][]hit
		got := m.scan(text, nil, &tmp)
		want := naiveHits(text, keywords)
		if !slices.IsSortedFunc(got, func(a, b hit) int { return a.end - b.end }) {
			t.Fatalf("trial %d: hits not in order", trial)
		}
		sortHits(got)
		sortHits(want)
		// Hits of a repeating keyword (aaa) that overlap one kept are
		// dropped; every other hit is found.
		kept := map[hit]bool{}
		for _, h := range got {
			kept[h] = true
		}
		for _, h := range want {
			if kept[h] {
				delete(kept, h)
				continue
			}
			kw := keywords[h.kw]
			covered := false
			for d := 1; d < len(kw) && repeats(kw); d++ {
				covered = covered || slices.Contains(got, hit{h.end - d, h.kw})
			}
			if !covered {
				t.Fatalf("trial %d (len %d): hit %q at %d missed", trial, n, kw, h.end)
			}
		}
		if len(kept) > 0 {
			t.Fatalf("trial %d (len %d): %d hits that are not keywords", trial, n, len(kept))
		}
	}
}
