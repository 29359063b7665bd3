package secrets

// Cryptographic keys.
func keysRules() []ruleDef {
	return []ruleDef{
		def("age-secret-key", "age secret key",
			"An age encryption secret key (AGE-SECRET-KEY-1): it decrypts everything encrypted to its recipient."+revoke,
			prefixed("AGE-SECRET-KEY-1", `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`, 3.5)).
			pos("# created: 2026-01-01T00:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n⟦AGE-SECRET-KEY-1«bech32:58»⟧\n").
			neg("AGE-SECRET-KEY-1XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
	}
}
