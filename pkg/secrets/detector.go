package secrets

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Detector scans fragments with a fixed set of rules. It is safe for
// concurrent use by many goroutines.
type Detector struct {
	rules    []*Rule // enabled, sorted by ID
	patterns []*pattern
	ac       *matcher
	byKW     [][]int32 // keyword index -> pattern indexes
	strongKW [][]int32 // keyword index -> its strong patterns (see workLimit)
	otherKW  [][]int32 // keyword index -> its other patterns
	// tokenKW: keyword index -> the other patterns that Fragment.TokensOnly
	// runs: a provider's format found by the text of the secret itself on
	// its line (AKIA…, a Slack webhook URL), not by a name before it or a
	// key ID nearby. Multi-line formats (PEM blocks) are left out: bundles
	// quote their headers in code, and each quote opens a window of lines.
	tokenKW [][]int32
	kwLen   []int   // keyword index -> length
	always  []int32 // patterns without keywords: run over whole fragments
	// customAlways: those of always that the configuration file defines.
	customAlways []int32
	byFile       []int32 // patterns without keywords restricted to some paths (files)

	paths pathFilter

	ignores     map[string]int // fingerprint -> index in ignoreList
	ignoreList  []string
	ignoresUsed []atomic.Bool

	pool scratchPool

	workSpent atomic.Int64 // over all scans: for benchmarks

	limitedMu sync.Mutex
	limited   []Limited
	nLimited  int
}

// scratchPool keeps the working memory of finished scans for the next
// ones. Unlike a sync.Pool it is not emptied by the garbage collector: a
// keyword-dense file's hits take megabytes, and growing them again after
// every collection cost more than the scan itself.
type scratchPool struct {
	mu       sync.Mutex
	free     []*scratch
	patterns int
}

// maxKeptHits bounds the hits a kept scratch holds room for (16 MiB).
const maxKeptHits = 1 << 20

func (p *scratchPool) get() *scratch {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		st := p.free[n-1]
		p.free = p.free[:n-1]
		return st
	}
	return &scratch{pending: make([]window, p.patterns), until: make([]int, p.patterns)}
}

