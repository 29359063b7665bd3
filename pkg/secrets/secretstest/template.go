package secretstest

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"strconv"
	"strings"
)

// Example templates describe a rule's true and false examples without
// holding a credential: the random parts are generators, expanded from a
// seed when the tests run, so the repository never contains a value that a
// secret scanner (or a provider's push protection) would flag.
//
// A template is text with generators «name:arg» and at most one secret span
// ⟦…⟧ (the value the rule must report). Generators:
//
//	«alnum:30» «hex:32» «HEX:32» «upper:16» «lower:20» «digits:10»
//	«upnum:27» (A-Z0-9) «lownum:40» (a-z0-9) «letters:34» «b64:40» (A-Za-z0-9+/)
//	«b64url:43» (A-Za-z0-9_-) «base32:16» (A-Z2-7) «b32lower:52» (a-z2-7) «bech32:58»
//	«pw:16» (a password)
//	«uuid» «jwt» (a signed-looking JWT) «key32» (base64 of 32 random bytes)
//	«crc:BODY» BODY followed by its GitHub/npm CRC32 checksum (base 62)
//	«enc64:TEXT» «enc64url:TEXT» TEXT in standard / raw URL base64
//	«macaroon:LOCATION» the base64url body of a PyPI-style macaroon
//	«pem:KIND» a real PEM private key: ed25519 (PKCS#8), ec (SEC 1), rsa
//	(PKCS#1, 1024 bits), openssh (an OpenSSH-format body); «pemjson:KIND» the
//	same with its newlines escaped as in a JSON string
//
// Arguments of crc, enc64 and enc64url may hold generators themselves.
const (
	genOpen, genClose       = "«", "»"
	secretOpen, secretClose = "⟦", "⟧"
)

var classes = map[string]string{
	"alnum": Alnum, "hex": HexLower, "HEX": "0123456789ABCDEF", "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"lower": "abcdefghijklmnopqrstuvwxyz", "digits": Digits, "upnum": UpperDigits,
	"lownum": "abcdefghijklmnopqrstuvwxyz0123456789", "letters": Letters, "b64": B64, "b64url": B64URL,
	"base32": Base32, "bech32": Bech32Upper, "b32lower": "abcdefghijklmnopqrstuvwxyz234567",
}

// Expand expands a template with g and returns the text and the secret
// (the expansion of the ⟦…⟧ span, or "" when the template has none).
// It panics on a malformed template: templates are constants of the code.
func (g *Gen) Expand(tmpl string) (text, secret string) {
	before, rest, marked := strings.Cut(tmpl, secretOpen)
	if !marked {
		return g.expand(tmpl), ""
	}
	inner, after, ok := strings.Cut(rest, secretClose)
	if !ok {
		panic("template: unclosed " + secretOpen)
	}
	secret = g.expand(inner)
	return g.expand(before) + secret + g.expand(after), secret
}

func (g *Gen) expand(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, genOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+len(genOpen):]
		j := closing(s)
		b.WriteString(g.generate(s[:j]))
		s = s[j+len(genClose):]
	}
}

// closing returns the index of the » that closes a generator whose
// contents start s, skipping nested generators.
func closing(s string) int {
	depth := 0
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], genOpen):
			depth++
			i += len(genOpen)
		case strings.HasPrefix(s[i:], genClose):
			if depth == 0 {
				return i
			}
			depth--
			i += len(genClose)
		default:
			i++
		}
	}
	panic("template: unclosed " + genOpen)
}

func (g *Gen) generate(spec string) string {
	name, arg, _ := strings.Cut(spec, ":")
	if alphabet, ok := classes[name]; ok {
		n, err := strconv.Atoi(arg)
		if err != nil {
			panic(fmt.Sprintf("template: %s needs a length, got %q", name, arg))
		}
		return g.String(alphabet, n)
	}
	switch name {
	case "pw":
		n, _ := strconv.Atoi(arg)
		return g.URLPassword(n)
	case "uuid":
		return g.UUID()
	case "jwt":
		return g.JWT(`{"sub":"svc-`+g.String(Alnum, 8)+`","iat":1700000000}`, 43)
	case "key32":
		return base64.StdEncoding.EncodeToString(g.bytes(32))
	case "raw64":
		n, err := strconv.Atoi(arg)
		if err != nil {
			panic(fmt.Sprintf("template: raw64 needs a length, got %q", arg))
		}
		return base64.StdEncoding.EncodeToString(g.bytes(n))
	case "crc":
		body := g.expand(arg)
		return body + Checksum(body)
	case "enc64":
		return base64.StdEncoding.EncodeToString([]byte(g.expand(arg)))
	case "enc64url":
		return base64.RawURLEncoding.EncodeToString([]byte(g.expand(arg)))
	case "macaroon":
		return base64.RawURLEncoding.EncodeToString(g.macaroon(arg))
	case "pem":
		return g.pemKey(arg)
	case "pemjson":
		return strings.ReplaceAll(g.pemKey(arg), "\n", `\n`)
	}
	panic("template: unknown generator " + name)
}

