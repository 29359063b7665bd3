package main

import (
	"encoding/base64"
	"hash/crc32"
	"math/rand/v2"
	"strings"
)

// Made-up, format-valid credentials for tests: they match the rules (checksums included) and
// belong to nobody.

const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

type fakes struct{ r *rand.Rand }

func newFakes(seed uint64) *fakes {
	return &fakes{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (f *fakes) pick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[f.r.IntN(len(alphabet))]
	}
	return string(b)
}

func checksum62(s string) string {
	v := crc32.ChecksumIEEE([]byte(s))
	var b [6]byte
	for i := 5; i >= 0; i-- {
		b[i] = alnum[v%62]
		v /= 62
	}
	return string(b[:])
}

func (f *fakes) githubToken() string {
	body := f.pick(alnum, 30)
	return "ghp_" + body + checksum62(body)
}

func (f *fakes) npmToken() string {
	body := f.pick(alnum, 30)
	return "npm_" + body + checksum62(body)
}

func (f *fakes) awsKeyID() string { return "AKIA" + f.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) }

func (f *fakes) stripeKey() string { return "sk_live_" + f.pick(alnum, 32) }

func (f *fakes) slackBot() string {
	return "xoxb-" + f.pick("0123456789", 12) + "-" + f.pick("0123456789", 13) + "-" + f.pick(alnum, 24)
}

// privateKey returns a PEM block whose body is random bytes.
func (f *fakes) privateKey() string {
	raw := make([]byte, 600)
	for i := range raw {
		raw[i] = byte(f.r.IntN(256))
	}
	body := base64.StdEncoding.EncodeToString(raw)
	var lines []string
	for len(body) > 64 {
		lines = append(lines, body[:64])
		body = body[64:]
	}
	lines = append(lines, body)
	return "-----BEGIN RSA PRIVATE KEY-----\n" + strings.Join(lines, "\n") + "\n-----END RSA PRIVATE KEY-----"
}
