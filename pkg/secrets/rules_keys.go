package secrets

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strings"
)

// Cryptographic keys.
func keysRules() []ruleDef {
	return []ruleDef{
		def("age-secret-key", "age secret key",
			"An age encryption secret key (AGE-SECRET-KEY-1): it decrypts everything encrypted to its recipient."+revoke,
			prefixed("AGE-SECRET-KEY-1", `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`, 3.5)).
			pos("# created: 2026-01-01T00:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n⟦AGE-SECRET-KEY-1«bech32:58»⟧\n").
			neg("AGE-SECRET-KEY-1XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
		def("wireguard-private-key", "WireGuard private key",
			"A WireGuard private key (PrivateKey = 44 base64 characters: 32 bytes, so the character before = is one of 16). Whoever holds it can join the VPN as that peer."+revoke,
			&pattern{
				keywords: []string{"privatekey"},
				re:       regexp.MustCompile(`(?i:PrivateKey)\s*=\s*["']?([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?:[^A-Za-z0-9+/=]|$)`),
				group:    1, minEntropy: 4.0, priority: prioProvider,
			}).
			pos("[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = ⟦«key32»⟧\nDNS = 1.1.1.1\n\n[Peer]\nPublicKey = «key32»\n").
			neg("[Interface]\nPrivateKey = <client private key>\n", "PrivateKey = $(wg genkey)"),
		def("putty-private-key", "PuTTY private key",
			"A PuTTY private key file (PuTTY-User-Key-File-2 or -3), unencrypted or with a passphrase. Whoever holds it can log in where its public key is authorised."+revoke,
			&pattern{
				keywords: []string{"putty-user-key-file-"},
				after:    60,
				re:       regexp.MustCompile(`PuTTY-User-Key-File-[23]: [^\n]+\n(?:[^\n]*\n){1,40}?Private-Lines: [0-9]+\r?\n((?:[A-Za-z0-9+/=]+\r?\n){1,40})Private-(?:MAC|Hash): [a-f0-9]{40,64}`),
				group:    1, minEntropy: 4.0, noPlaceholder: true,
				check: func(s string, _ []byte) bool { return !strings.Contains(s, "AAAAAAAAAAAA") || len(s) > 64 },
			}).
			pos("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: rose-deploy\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAI«b64:43»\n«b64:20»\nPrivate-Lines: 1\n⟦AAAAI«b64:40»\n⟧Private-MAC: «hex:64»\n").
			// A key file named as an example is still a key (reported as test material).
			posAt("misc/putty-example.ppk", "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: ci-key\nPublic-Lines: 1\nAAAAB3NzaC1yc2E«b64:48»\nPrivate-Lines: 1\n⟦«b64:64»\n⟧Private-MAC: «hex:40»\n").
			neg("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\n...\nPrivate-MAC: ...\n"),
		def("jwk-private-key", "JSON Web Key private key",
			"A private JSON Web Key (kty RSA, EC or OKP with the private member d): it signs tokens as the key's issuer or decrypts what was encrypted to it."+revoke,
			&pattern{
				keywords: []string{`"kty"`},
				before:   12, after: 12,
				anchor: regexp.MustCompile(`"kty"\s*:\s*"(?:RSA|EC|OKP)"`),
				re:     regexp.MustCompile(`"d"\s*:\s*"([A-Za-z0-9_-]{40,})"`),
				group:  1, minEntropy: 4.5,
			}).
			pos("{\"kty\": \"OKP\", \"crv\": \"Ed25519\", \"x\": \"«b64url:43»\", \"d\": \"⟦«b64url:43»⟧\", \"kid\": \"rose-1\"}",
				"{\n  \"keys\": [{\n    \"kty\": \"EC\",\n    \"crv\": \"P-256\",\n    \"x\": \"«b64url:43»\",\n    \"y\": \"«b64url:43»\",\n    \"d\": \"⟦«b64url:43»⟧\"\n  }]\n}\n").
			neg("{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"«b64url:43»\", \"y\": \"«b64url:43»\"}"),
		def("pem-private-key-encoded", "PEM private key in base64 (one line)",
			"A PEM private key (RSA, EC, PKCS#8, OpenSSH, DSA) base64-encoded again into one line (LS0tLS1CRUdJTi is base64 of -----BEGIN), as Kubernetes secrets, CI variables and Helm values hold it. It is checked to decode to a private key header."+revoke,
			&pattern{
				keywords: []string{"ls0tls1crudjti"},
				after:    1, // a PEM in base64 runs to several kilobytes: no cut at the keyword's window
				re:       regexp.MustCompile(`LS0tLS1CRUdJTi[A-Za-z0-9+/]{100,}={0,2}`),
				bound:    true, minEntropy: 4.5,
				check: encodedPEMCheck,
			}).
			pos("tls.key: ⟦«enc64:«pem:rsa»»⟧", "SSH_PRIVATE_KEY=⟦«enc64:«pem:openssh»»⟧", "  key: ⟦«enc64:«pem:ed25519»»⟧").
			neg("tls.crt: «enc64:-----BEGIN CERTIFICATE-----\n«b64:64»\n«b64:64»\n«b64:64»\n«b64:64»\n-----END CERTIFICATE-----»", "tls.key: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo="),
	}
}

// encodedPEMCheck decodes the start of a base64 blob and requires a PEM
// private key header (-----BEGIN … PRIVATE KEY-----): certificates and
// public keys encode the same way and are not secrets.
func encodedPEMCheck(s string, _ []byte) bool {
	head := s[:min(len(s), 80)]
	head = head[:len(head)/4*4]
	dec, err := base64.StdEncoding.DecodeString(head)
	return err == nil && bytes.Contains(dec, []byte("PRIVATE KEY-----"))
}
