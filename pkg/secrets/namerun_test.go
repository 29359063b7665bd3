package secrets

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNameRunsAgainstNaive checks the measured runs of name characters
// around keyword hits, met in the order a scan meets them, against
// counting them afresh: a run longer than maxBackRun reads as longer, a
// shorter one as its exact length, and no run crosses the start of a line.
func TestNameRunsAgainstNaive(t *testing.T) {
	var name, digits [256]bool
	for _, c := range "abcdefghijklmnopqrstuvwxyz_" {
		name[c] = true
	}
	for _, c := range "0123456789" {
		digits[c] = true
	}
	sets := []*[256]bool{&name, &digits}
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 200; trial++ {
		// Long runs of letters, broken by spaces, digits and line ends.
		var sb strings.Builder
		for sb.Len() < 4000 {
			switch r.IntN(6) {
			case 0:
				sb.WriteString(strings.Repeat("secret_", 1+r.IntN(80)))
			case 1:
				sb.WriteString(strings.Repeat("7", 1+r.IntN(400)))
			case 2:
				sb.WriteByte('\n')
			case 3:
				sb.WriteByte(' ')
			default:
				sb.WriteString("token")
			}
		}
		text := []byte(sb.String())
		st := &scratch{}
		end := 0
		for end < len(text)-10 {
			end += 1 + r.IntN(40)
			if end > len(text) {
				break
			}
			ks := max(0, end-1-r.IntN(8))
			lineStart := strings.LastIndexByte(string(text[:ks]), '\n') + 1
			set := sets[r.IntN(len(sets))]
			back, after := 0, 0
			for i := ks; i > lineStart && set[text[i-1]]; i-- {
				back++
			}
			for i := end; i < len(text) && set[text[i]]; i++ {
				after++
			}
			gotBack := st.runBefore(set, text, lineStart, ks)
			gotAfter := st.runAfter(set, text, end)
			if (back > maxBackRun) != (gotBack > maxBackRun) || back <= maxBackRun && gotBack != back {
				t.Fatalf("trial %d: run before %d: %d, want %d", trial, ks, gotBack, back)
			}
			if (after > maxBackRun) != (gotAfter > maxBackRun) || after <= maxBackRun && gotAfter != after {
				t.Fatalf("trial %d: run after %d: %d, want %d", trial, end, gotAfter, after)
			}
		}
	}
}

// TestLongRunPaidWithinBudget: a windowed pattern meeting a run of its
// secret's characters longer than the backtracker takes pays the NFA's
// extra cost, and when that does not fit the pass's budget the run is
// searched only as far as it does, and the fragment is marked limited.
func TestLongRunPaidWithinBudget(t *testing.T) {
	d := newTestDetector(t, Config{})
	var p *pattern
	for _, q := range d.patterns {
		if q.rule.ID == "okta-api-token" && q.shape != nil && q.runBT > 0 {
			p = q
			break
		}
	}
	if p == nil {
		t.Fatal("no shaped okta pattern with a backtracker limit")
	}
	text := []byte("okta_token = 00" + strings.Repeat("Ab1", 100_000) + "\n")
	w := window{start: 0, end: len(text), line: 1}
	long := len(text) - 1 - 15 - p.runBT // the run, less what the backtracker takes
	rate := (costNFA - 1) * p.windowCost
	for _, tc := range []struct {
		name    string
		budget  int
		limited bool
	}{
		{"room", 2 * long * rate, false},
		{"short", long * rate / 3, true},
	} {
		st := &scratch{pending: make([]window, len(d.patterns)), until: make([]int, len(d.patterns)), limitedAt: -1}
		st.limit = tc.budget
		d.runPattern(st, p, text, w)
		if got := st.limitedAt >= 0; got != tc.limited {
			t.Errorf("%s: limited %v, want %v", tc.name, got, tc.limited)
		}
		if st.work > tc.budget || st.work < min(tc.budget, long*rate)-rate {
			t.Errorf("%s: work %d for a budget of %d (the run costs %d)", tc.name, st.work, tc.budget, long*rate)
		}
	}
}

// TestKeywordRunSkipIsExact: an anchored attempt is skipped when its text
// is all characters of the run that follows the keyword in its expression,
// up to the attempt's end, and what follows the run needs another byte. No
// attempt so skipped may have matched.
func TestKeywordRunSkipIsExact(t *testing.T) {
	d := newTestDetector(t, Config{})
	r := rand.New(rand.NewPCG(5, 6))
	planned, skipped := 0, 0
	for _, p := range d.patterns {
		a := p.anch
		if a == nil || a.run == nil {
			continue
		}
		planned++
		var runChars, nextChars []byte
		for c := 0; c < 128; c++ {
			if a.run[c] {
				runChars = append(runChars, byte(c))
			}
			if !a.run[c] && strings.IndexByte("=:\"' ,>-.", byte(c)) >= 0 {
				nextChars = append(nextChars, byte(c))
			}
		}
		for _, kw := range p.keywords {
			for _, n := range []int{5, 40, 300, 3000, 20000} {
				b := []byte("x " + kw)
				for i := 0; i < n; i++ {
					b = append(b, runChars[r.IntN(len(runChars))])
				}
				if len(nextChars) > 0 && r.IntN(2) == 0 {
					b = append(b, nextChars[r.IntN(len(nextChars))])
				}
				b = append(b, []byte(` "`+strings.Repeat("Ab3xY9", 8)+`"`)...)
				ks, ke := 2, 2+len(kw)
				as := ks // where walk starts the attempt
				if a.prefix > 0 {
					as = max(0, ks-a.prefix-1)
				}
				ae := min(len(b), ks+anchoredReach(p))
				skip := true
				for _, c := range b[ke:ae] {
					skip = skip && a.run[c]
				}
				if !skip || a.leavesRun(b[as:ke]) {
					continue
				}
				skipped++
				if m := a.match(b[as:ae]); m != nil {
					t.Fatalf("%s: skipped an attempt that matches %q", p.rule.ID, b[as:ae])
				}
			}
		}
	}
	if planned == 0 || skipped == 0 {
		t.Fatalf("%d patterns with a keyword run, %d attempts skipped: the test checks nothing", planned, skipped)
	}
	t.Logf("%d patterns skip attempts on keyword runs; %d skipped attempts checked", planned, skipped)
}