func (p *scratchPool) put(st *scratch) {
	if cap(st.hits) > maxKeptHits {
		st.hits = nil
	}
	for i := range st.streams {
		if cap(st.streams[i]) > maxKeptHits/4 {
			st.streams[i] = nil
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.free = append(p.free, st)
}

// scratch is per-Scan working memory, reused through a pool.
type scratch struct {
	hits    []hit
	streams [3][]hit // prefilter scratch
	pending []window // by pattern index
	// until is, by pattern index, the end of the pattern's last match at a
	// keyword (parser or anchored expression): hits before it are inside
	// that match and skipped, as a search resumes after a match. Without
	// this, "token=token=token=…" would read a long value at every hit.
	until   []int
	touched []int32 // patterns whose until is set
	active  []int32 // patterns with a pending window
	cands   []candidate
	// rejected are the spans of values that a provider rule matched and
	// turned down (a bad checksum, a test key, a placeholder): no rule of
	// lower priority may report them under another name.
	rejected []span

	// work counts what the fragment's keyword hits have cost so far (see
	// workLimit); limitedAt is the offset of the first hit that a spent
	// budget kept from some patterns, or -1.
	work, limitedAt int
	// limit is the budget of the pass under way, for the windows that are
	// searched when it has begun (see runPattern).
	limit int
	// Runs of name characters measured around the hits of patterns that
	// read one (see anchorPlan.back), by the set they were measured with.
	runs    [8]nameRun
	runNext int

	exampleFile bool // the fragment's path names an example or template
	testFile    bool // the fragment's path holds tests or fixtures
	docFile     bool // the fragment's path is documentation prose
	// store is the kind of credential store the fragment's path is; path
	// is that path, for patterns restricted to some files.
	store storeKind
	path  string
	// serviceFile: the path is a CI pipeline, a container or development
	// environment setup, or sample code, whose typed passwords are those
	// of throwaway service containers.
	serviceFile bool

	// Where the fragment says example, sample, placeholder or dummy
	// (mentionsExample), found once per fragment on the first candidate:
	// a check per candidate over its line would cost the line's length
	// for every keyword hit.
	exReady bool
	exAt    []int // start offsets, sorted
	exEnd   []int // end offsets, by start
}

type window struct {
	start, end, line int // byte span in the fragment; line number of start
	open             bool
}

type span struct{ start, end int }

type candidate struct {
	p          *pattern
	start, end int // secret's byte span
	line       int
	sameLine   bool // a keyword of the pattern is on the secret's line
}

// NewDetector builds a detector from the built-in rules and cfg.
func NewDetector(cfg Config) (*Detector, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	defs := builtinRuleDefs()
	rulePrefixOnce.Do(func() { setRulePrefixes(defs) })
	known := map[string]bool{}
	for _, d := range defs {
		known[d.rule.ID] = true
	}
	for _, rc := range cfg.Rules {
		if known[rc.ID] {
			return nil, fmt.Errorf("rules: id %q is already a rule: choose another id", rc.ID)
		}
		known[rc.ID] = true
		defs = append(defs, configRule(rc))
	}
	disabled := map[string]bool{}
	for _, id := range cfg.Disabled {
		if !known[id] {
			return nil, fmt.Errorf("disabled: unknown rule id %q", id)
		}
		disabled[id] = true
	}

	d := &Detector{ignores: map[string]int{}}
	var keywords []string
	kwIndex := map[string]int32{}
	for _, def := range defs {
		if disabled[def.rule.ID] {
			continue
		}
		d.rules = append(d.rules, def.rule)
		for _, p := range def.patterns {
			pi := int32(len(d.patterns))
			if p.anchor == nil {
				p.anch = planAnchor(p)
			}
			if p.parse == nil && p.re != nil {
				p.shape = planShape(p.re, p.group)
			}
			p.visitCost = 3
			if p.gate != nil {
				p.visitCost = 3 + max(p.gateScan, 64)/costGateBytes
			}
			if rx := p.re; rx != nil {
				if p.anchor != nil {
					// The anchor is searched first, over the whole window; the
					// expression runs only where it is found.
					rx = p.anchor
				}
				tree, _ := syntax.Parse(rx.String(), syntax.Perl)
				p.windowCost = 2 * byteCost(tree)
				p.windowBT = backtrackLen(tree)
				p.runBT = p.windowBT
				if rx != p.re {
					tree, _ = syntax.Parse(p.re.String(), syntax.Perl)
					p.runBT = backtrackLen(tree)
				}
			}
			p.strong = p.bound && p.priority >= prioProvider && p.after == 0 && p.before == 0 &&
				p.anch != nil && p.anch.rest == nil
			switch {
			case p.anch != nil && p.anch.rest == nil:
				// Only the anchored copy runs: the expression would be
				// heap held for nothing.
				p.src, p.re = p.re.String(), nil
			case p.re != nil && len(p.keywords) > 0:
				// It runs only in windows around its keywords' hits: it is
				// compiled again at the first (most providers' names never
				// occur in a given repository).
				p.src, p.re = p.re.String(), nil
				p.lazy = newLazyRegexp(p.src)
			}
			d.patterns = append(d.patterns, p)
			if len(p.keywords) == 0 {
				if p.files != nil {
					d.byFile = append(d.byFile, pi)
				} else {
					d.always = append(d.always, pi)
					if p.custom {
						d.customAlways = append(d.customAlways, pi)
					}
				}
				continue
			}
			for _, k := range p.keywords {
				ki, ok := kwIndex[k]
				if !ok {
					ki = int32(len(keywords))
					kwIndex[k] = ki
					keywords = append(keywords, k)
					d.byKW = append(d.byKW, nil)
					d.strongKW = append(d.strongKW, nil)
					d.otherKW = append(d.otherKW, nil)
					d.tokenKW = append(d.tokenKW, nil)
					d.kwLen = append(d.kwLen, len(k))
				}
				d.byKW[ki] = append(d.byKW[ki], pi)
				if p.strong {
					d.strongKW[ki] = append(d.strongKW[ki], pi)
				} else {
					d.otherKW[ki] = append(d.otherKW[ki], pi)
					if p.custom || !p.strong && p.priority >= prioProvider && p.nameGroup == 0 && p.named == nil &&
						p.parse == nil && p.anchor == nil && p.before == 0 && p.after == 0 && keywordInSecret(p.source(), p.group, k) {
						d.tokenKW[ki] = append(d.tokenKW[ki], pi)
					}
				}
			}
		}
	}
	sort.Slice(d.rules, func(i, j int) bool { return d.rules[i].ID < d.rules[j].ID })
	d.ac = newMatcher(keywords)

	paths, err := newPathFilter(cfg.AllowPaths, !cfg.NoDefaultAllowPaths)
	if err != nil {
		return nil, err
	}
	d.paths = paths

	for _, ig := range cfg.Ignores {
		ig = strings.TrimSpace(ig)
		if _, dup := d.ignores[ig]; dup {
			continue
		}
		d.ignores[ig] = len(d.ignoreList)
		d.ignoreList = append(d.ignoreList, ig)
	}
	d.ignoresUsed = make([]atomic.Bool, len(d.ignoreList))
	d.pool.patterns = len(d.patterns)
	return d, nil
}

func configRule(rc RuleConfig) ruleDef {
	re := regexp.MustCompile(rc.Regex) // validated
	group := 0
	if rc.SecretGroup != nil {
		group = *rc.SecretGroup
	} else if re.NumSubexp() > 0 {
		group = 1
	}
	var kws []string
	for _, k := range rc.Keywords {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			kws = append(kws, k)
		}
	}
	if len(kws) == 0 {
		if lit, _ := re.LiteralPrefix(); len(lit) >= 3 {
			kws = []string{strings.ToLower(lit)}
		}
	}
	desc := rc.Description
	if desc == "" {
		desc = "Custom rule " + rc.ID
	}
	help := rc.Help
	if help == "" {
		help = desc + " (a rule of this repository's secret-scan configuration)." + revoke
	}
	return def(rc.ID, desc, help, &pattern{
		keywords:   kws,
		re:         re,
		group:      group,
		minEntropy: rc.Entropy,
		priority:   prioProvider + 2,
		custom:     true,
	})
}

// maxWindow bounds the bytes a pattern examines around one keyword on a very
// long line (minified code, embedded data), and after it for multi-line
// patterns.
const (
	maxContext     = 512 // bytes of a line examined either side of a secret
	maxLineWindow  = 2048
	maxAfterWindow = 64 << 10
)

// Scan returns the findings in f, in order of position. Findings suppressed
// by an inline "secret-scan:allow" or a configured ignore are not returned.
func (d *Detector) Scan(f Fragment) []Finding { return d.scan(f, false) }

// ScanAll is Scan that also returns the suppressed findings, with Suppressed
// saying why, so that a caller can count them.
func (d *Detector) ScanAll(f Fragment) []Finding { return d.scan(f, true) }

func (d *Detector) scan(f Fragment, all bool) []Finding {
	text := f.Text
	startLine := f.StartLine
	if startLine <= 0 {
		startLine = 1
	}
	// Small fragments (the hunks of a history scan) without keywords, the
	// common case, cost one pass and no pool round trip.
	fileOnly := d.fileOnly(f.Path) && !f.TokensOnly
	if len(text) < 1024 && len(d.always) == 0 && !fileOnly && !d.ac.any(text) {
		return nil
	}
	st := d.pool.get()
	defer d.pool.put(st)
	st.hits = d.ac.scan(text, st.hits[:0], &st.streams)
	st.hits = dropMediaHits(text, st.hits)
	always := d.always
	if f.TokensOnly {
		always = d.customAlways
	}
	if len(st.hits) == 0 && len(always) == 0 && !fileOnly {
		return nil
	}
	st.cands = st.cands[:0]
	st.rejected = st.rejected[:0]
	st.exReady = false
	for _, pi := range st.touched {
		st.until[pi] = 0
	}
	st.touched = st.touched[:0]
	st.work, st.limitedAt = 0, -1
	st.runs, st.runNext = [8]nameRun{}, 0
	st.exampleFile = pathMentionsExample(f.Path)
	st.testFile = isTestPath(f.Path)
	st.docFile = isDocPath(f.Path) || translationPath(f.Path)
	st.store = credentialStore(f.Path)
	st.serviceFile = serviceConfigPath(f.Path) || sampleCodePath(f.Path)
	st.path = f.Path

	// Walk the hits line by line, opening or extending each triggered
	// pattern's window: first for the prefix tokens, then for the other
	// patterns, each pass within its budget of work (see workLimit).
	second := d.otherKW
	if f.TokensOnly {
		second = d.tokenKW
	}
	for pass, byKW := range [2][][]int32{d.strongKW, second} {
		d.walk(st, text, startLine, byKW, pass)
	}
	for _, pi := range st.active {
		d.runPattern(st, d.patterns[pi], text, st.pending[pi])
		st.pending[pi] = window{}
	}
	st.active = st.active[:0]
	for _, pi := range always {
		d.runPattern(st, d.patterns[pi], text, window{start: 0, end: len(text), line: startLine})
	}
	if fileOnly {
		for _, pi := range d.byFile {
			if d.patterns[pi].files(f.Path) {
				d.runPattern(st, d.patterns[pi], text, window{start: 0, end: len(text), line: startLine})
			}
		}
	}
	if st.limitedAt >= 0 {
		d.noteLimited(f, st.limitedAt)
	}
	d.workSpent.Add(int64(st.work))
	if len(st.cands) == 0 {
		return nil
	}
	cands := st.cands
	if len(st.rejected) > 0 {
		cands = dropRejected(cands, st.rejected)
	}
	if f.TokensOnly {
		cands = slices.DeleteFunc(cands, func(c candidate) bool {
			return !c.p.strong && !c.p.custom && !holdsKeyword(text[c.start:c.end], c.p.keywords)
		})
	}
	return d.resolve(f, cands, all)
}

// walk runs the patterns of byKW at the keyword hits of text, within the
// budget of work of the given pass.
func (d *Detector) walk(st *scratch, text []byte, startLine int, byKW [][]int32, pass int) {
	limit := st.work + workLimit(pass, len(text))
	st.limit = limit
	lineStart, lineEnd, lineNo, counted := 0, -1, startLine, 0
	for _, h := range st.hits {
		if st.work >= limit {
			// The budget is spent: the rest of the fragment is not read by
			// this pass's patterns.
			st.limitAt(h.end - d.kwLen[h.kw])
			return
		}
		pos := h.end - 1
		if pos >= lineEnd || lineEnd < 0 {
			lineStart = bytes.LastIndexByte(text[:pos], '\n') + 1
			if e := bytes.IndexByte(text[pos:], '\n'); e >= 0 {
				lineEnd = pos + e
			} else {
				lineEnd = len(text)
			}
			lineNo += bytes.Count(text[counted:lineStart], nl)
			counted = lineStart
		}
		for _, pi := range byKW[h.kw] {
			if st.work >= limit {
				st.limitAt(h.end - d.kwLen[h.kw])
				return
			}
			p := d.patterns[pi]
			if p.files != nil && !p.files(st.path) {
				continue
			}
			st.work += p.visitCost
			if p.gate != nil && !p.gate(text[lineStart:], h.end-d.kwLen[h.kw]-lineStart, h.end-lineStart) {
				continue
			}
			if (p.parse != nil || p.named != nil || p.follow != nil || p.anch != nil && p.anch.rest == nil) && h.end-d.kwLen[h.kw] < st.until[pi] {
				continue // inside this pattern's previous match
			}
			if (p.follow != nil || p.named != nil) && midWord(text, h.end-d.kwLen[h.kw], h.end) {
				continue // a provider's name inside another word: atera in lateral
			}
			if p.follow != nil {
				// Read in the window the expression had: to the end of the
				// p.after-th line after the name's.
				ks := h.end - d.kwLen[h.kw]
				full := min(linesAfter(text, lineEnd, p.after), ks+maxAfterWindow)
				if end, vs, ve, ok := p.follow.read(text[:full], ks, p.keywords, &st.work); ok {
					st.setUntil(pi, end)
					d.consider(st, p, text, window{start: ks, end: end, line: lineNo}, text[ks:end],
						[]int{0, end - ks, vs - ks, ve - ks}, &lineCounter{line: lineNo}, true)
				}
				continue
			}
			if p.named != nil {
				ks := h.end - d.kwLen[h.kw]
				id := h.end + min(st.runAfter(&nameChars, text, h.end), namedIdentMax+1)
				if end, vs, ve, ok := p.named.readAt(text, lineEnd, ks, h.end, id, &st.work); ok {
					st.setUntil(pi, end)
					d.consider(st, p, text, window{start: ks, end: end, line: lineNo}, text[ks:end],
						[]int{0, end - ks, vs - ks, ve - ks}, &lineCounter{line: lineNo}, true)
				}
				continue
			}
			if p.parse != nil {
				// A hand-written parser instead of a regular expression:
				// linear however dense the keywords, in the window it is
				// given, which it may read whole (a long line of them).
				ls := max(lineStart, pos-maxLineWindow/2)
				le := min(lineEnd, pos+maxLineWindow/2)
				st.work += costParse + (le - ls)
				if m, ok := p.parse(text[ls:le], h.end-d.kwLen[h.kw]-ls, h.end-ls); ok {
					st.setUntil(pi, ls+m[1])
					d.consider(st, p, text, window{start: ls, end: le, line: lineNo}, text[ls:le], m, &lineCounter{line: lineNo}, true)
				}
				continue
			}
			if a := p.anch; a != nil {
				// A match starts at the keyword: one anchored attempt, which
				// costs what the text around the keyword matches of it.
				ks := h.end - d.kwLen[h.kw]
				as := ks
				if a.back != nil {
					// The run that holds the keyword is the name: the expression
					// reads all of it, so a run longer than any name (a
					// keyword repeated over kilobytes) would cost its length at
					// every hit. Such a run is data, not a credential's name.
					// Hits in the run last measured reuse its ends.
					// Runs are measured once: hits in a run already measured
					// extend it by what is new.
					back := st.runBefore(a.back, text, lineStart, ks)
					if back > maxBackRun || st.runAfter(a.back, text, h.end) > maxBackRun {
						continue
					}
					as = ks - back
				}
				if a.prefix > 0 {
					as = max(lineStart, as-a.prefix-1)
				}
				ae := lineEnd
				if p.after > 0 {
					ae = linesAfter(text, lineEnd, p.after)
				}
				// The attempt stops where the text stops matching: a long line
				// costs nothing, and a long secret (a PEM key in base64) is read
				// whole. Rules that read the lines after the keyword are capped
				// from the keyword too: from the end of its line, a hit early on a
				// generated one-line file would read the rest of it, and every hit
				// would make the scan quadratic.
				ae = min(ae, ks+maxAfterWindow)
				full := ae
				if a.width > 0 {
					// As wide as the longest match: a small input keeps the
					// regexp package on its fastest engine.
					ae = min(ae, ks+a.width+1)
				} else {
					// An expression of unbounded width first reads a line's
					// worth (several for multi-line secrets), which holds
					// nearly every match; one that reaches the cut is decided
					// on the whole window below.
					ae = min(ae, ks+anchoredReach(p))
				}
				// The name runs on past the attempt's end (a keyword
				// repeated): what must follow it is not there.
				hopeless := a.run != nil && st.runUpTo(a.run, text, h.end, ae-h.end) >= ae-h.end && !a.leavesRun(text[as:h.end])
				if !hopeless {
					reach := ae
					if a.width == 0 {
						reach = attemptExtent(text, h.end, ae)
					}
					rate := a.byteCost
					if reach == ae && a.width == 0 && ae-h.end > maxBackRun {
						// No delimiter to end a name or a value within a long reach
						// (a keyword repeated, base64): the expression may keep a
						// thread alive per instruction over all of it.
						rate *= costNFA
					}
					st.work += costAttempt + (reach-as)*rate
					// The bytes an attempt may read are paid for: repeated
					// keywords can keep the engine's threads alive to the end
					// of the window at every hit.
					m := a.match(text[as:ae])
					if m != nil && ae < full && m[1] == ae-as {
						// The match reaches the cut, where $ and \b would hold
						// wrongly: decide on the whole window. It is paid for
						// (a run of token characters reaches the cut at every hit:
						// sb_secret_sb_secret_…), at costNFA times the first
						// attempt's rate: on an input this long the regexp
						// package leaves its backtracker for the slower NFA.
						st.work += (full - ae) * a.byteCost * costNFA
						ae = full
						m = a.match(text[as:ae])
					}
					if m != nil {
						st.setUntil(pi, as+m[1])
						d.consider(st, p, text, window{start: as, end: ae, line: lineNo}, text[as:ae], m, &lineCounter{line: lineNo}, true)
					}
				}
				if a.rest == nil {
					continue
				}
			}
			w := window{start: lineStart, end: lineEnd, line: lineNo}
			if long := w.end-w.start > maxLineWindow; long {
				// A very long line (minified code, data): a window around
				// the keyword only, no neighbouring lines.
				w.start = max(w.start, pos-maxLineWindow/2)
				w.end = min(lineEnd, pos+maxLineWindow/2)
				if p.after > 1 { // a multi-line secret flattened into one line (JSON-escaped PEM)
					w.end = min(lineEnd, pos+maxAfterWindow)
				}
			} else {
				for i := 0; i < p.before && w.start > 0; i++ {
					from := max(0, w.start-1-maxLineWindow)
					j := bytes.LastIndexByte(text[from:w.start-1], '\n')
					if j < 0 && from > 0 {
						break // the previous line is too long to be context
					}
					w.start = from + j + 1
					w.line--
				}
				for i := 0; i < p.after && w.end < len(text); i++ {
					limit := min(len(text), w.end+1+maxLineWindow)
					e := bytes.IndexByte(text[w.end+1:limit], '\n')
					if e < 0 {
						w.end = limit
						break
					}
					w.end += 1 + e
					if w.end-lineEnd > maxAfterWindow {
						break
					}
				}
			}
			pw := &st.pending[pi]
			cost := costAttempt + (w.end-w.start)*p.windowCost
			if pw.open && w.start <= pw.end { // overlapping windows merge: each byte is searched once
				cost = max(0, w.end-pw.end) * p.windowCost
			}
			st.work += cost
			if pw.open && w.start <= pw.end {
				pw.end = max(pw.end, w.end)
				continue
			}
			if pw.open {
				d.runPattern(st, p, text, *pw)
			} else {
				st.active = append(st.active, pi)
			}
			*pw = window{start: w.start, end: w.end, line: w.line, open: true}
		}
	}
}

// nameRun is a run of name characters, text[s:e], all in set; sOpen and
// eOpen say that it was not measured to its natural start or end.
type nameRun struct {
	set          *[256]bool
	s, e         int
	sOpen, eOpen bool
}

// run returns the measured run of set that holds offset at (at its ends
// included), or a new empty one there.
func (st *scratch) run(set *[256]bool, at int) *nameRun {
	for i := range st.runs {
		if r := &st.runs[i]; r.set == set && r.s <= at && at <= r.e {
			return r
		}
	}
	r := &st.runs[st.runNext]
	st.runNext = (st.runNext + 1) % len(st.runs)
	*r = nameRun{set: set, s: at, e: at, sOpen: true, eOpen: true}
	return r
}

// runBefore returns how many name characters of set end at offset at, up to
// maxBackRun+1 (a run that long is data), measuring only what is not known
// yet. A run does not cross lineStart. The bytes read are paid for.
func (st *scratch) runBefore(set *[256]bool, text []byte, lineStart, at int) int {
	r := st.run(set, at)
	if r.sOpen && at-r.s <= maxBackRun {
		i := r.s
		for i > lineStart && at-i <= maxBackRun && set[text[i-1]] {
			i--
		}
		st.work += (r.s - i) / 4
		r.sOpen = at-i > maxBackRun
		r.s = i
	}
	return at - r.s
}

// runAfter is runBefore for the name characters that start at offset at.
func (st *scratch) runAfter(set *[256]bool, text []byte, at int) int {
	return st.runUpTo(set, text, at, maxBackRun)
}

// runUpTo returns how many characters of set start at offset at, up to
// limit+1.
func (st *scratch) runUpTo(set *[256]bool, text []byte, at, limit int) int {
	r := st.run(set, at)
	if r.eOpen && r.e-at <= limit {
		i := r.e
		for i < len(text) && i-at <= limit && set[text[i]] {
			i++
		}
		st.work += (i - r.e) / 4
		r.eOpen = i-at > limit
		r.e = i
	}
	return r.e - at
}

// Worst-case speed. Keyword hits are what a scan spends its time on, and
// text packed with keywords (generated, minified, hostile) can hold one every
// few bytes, each running dozens of patterns. Each fragment therefore gets a
// budget of work in proportion to its size, counted deterministically so that
// the same text always gets the same findings: a pattern's visit of a hit and
// what its gate reads, each expression run, each byte of a windowed search.
// The units are calibrated on BenchmarkScanAdversarial,
// BenchmarkScanKeywordRepeats and BenchmarkScanEveryKeyword at a few
// nanoseconds each; where an engine's cost grows with the input (the NFA
// past the backtracker's length, an attempt with no delimiter in reach) the
// bytes cost more. Two passes share
// the fragment: the prefix tokens first (ghp_, AKIA, xoxb-…: short bounded
// expressions), then every other pattern, each with its own budget. Ordinary
// text spends a small part of it (source code under 0.1 unit a byte, a .env
// file of credentials about 40); when a pass's budget is spent, the rest of the
// fragment is not read by that pass's patterns, and the detector records that
// the fragment was limited (see Limits) so that the action says so.
const (
	costAttempt   = 400 // an expression run at one hit
	costParse     = 300 // the generic rule's parser
	costConsider  = 300 // a match's filters (entropy, stand-ins, context)
	costGateBytes = 2   // bytes a gate may read per unit
	costNFA       = 4   // a byte read by the NFA, against one read by the backtracker
)

var (
	workBase    = [2]int{1 << 19, 5 << 20}
	workPerByte = [2]int{1, 4}
)

// backtrackLen is the longest input on which the regexp package runs the
// expression of tree with its backtracker (its maxBacktrackVector bits
// over the program's size); 0 for a program too large for it.
func backtrackLen(tree *syntax.Regexp) int {
	if n := progSize(tree); n <= 500 {
		return 256 * 1024 / n
	}
	return 0
}

// attemptExtent estimates where an anchored attempt of unbounded width that
// starts before end stops reading: a name, a separator and a value do not run
// past the second delimiter (space, quote, bracket, comma…) after the keyword,
// give or take a value's length. Text without delimiters (a keyword repeated,
// base64) is paid for up to the window's end.
func attemptExtent(text []byte, end, limit int) int {
	seen := 0
	for i := end; i < limit; i++ {
		switch text[i] {
		case ' ', '\t', '\n', '\r', '"', '\'', '`', ',', ';', '(', ')', '{', '}', '[', ']', '<', '>':
			if seen++; seen == 2 {
				return min(limit, i+64)
			}
		}
	}
	return limit
}

// anchoredReach is how far from the keyword an anchored expression of
// unbounded width first reads.
func anchoredReach(p *pattern) int {
	if p.after > 0 {
		return 4 * maxLineWindow
	}
	return maxLineWindow
}

// workLimit is the budget of a pass over a fragment of n bytes: the fixed
// part for small files, which lets a dense .env or key file be read whole,
// or the part in proportion to its size, whichever is larger. The two are
// not added: a file of a few MiB would get both, and its worst case would
// fall below the aimed-for speed.
func workLimit(pass, n int) int { return max(workBase[pass], workPerByte[pass]*n) }

// Limited is a fragment that the detector read only in part, because its
// keywords were too dense for the budget of work its size allows.
type Limited struct {
	Path string
	// Line is where the fragment stopped being read by every rule.
	Line int
}

// maxLimited bounds the limited fragments remembered; Limits counts all.
const maxLimited = 100

func (d *Detector) noteLimited(f Fragment, at int) {
	line := max(f.StartLine, 1) + bytes.Count(f.Text[:at], nl)
	d.limitedMu.Lock()
	defer d.limitedMu.Unlock()
	d.nLimited++
	if len(d.limited) < maxLimited {
		d.limited = append(d.limited, Limited{Path: f.Path, Line: line})
	}
}

// Limits returns the fragments scanned so far that were read only in part
// (at most maxLimited of them, in the order found) and how many there were.
func (d *Detector) Limits() ([]Limited, int) {
	d.limitedMu.Lock()
	defer d.limitedMu.Unlock()
	return append([]Limited(nil), d.limited...), d.nLimited
}

// dropMediaHits removes the keyword hits inside base64 data URIs of images
// and fonts (data:image/png;base64,…, data:font/woff2;base64,…): SVG, CSS
// and HTML files embed them by the hundred kilobytes, chance spells keywords
// in them, and no credential is an image.
func dropMediaHits(text []byte, hits []hit) []hit {
	if len(hits) == 0 || !bytes.Contains(text, []byte(";base64,")) {
		return hits
	}
	var spans []span
	for off := 0; ; {
		i := bytes.Index(text[off:], []byte(";base64,"))
		if i < 0 {
			break
		}
		i += off
		off = i + 8
		head := text[max(0, i-80):i]
		d := bytes.LastIndex(head, []byte("data:"))
		if d < 0 {
			continue
		}
		mt := head[d+5:]
		if !bytes.HasPrefix(mt, []byte("image/")) && !bytes.HasPrefix(mt, []byte("font/")) &&
			!bytes.HasPrefix(mt, []byte("application/font")) && !bytes.HasPrefix(mt, []byte("application/x-font")) {
			continue
		}
		e := off
		for e < len(text) && (isAlnum(text[e]) || text[e] == '+' || text[e] == '/' || text[e] == '=') {
			e++
		}
		if e-off >= 64 {
			spans = append(spans, span{off, e})
		}
		off = e
	}
	if len(spans) == 0 {
		return hits
	}
	kept, k := hits[:0], 0
	for _, h := range hits {
		for k < len(spans) && spans[k].end < h.end {
			k++
		}
		if k < len(spans) && spans[k].start < h.end && h.end <= spans[k].end {
			continue
		}
		kept = append(kept, h)
	}
	return kept
}

// dropRejected removes the candidates of rules below provider priority that
// overlap a value a provider rule rejected.
func dropRejected(cands []candidate, rejected []span) []candidate {
	sort.Slice(rejected, func(i, j int) bool { return rejected[i].start < rejected[j].start })
	// Merge into disjoint spans, then look each candidate up by binary search.
	merged := rejected[:1]
	for _, r := range rejected[1:] {
		last := &merged[len(merged)-1]
		if r.start <= last.end {
			last.end = max(last.end, r.end)
			continue
		}
		merged = append(merged, r)
	}
	kept := cands[:0]
	for _, c := range cands {
		if c.p.priority < prioProvider {
			// The first merged span ending after c starts; it overlaps c if it
			// starts before c ends.
			i := sort.Search(len(merged), func(i int) bool { return merged[i].end > c.start })
			if i < len(merged) && merged[i].start < c.end {
				continue
			}
		}
		kept = append(kept, c)
	}
	return kept
}

var nl = []byte{'\n'}

// linesAfter returns the end of the n-th line after the line ending at
// lineEnd, at most maxAfterWindow bytes further and maxLineWindow bytes a
// line.
func linesAfter(text []byte, lineEnd, n int) int {
	end := lineEnd
	for i := 0; i < n && end < len(text); i++ {
		limit := min(len(text), end+1+maxLineWindow)
		e := bytes.IndexByte(text[end+1:limit], '\n')
		if e < 0 {
			return limit
		}
		end += 1 + e
		if end-lineEnd > maxAfterWindow {
			break
		}
	}
	return end
}

func lineStartOf(text []byte, pos int) int {
	return bytes.LastIndexByte(text[:pos], '\n') + 1
}

// runPattern runs one pattern's regex over a window and records the
// candidates that pass its filters.
func (d *Detector) runPattern(st *scratch, p *pattern, text []byte, w window) {
	win := text[w.start:w.end]
	if a := p.anch; a != nil && a.restLits != nil {
		found := false
		for _, l := range a.restLits {
			if indexFold(win, l) >= 0 {
				found = true
				break
			}
		}
		if !found {
			return // no branch that the anchored attempts miss can match here
		}
	}
	if p.anchor != nil {
		win = st.payNFA(win, w.start, p.windowBT, p.windowCost)
		if !p.anchor.Match(win) {
			return
		}
	}
	re := p.re
	if re == nil && p.lazy != nil {
		re = p.lazy.get()
	}
	if sh := p.shape; sh != nil {
		// Search only around the runs of the secret's characters that are
		// long enough to hold it: a plain byte loop over the window instead
		// of the expression.
		line, counted := w.line, 0
		for i := 0; i < len(win); {
			for i < len(win) && !sh.set[win[i]] {
				i++
			}
			j := i
			for j < len(win) && sh.set[win[j]] {
				j++
			}
			if j-i < sh.min {
				i = j
				continue
			}
			ss, se := max(0, i-shapeBefore), min(len(win), j+shapeAfter)
			// Merge with the following runs whose context overlaps.
			for k := j; k < len(win) && k < se; {
				for k < len(win) && !sh.set[win[k]] {
					k++
				}
				e := k
				for e < len(win) && sh.set[win[e]] {
					e++
				}
				if e-k >= sh.min && k < se {
					se = min(len(win), e+shapeAfter)
				}
				j, k = max(j, e), e
			}
			line += bytes.Count(win[counted:ss], nl)
			counted = ss
			sub := window{start: w.start + ss, end: w.start + se, line: line}
			// A run this long (a keyword repeated, base64) is searched by
			// the NFA.
			swin := st.payNFA(text[sub.start:sub.end], sub.start, p.runBT, p.windowCost)
			if len(swin) < sub.end-sub.start {
				sub.end = sub.start + len(swin)
				se = sub.end - w.start
				i = len(win) // the rest of the window is not searched
			}
			lc := lineCounter{line: line}
			for _, m := range re.FindAllSubmatchIndex(swin, -1) {
				d.consider(st, p, text, sub, swin, m, &lc, false)
			}
			i = max(i, se)
		}
		return
	}
	if p.anchor == nil {
		win = st.payNFA(win, w.start, p.runBT, p.windowCost)
	}
	w.end = w.start + len(win)
	lc := lineCounter{line: w.line}
	for _, m := range re.FindAllSubmatchIndex(win, -1) {
		d.consider(st, p, text, w, win, m, &lc, false)
	}
}

// payNFA pays for searching win (at offset start) with an expression that
// the regexp package runs on its backtracker up to bt bytes and on its NFA
// past them, which keeps a thread alive per instruction that the text
// matches (a window merged over a keyword-dense run): the bytes past bt cost
// costNFA times the window's rate. What the pass's budget does not cover is
// not searched: win is returned cut, and the fragment marked limited there.
// The search is paid for here, where it runs, rather than when the window
// opens, since a cheaper check often decides a window first.
func (st *scratch) payNFA(win []byte, start, bt, cost int) []byte {
	long := len(win) - bt
	if long <= 0 {
		return win
	}
	rate := (costNFA - 1) * cost
	if st.work+long*rate <= st.limit {
		st.work += long * rate
		return win
	}
	cut := max(0, st.limit-st.work) / rate
	st.work = max(st.work, st.limit)
	st.limitAt(start + bt + cut)
	return win[:bt+cut]
}

// The context a windowed pattern's expression gets around a run that can
// hold its secret: the name and separator before it, a delimiter after.
const (
	shapeBefore = 256
	shapeAfter  = 256
)

// lineCounter turns offsets of a window, visited in order, into line numbers.
type lineCounter struct {
	at, line int // newlines counted up to offset at
}

// consider records the match m (submatch offsets in win = text[w.start:w.end])
// of pattern p as a candidate if it passes the pattern's filters.
//
// hitOnLine says that the keyword hit that found m is on the secret's line.
func (d *Detector) consider(st *scratch, p *pattern, text []byte, w window, win []byte, m []int, lc *lineCounter, hitOnLine bool) {
	st.work += costConsider
	{
		s, e := m[2*p.group], m[2*p.group+1]
		if s < 0 || e <= s {
			return
		}
		if p.nameGroup > 0 {
			if e < len(win) && (win[e] == '(' || win[e] == '{') {
				return // a call or a literal: token = makeToken(...), token := yaml_token_t{
			}
			if typedName(win, m[2*p.nameGroup+1], s, e) {
				return // a type: password: Optional[str] = None, secret: _NotSet = ...
			}
			if e < len(win) && (win[e] == ',' || win[e] == ')' || win[e] == ';') && (s == 0 || !quoteChar(win[s-1])) &&
				codeExts[path.Ext(st.path)] && codeIdentifier(win[s:e]) {
				return // an identifier of code, in a language whose strings are quoted: PrivateKey: ed25519Key,
			}
			if i := formPairAt(win[s:e]); i > 0 {
				e = s + i // a form body or query string: token=…&team_id=…
			}
			if ns := w.start + m[2*p.nameGroup]; ns > 0 && (text[ns-1] == '?' || text[ns-1] == '&') {
				// A URL query parameter: the value ends at the next parameter.
				if i := bytes.IndexAny(win[s:e], "&#"); i >= 0 {
					e = s + i
				}
				before := text[max(0, ns-maxContext):ns]
				if e-s < 8 || bytes.Contains(before, []byte(".svg?")) || bytes.Contains(before, []byte("/badge")) ||
					bytes.Contains(before, []byte("shields.io/")) {
					return // too short, or a public badge token
				}
			}
		}
		if p.bound {
			as, ae := w.start+s, w.start+e
			if as > 0 && isTokenChar(text[as-1]) || ae < len(text) && isTokenChar(text[ae]) {
				return
			}
		}
		secret := win[s:e]
		// The secret's line, at most maxContext bytes either side of it (from
		// the text: an anchored window starts at the keyword).
		as := w.start + s
		ls := max(0, as-maxContext)
		if i := bytes.LastIndexByte(text[ls:as], '\n'); i >= 0 {
			ls += i + 1
		}
		le := min(len(text), w.start+e+maxContext)
		if i := bytes.IndexByte(text[as:le], '\n'); i >= 0 {
			le = as + i
		}
		lineText := text[ls:le]
		if st.exampleFile || !d.accept(p, m, win, secret, lineText, st.exampleIn(text, ls, le), st.store) ||
			isPasswordOf(p, m, win) && passwordRepeatsLogin(p, m, win, string(secret), lineText, nearLines(text, ls, le, 3)) ||
			p.testStrict && st.testFile && !strongInTests(string(secret)) {
			if p.priority >= prioProvider && !p.ownShape {
				st.rejected = append(st.rejected, span{w.start + s, w.start + e})
			}
			return
		}
		// Documentation and sample code show typed passwords to illustrate
		// (a connection string or a .pypirc in a README, whichever rule
		// reads it), and CI, compose and container files type them for
		// throwaway service containers (an MSSQL SA_PASSWORD): only
		// generated ones leak there. A credential store (docker/pip.conf)
		// holds logins wherever it is. Words typed as a password
		// (0ct0c4tz4ev3r!, s00pers3cret) look random to looksRandom; in
		// documentation they illustrate too, also in the formats of
		// credential stores (a .netrc line).
		if (st.docFile || st.serviceFile && p.priority < prioProvider) && isPasswordOf(p, m, win) &&
			(st.store == storeNone && !looksRandom(string(secret), 8) || st.docFile && typedWords(string(secret))) {
			return
		}
		if st.docFile && weakKeyJWT(string(secret)) {
			return // a tutorial's token, signed with a key anyone can guess
		}
		if (st.docFile || sampleCodePath(st.path)) && (p.rule.ID == "password-hash" ||
			isPasswordOf(p, m, win) && hexDigest(string(secret)) && userElement(lineText)) {
			// The hashes of a sample's or a page's demo users (rod/koala in
			// Spring Security's samples): hashes of passwords typed to show one.
			return
		}
		if p.priority < prioProvider {
			// Values of unknown format: public client keys, status badge
			// tokens and the examples of documentation are not leaks.
			abs := w.start + s
			before := text[max(0, abs-maxContext):abs]
			if publicKeyContext(before) || badgeURL(before) || st.docFile && docExampleBlock(text[max(0, abs-4*maxContext):abs]) {
				return
			}
			if st.docFile && besideKnownExample(text[max(0, ls-2*maxContext):min(len(text), le+maxContext)]) {
				return // shown with a vendor's documented example: part of the example
			}
			if st.docFile && (keyboardPatched(string(secret)) || countingDown(string(secret), 6)) {
				return // a token with parts typed over on the keyboard, or counted down
			}
			if ae := w.start + e; ae <= le && st.docFile && generateComment(text[ae:le]) {
				return // documentation that tells the reader to make their own
			}
			if ae := w.start + e; ae <= le && searchOnlyComment(text[ae:le]) ||
				p.nameGroup > 0 && docSearchKey(string(win[m[2*p.nameGroup]:m[2*p.nameGroup+1]]), text, abs) {
				return // a search-only key, public by design
			}
			if d.valueNoise(st, p, text, abs, string(secret)) {
				return
			}
		}
		if abs := ls; abs > 0 && text[abs-1] == '\n' {
			prev := max(0, abs-1-maxContext)
			if i := bytes.LastIndexByte(text[prev:abs-1], '\n'); i >= 0 {
				prev += i + 1
			}
			if st.exampleComment(text, prev, abs-1) {
				return
			}
		}
		sameLine := hitOnLine
		for k := 0; !sameLine && k < len(p.keywords); k++ {
			sameLine = indexFold(lineText, p.keywords[k]) >= 0
		}
		if s >= lc.at {
			lc.line += bytes.Count(win[lc.at:s], nl)
			lc.at = s
		} else {
			lc.line, lc.at = w.line+bytes.Count(win[:s], nl), s
		}
		st.cands = append(st.cands, candidate{
			p: p, start: w.start + s, end: w.start + e,
			line:     lc.line,
			sameLine: sameLine,
		})
	}
}

func (d *Detector) accept(p *pattern, m []int, win, secretB, line []byte, example bool, store storeKind) bool {
	secret := string(secretB)
	if store != storeNone && !example && isPasswordOf(p, m, win) && storeCheck(store, secret) {
		return true // a login in a credential store: reported whatever its strength
	}
	if store != storeNone && !example && p.userPass {
		if pw, ok := basicAuthPassword(secret); ok && storeCheck(store, pw) {
			return true
		}
	}
	if p.minEntropy > 0 && entropy(secret) < p.minEntropy {
		return false
	}
	if !p.noPlaceholder && isPlaceholder(secret) {
		return false
	}
	if example { // the line calls itself an example
		return false
	}
	if p.nameGroup > 0 && m[2*p.nameGroup] >= 0 {
		name := string(win[m[2*p.nameGroup]:m[2*p.nameGroup+1]])
		if genericNameIgnored(name) || valueRepeatsName(secret, name) || credentialRef(name, secret) {
			return false
		}
	}
	if (p.named != nil || p.follow != nil) && (nameShaped(secret) || providerName(secret, p.keywords) || identAfterName(secret) || optionFlag(secret)) {
		// A name after a provider's name: NexmoCredentials,
		// BrowserStackReporter, a hook named codeportingcsharp2java in a
		// list after "bugherd".
		return false
	}
	if p.check != nil && !p.check(secret, line) {
		return false
	}
	return !publishedKey(secret)
}

// isPasswordOf reports whether the secret of match m is a login password:
// the pattern says so, or the name it read is a password's.
func isPasswordOf(p *pattern, m []int, win []byte) bool {
	if p.password {
		return true
	}
	if p.nameGroup > 0 && m[2*p.nameGroup] >= 0 {
		name := string(win[m[2*p.nameGroup]:m[2*p.nameGroup+1]])
		return passwordName(name) && !genericNameIgnored(name)
	}
	return false
}

// passwordRepeatsLogin reports whether the password of match m repeats a
// user or database name on its line or the lines near it, or the name it
// is assigned to (see repeatsLogin, repeatsVarName): the throwaway login of
// a test database (User ID=x;Password=x), in a credential store too.
func passwordRepeatsLogin(p *pattern, m []int, win []byte, secret string, line, near []byte) bool {
	if p.nameGroup > 0 && m[2*p.nameGroup] >= 0 && repeatsVarName(secret, string(win[m[2*p.nameGroup]:m[2*p.nameGroup+1]])) {
		return true
	}
	return repeatsLogin(secret, line, near)
}

// fileOnly reports whether a pattern restricted to some files, without
// keywords, runs on path.
func (d *Detector) fileOnly(path string) bool {
	for _, pi := range d.byFile {
		if d.patterns[pi].files(path) {
			return true
		}
	}
	return false
}

// resolve drops overlapping candidates (the more specific rule wins),
// duplicates from overlapping windows, allowed lines and ignored
// fingerprints, and builds the findings.
func (d *Detector) resolve(f Fragment, cands []candidate, all bool) []Finding {
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.start != b.start {
			return a.start < b.start
		}
		return better(a, b)
	})
	kept := cands[:0:0]
	maxEnd := 0
	for _, c := range cands {
		if c.start >= maxEnd { // overlaps nothing kept so far
			kept = append(kept, c)
			maxEnd = c.end
			continue
		}
		replaced := false
		overlapped := false
		for k := len(kept) - 1; k >= 0; k-- {
			o := &kept[k]
			if o.end <= c.start {
				break // kept findings do not overlap each other: earlier ones end earlier
			}
			overlapped = true
			if !replaced && better(c, *o) {
				*o = c
				replaced = true
			}
		}
		if !overlapped {
			kept = append(kept, c)
		}
		maxEnd = max(maxEnd, c.end)
	}
	// Replacement can leave equal entries next to each other.
	var out []Finding
	text := f.Text
	testPath := isTestPath(f.Path)
	ls, scanned := 0, 0 // line start of the previous finding; bytes searched for newlines
	for i, c := range kept {
		if i > 0 && kept[i-1].start == c.start && kept[i-1].end == c.end && kept[i-1].p == c.p {
			continue
		}
		// Findings are (nearly always) in order: search only the bytes since
		// the last one.
		if c.start < scanned {
			ls, scanned = lineStartOf(text, c.start), c.start
		}
		if j := bytes.LastIndexByte(text[scanned:c.start], '\n'); j >= 0 {
			ls = scanned + j + 1
		}
		scanned = c.start
		le := bytes.IndexByte(text[c.start:min(len(text), c.end+maxContext)], '\n')
		if le < 0 {
			le = min(len(text), c.end+maxContext)
		} else {
			le += c.start
		}
		var why Suppression
		if allowedInline(text[max(ls, c.start-maxContext):le]) {
			why = AllowedInline
		}
		secret := string(text[c.start:c.end])
		fp := Fingerprint(c.p.rule.ID, secret)
		if idx, ok := d.ignores[fp]; ok && why == "" {
			d.ignoresUsed[idx].Store(true)
			why = IgnoredFingerprint
		}
		if why != "" && !all {
			continue
		}
		out = append(out, Finding{
			Suppressed:  why,
			RuleID:      c.p.rule.ID,
			Description: c.p.rule.Description,
			Path:        f.Path,
			Line:        c.line,
			Column:      c.start - ls + 1,
			Secret:      secret,
			Fingerprint: fp,
			InTestPath:  testPath,
		})
	}
	return out
}

