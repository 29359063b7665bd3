package secrets

import (
	"crypto/md5"
	"strings"
)

// Test vectors of password hashing: a crypt hash printed beside the plain
// text it is the hash of (('pass', '$1$…'), a library's self-test or a
// contrib module's doctest). Whoever reads the line has the password
// already; the hash discloses nothing more. The hash is recomputed from
// each quoted string of its line, so a hash beside any other text (a user
// name, a comment) is still reported.

// crypt64 is the alphabet of the crypt formats' base64.
const crypt64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// md5Crypt computes the MD5-based crypt of pw with salt (at most eight
// characters) and magic ("$1$", or "$apr1$" for Apache's variant), in the
// form magic + salt + "$" + 22 characters.
func md5Crypt(pw, salt, magic string) string {
	if len(salt) > 8 {
		salt = salt[:8]
	}
	alt := md5.Sum([]byte(pw + salt + pw))
	h := md5.New()
	h.Write([]byte(pw + magic + salt))
	for n := len(pw); n > 0; n -= 16 {
		h.Write(alt[:min(16, n)])
	}
	for n := len(pw); n > 0; n >>= 1 {
		if n&1 != 0 {
			h.Write([]byte{0})
		} else {
			h.Write([]byte{pw[0]})
		}
	}
	sum := h.Sum(nil)
	for i := range 1000 {
		r := md5.New()
		if i&1 != 0 {
			r.Write([]byte(pw))
		} else {
			r.Write(sum)
		}
		if i%3 != 0 {
			r.Write([]byte(salt))
		}
		if i%7 != 0 {
			r.Write([]byte(pw))
		}
		if i&1 != 0 {
			r.Write(sum)
		} else {
			r.Write([]byte(pw))
		}
		sum = r.Sum(nil)
	}
	var b strings.Builder
	b.WriteString(magic + salt + "$")
	put := func(v uint32, n int) {
		for ; n > 0; n-- {
			b.WriteByte(crypt64[v&0x3f])
			v >>= 6
		}
	}
	for _, g := range [][3]int{{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}} {
		put(uint32(sum[g[0]])<<16|uint32(sum[g[1]])<<8|uint32(sum[g[2]]), 4)
	}
	put(uint32(sum[11]), 2)
	return b.String()
}

// hashOfLineText reports whether the MD5 crypt hash h ($1$ or $apr1$) is
// the hash of one of the quoted strings of line: a test vector.
func hashOfLineText(h string, line []byte) bool {
	magic := ""
	for _, m := range []string{"$1$", "$apr1$"} {
		if strings.HasPrefix(h, m) {
			magic = m
		}
	}
	if magic == "" {
		return false
	}
	salt, _, ok := strings.Cut(h[len(magic):], "$")
	if !ok {
		return false
	}
	tries := 0
	for _, s := range quotedStrings(string(line)) {
		if s == h || len(s) > 64 || strings.Contains(s, h) {
			continue
		}
		if tries++; tries > 8 {
			break // a line of many strings: not a pair of test vector
		}
		if md5Crypt(s, salt, magic) == h {
			return true
		}
	}
	return false
}

// quotedStrings returns the contents of the strings quoted with ' or " on
// line, without unescaping them.
func quotedStrings(line string) []string {
	var out []string
	for i := 0; i < len(line); i++ {
		q := line[i]
		if q != '\'' && q != '"' {
			continue
		}
		j := i + 1
		for j < len(line) && line[j] != q {
			if line[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(line) {
			break
		}
		out = append(out, line[i+1:j])
		i = j
	}
	return out
}
