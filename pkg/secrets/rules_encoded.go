package secrets

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strings"
)

// Credentials stored encoded once more: a JWT in base64, and the data of a
// Kubernetes Secret manifest.
func encodedRules() []ruleDef {
	return []ruleDef{
		def("jwt-base64", "Base64-encoded JSON Web Token",
			"A JSON Web Token encoded once more in base64 (ZXlK… is base64 of eyJ), as Kubernetes Secrets, CI variables and Helm values hold tokens. It is checked to decode to a JWT whose header and claims are JSON."+revoke,
			&pattern{
				keywords:   []string{"zxlk"},
				after:      1, // long tokens: no cut at the keyword's window
				re:         regexp.MustCompile(`ZXlK[A-Za-z0-9+/]{60,}={0,2}`),
				bound:      true,
				minEntropy: 4.5,
				check:      base64JWTCheck,
			}).
			pos("  token: ⟦«enc64:«jwt»»⟧", "SERVICE_TOKEN_B64=⟦«enc64:«jwt»»⟧").
			neg("  token: «enc64:eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.»", "  token: ZXlKaGJHY2lPaUpJVXpJMU5pSjk="),
		def("kubernetes-secret-data", "Data of a Kubernetes Secret manifest",
			"A value under data: (base64) or stringData: of a Kubernetes Secret manifest (kind: Secret). The manifest holds the secret itself: applying it from the repository puts the credential in every clone. Values that decode to placeholders, weak passwords or words are not reported."+revoke,
			&pattern{
				keywords: []string{"kind: secret", "kind: \"secret\"", "kind: 'secret'", "\"kind\": \"secret\""},
				before:   30, after: 30,
				re:    regexp.MustCompile(`(?m)^[ \t]+([A-Za-z0-9_.-]+):[ \t]*["']?([A-Za-z0-9+/]{8,}={0,2})["']?[ \t]*\r?$`),
				group: 2, nameGroup: 1, priority: prioContext, testStrict: true,
				check: k8sSecretDataCheck,
			}).
			pos("apiVersion: v1\nkind: Secret\nmetadata:\n  name: rose-db\ntype: Opaque\ndata:\n  password: ⟦«enc64:«pw:20»»⟧\n",
				"apiVersion: v1\ndata:\n  api-token: ⟦«enc64:«alnum:32»»⟧\nkind: Secret\nmetadata:\n  name: rose-api\n").
			neg("apiVersion: v1\nkind: Secret\ndata:\n  password: «enc64:password»\n  username: «enc64:admin»\n",
				"apiVersion: v1\nkind: Secret\nmetadata:\n  name: rose-tls\n  annotations:\n    owner: platformTeam\ntype: kubernetes.io/tls\n"),
	}
}

// base64JWTCheck decodes a base64 blob and requires a JWT: three
// dot-separated parts, the first two base64url JSON objects, an algorithm
// other than none, and a signature.
func base64JWTCheck(s string, _ []byte) bool {
	dec, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		dec, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return false
	}
	dec = bytes.TrimSpace(dec)
	parts := bytes.Split(dec, []byte("."))
	if len(parts) != 3 || len(parts[2]) < 16 {
		return false
	}
	for _, p := range parts[:2] {
		j, ok := decodeSegment(string(p))
		if !ok || !bytes.HasPrefix(bytes.TrimSpace(j), []byte("{")) {
			return false
		}
	}
	h, _ := decodeSegment(string(parts[0]))
	return !bytes.Contains(bytes.ReplaceAll(bytes.ToLower(h), []byte(" "), nil), []byte(`"alg":"none"`))
}

// k8sSecretDataCheck judges a Kubernetes Secret value by what it decodes
// to: readable text must look like a credential (not a weak password, a
// word or a placeholder); binary data (keys, keystores) counts.
func k8sSecretDataCheck(s string, _ []byte) bool {
	dec, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return false
	}
	if !printable(bytes.TrimRight(dec, "\n")) {
		return len(dec) >= 16 && entropy(string(dec)) >= 4.5
	}
	v := strings.TrimSpace(string(dec))
	if _, pw, ok := strings.Cut(v, ":"); ok && !strings.Contains(v, "://") {
		v = pw
	}
	return !weakPasswords[strings.ToLower(v)] && (hasProviderPrefix(v) && len(v) > 20 || looksRandom(v, 8))
}