// better reports whether candidate a should be reported instead of an
// overlapping b.
func better(a, b candidate) bool {
	if a.p.priority != b.p.priority {
		return a.p.priority > b.p.priority
	}
	if a.sameLine != b.sameLine {
		return a.sameLine
	}
	if a.end-a.start != b.end-b.start {
		return a.end-a.start > b.end-b.start
	}
	return a.p.rule.ID < b.p.rule.ID
}

// allowedInline reports whether a line carries an inline allow marker: ours,
// or the one of gitleaks or detect-secrets, so that a repository moving
// from either keeps the lines its reviewers already accepted.
func allowedInline(line []byte) bool {
	return bytes.Contains(line, []byte("secret-scan:allow")) || bytes.Contains(line, []byte("gitleaks:allow")) ||
		bytes.Contains(line, []byte("pragma: allowlist secret"))
}

// Rules returns the enabled rules, built-in and extra, sorted by ID.
func (d *Detector) Rules() []Rule {
	out := make([]Rule, 0, len(d.rules))
	for _, r := range d.rules {
		rr := *r
		rr.Keywords = append([]string(nil), r.Keywords...)
		out = append(out, rr)
	}
	return out
}

// SkipPath reports whether files at path (slash-separated, relative to the
// repository root) are never scanned: lockfiles, vendored dependencies,
// binary formats and the configured allow-paths.
func (d *Detector) SkipPath(path string) bool {
	return d.paths.skip(path)
}

