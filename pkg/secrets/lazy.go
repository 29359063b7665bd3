package secrets

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled at its first use. Most rules
// never run on a given repository (a provider's name never occurs in it),
// and a compiled expression costs about 60 bytes of heap per instruction:
// compiling them all at start-up made the detector's heap 30 to 40 MB, the
// larger part of a small history's scan.
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

func newLazyRegexp(src string) *lazyRegexp { return &lazyRegexp{src: src} }

// get returns the compiled expression. The source is valid: it was checked
// when the plan or reader that holds it was made (see the tests).
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}