func (g *Gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

// macaroon returns a version-2 macaroon in binary form, as PyPI issues
// them: location, identifier, one caveat and a 32-byte signature.
func (g *Gen) macaroon(location string) []byte {
	field := func(typ byte, v []byte) []byte {
		return append([]byte{typ, byte(len(v))}, v...)
	}
	var b []byte
	b = append(b, 2) // version
	b = append(b, field(1, []byte(location))...)
	b = append(b, field(2, []byte(g.UUID()))...)
	b = append(b, 0) // end of header
	caveat := `{"version": 1, "permissions": {"projects": ["` + strings.ToLower(g.String(Letters, 8)) + `"]}}`
	b = append(b, field(2, []byte(caveat))...)
	b = append(b, 0) // end of caveat
	b = append(b, 0) // end of caveats
	return append(b, field(6, g.bytes(32))...)
}

// Shape renders a template for documentation: the secret span only (the
// whole template when it has none), each generator replaced by a
// description of what it stands for, such as ‹27 A-Z0-9›.
func Shape(tmpl string) string {
	if _, rest, ok := strings.Cut(tmpl, secretOpen); ok {
		tmpl, _, _ = strings.Cut(rest, secretClose)
	}
	return shape(tmpl)
}

var classNames = map[string]string{
	"alnum": "A-Za-z0-9", "hex": "0-9a-f", "HEX": "0-9A-F", "upper": "A-Z", "lower": "a-z", "digits": "0-9",
	"upnum": "A-Z0-9", "lownum": "a-z0-9", "letters": "A-Za-z", "b64": "base64", "b64url": "base64url",
	"base32": "A-Z2-7", "bech32": "bech32", "b32lower": "a-z2-7", "pw": "password characters",
}

func shape(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, genOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+len(genOpen):]
		j := closing(s)
		name, arg, _ := strings.Cut(s[:j], ":")
		s = s[j+len(genClose):]
		switch name {
		case "uuid":
			b.WriteString("‹uuid›")
		case "jwt":
			b.WriteString("‹JWT›")
		case "key32":
			b.WriteString("‹base64 of 32 bytes›")
		case "raw64":
			b.WriteString("‹base64 of " + arg + " bytes›")
		case "crc":
			b.WriteString(shape(arg) + "‹6-char CRC32›")
		case "enc64", "enc64url":
			b.WriteString("‹base64 of " + shape(arg) + "›")
		case "macaroon":
			b.WriteString("‹macaroon for " + arg + "›")
		case "pem", "pemjson":
			b.WriteString("‹PEM " + arg + " private key›")
		default:
			b.WriteString("‹" + arg + " " + classNames[name] + "›")
		}
	}
}

// pemKey returns a freshly generated private key in PEM form (no trailing
// newline). Key generation draws from a source derived from g, so the rest
// of the expansion does not depend on how many bytes it read.
func (g *Gen) pemKey(kind string) string {
	kg := NewGen(g.r.Uint64())
	var typ string
	var der []byte
	switch kind {
	case "ed25519":
		_, k, _ := ed25519.GenerateKey(kg.r2())
		typ = "PRIVATE KEY"
		der, _ = x509.MarshalPKCS8PrivateKey(k)
	case "ec":
		k, _ := ecdsa.GenerateKey(elliptic.P256(), kg.r2())
		typ = "EC PRIVATE KEY"
		der, _ = x509.MarshalECPrivateKey(k)
	case "rsa":
		k, _ := rsa.GenerateKey(kg.r2(), 1024) //nolint:gosec // a fake key for tests: small keeps them fast
		typ = "RSA PRIVATE KEY"
		der = x509.MarshalPKCS1PrivateKey(k)
	case "openssh":
		return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrap("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"+kg.String(B64, 300), 70) + "\n-----END OPENSSH PRIVATE KEY-----"
	default:
		panic("template: unknown key kind " + kind)
	}
	return strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})))
}