// UnusedIgnores returns the configured fingerprint ignores that have not
// suppressed any finding so far, in configuration order.
func (d *Detector) UnusedIgnores() []string {
	var out []string
	for i, ig := range d.ignoreList {
		if !d.ignoresUsed[i].Load() {
			out = append(out, ig)
		}
	}
	return out
}

// exampleWords are the words by which a line calls itself an example.
var exampleWords = [...]string{"example", "placeholder", "dummy", "sample"}

// exampleIn reports whether text[from:to] mentions an example as
// mentionsExample does.
func (st *scratch) exampleIn(text []byte, from, to int) bool {
	if !st.exReady {
		st.findExamples(text)
	}
	i := sort.SearchInts(st.exAt, from)
	for ; i < len(st.exAt) && st.exAt[i] < to; i++ {
		if st.exEnd[i] > to {
			continue
		}
		s, e := st.exAt[i], st.exEnd[i]
		prev, next := byte(' '), byte(' ')
		if s > from {
			prev = text[s-1]
		}
		if e < to {
			next = text[e]
		}
		if prev != '.' && prev != '@' && next != '.' && next != '@' && prev != '/' {
			return true
		}
	}
	return false
}

func (st *scratch) findExamples(text []byte) {
	st.exAt, st.exEnd = st.exAt[:0], st.exEnd[:0]
	type occ struct{ s, e int }
	var all []occ
	for _, w := range exampleWords {
		for off := 0; ; {
			i := indexFold(text[off:], w)
			if i < 0 {
				break
			}
			all = append(all, occ{off + i, off + i + len(w)})
			off += i + len(w)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].s < all[j].s })
	for _, o := range all {
		st.exAt = append(st.exAt, o.s)
		st.exEnd = append(st.exEnd, o.e)
	}
	st.exReady = true
}

// exampleComment is exampleComment for the line text[from:to].
func (st *scratch) exampleComment(text []byte, from, to int) bool {
	t := text[from:to]
	lead := len(t) - len(bytes.TrimLeft(t, " \t\r\v\f"))
	t = bytes.TrimSpace(t)
	for _, c := range [...]string{"#", "//", "/*", "*", "--", ";", "<!--", "rem ", "REM "} {
		if bytes.HasPrefix(t, []byte(c)) {
			return st.exampleIn(text, from+lead, from+lead+len(t))
		}
	}
	return false
}

// limitAt records that the budget kept a pattern from the hit at offset at.
func (st *scratch) limitAt(at int) {
	if st.limitedAt < 0 || at < st.limitedAt {
		st.limitedAt = at
	}
}

func (st *scratch) setUntil(pi int32, end int) {
	if st.until[pi] == 0 {
		st.touched = append(st.touched, pi)
	}
	st.until[pi] = end
}

// source returns the pattern's expression source ("" for a reader in code).
func (p *pattern) source() string {
	if p.re != nil {
		return p.re.String()
	}
	return p.src
}

// keywordInSecret reports whether the source of an expression spells kw
// (ignoring case and escapes) inside the submatch that holds the secret:
// AKIA in \b((?:AKIA|ASIA)[A-Z2-7]{16})\b, PRIVATE KEY in a PEM block's
// expression. A keyword before the group (a provider's name) does not count.
func keywordInSecret(src string, group int, kw string) bool {
	sub := src
	if group > 0 {
		sub = captureSource(src, group)
	}
	return indexFold([]byte(strings.ReplaceAll(sub, `\`, "")), kw) >= 0
}

// captureSource returns the source text of the n-th capturing group of a
// regular expression's source, or "" when it has fewer. The source is read
// rather than the parsed tree (findCapture): the parser factors
// alternations, so (?:AKIA|ASIA) becomes A(?:KIA|SIA) and no literal of the
// tree spells the keyword any more.
func captureSource(src string, n int) string {
	depth, seen := 0, 0
	var open []int  // source offsets of the open groups' contents
	var capt []bool // whether each open group captures
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\':
			i++
		case c == '[':
			// A class: up to its closing bracket (a ] first in it is literal).
			j := i + 1
			if j < len(src) && src[j] == '^' {
				j++
			}
			if j < len(src) && src[j] == ']' {
				j++
			}
			for ; j < len(src) && src[j] != ']'; j++ {
				if src[j] == '\\' {
					j++
				}
			}
			i = j
		case c == '(':
			capturing := !strings.HasPrefix(src[i:], "(?") || strings.HasPrefix(src[i:], "(?P<") || strings.HasPrefix(src[i:], "(?<")
			if capturing {
				seen++
			}
			open, capt = append(open, i+1), append(capt, capturing && seen == n)
			depth++
		case c == ')' && depth > 0:
			depth--
			start, mine := open[depth], capt[depth]
			open, capt = open[:depth], capt[:depth]
			if mine {
				return src[start:i]
			}
		}
	}
	return ""
}

// holdsKeyword reports whether a secret spells one of its pattern's keywords
// itself (AKIA, PRIVATE KEY, hooks.slack.com): its format is what found it,
// not a name or a key ID on the lines around it.
func holdsKeyword(secret []byte, keywords []string) bool {
	for _, k := range keywords {
		if indexFold(secret, k) >= 0 {
			return true
		}
	}
	return false
}
