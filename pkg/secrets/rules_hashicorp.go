package secrets

import "regexp"

// HashiCorp: Vault tokens and unseal keys, Terraform Cloud / HCP tokens.
func hashicorpRules() []ruleDef {
	return []ruleDef{
		tok("vault-service-token", "HashiCorp Vault service token",
			"A HashiCorp Vault service token (hvs.): it reads and writes the secrets its policies allow until it expires or is revoked.",
			"hvs.", `hvs\.[A-Za-z0-9_-]{90,120}`, 4.0).
			pos("VAULT_TOKEN=⟦hvs.CAESI«b64url:86»⟧").
			neg("VAULT_TOKEN=hvs.«alnum:20»", "token: hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("vault-batch-token", "HashiCorp Vault batch token",
			"A HashiCorp Vault batch token (hvb.): a self-contained token that reads and writes what its policies allow until it expires.",
			"hvb.", `hvb\.[A-Za-z0-9_-]{138,300}`, 4.0).
			pos("VAULT_TOKEN=⟦hvb.AAAAAQ«b64url:150»⟧").
			neg("VAULT_TOKEN=hvb.«alnum:40»"),
		tok("vault-recovery-token", "HashiCorp Vault recovery token",
			"A HashiCorp Vault recovery token (hvr., Vault 1.10 and later), generated with the recovery keys to operate a Vault in recovery mode: it reads and writes raw storage, every secret included.",
			"hvr.", `hvr\.[A-Za-z0-9_-]{24,120}`, 4.0).
			pos("VAULT_TOKEN=⟦hvr.«alnum:24»⟧", "vault operator generate-root -recovery-token\n# token: ⟦hvr.«alnum:37»⟧\n").
			neg("VAULT_TOKEN=hvr.«alnum:8»", "VAULT_TOKEN=hvr.xxxxxxxxxxxxxxxxxxxxxxxx"),
		def("vault-legacy-token", "HashiCorp Vault token (legacy s. format)",
			"A HashiCorp Vault service token in the format before Vault 1.10 (s. and 24 characters), assigned to a Vault name."+revoke,
			ctxCheck(named([]string{"vault"}, `s\.[A-Za-z0-9]{24}`, 3.5), func(s string, _ []byte) bool { return mixedAlnum(s[2:], nil) })).
			pos("VAULT_TOKEN=⟦s.«alnum:24»⟧", "vault_token: \"⟦s.«alnum:24»⟧\"").
			neg("VAULT_TOKEN=s.xxxxxxxxxxxxxxxxxxxxxxxx", "vault_addr = \"s.example.internal\""),
		def("vault-unseal-key", "HashiCorp Vault unseal key",
			"A HashiCorp Vault unseal or recovery key share, as printed by vault operator init or assigned to an unseal-key name. Enough shares unseal the Vault and expose every secret in it."+revoke,
			&pattern{
				keywords: []string{"unseal key", "recovery key"},
				re:       regexp.MustCompile(`(?i:unseal|recovery) Key [0-9]{1,2}:\s*([A-Za-z0-9+/]{43,44}={0,2}|[a-f0-9]{64,66})(?:[^A-Za-z0-9+/=]|$)`),
				group:    1, minEntropy: 3.5,
			},
			named([]string{"unseal_key", "unseal-key", "unsealkey"}, `[A-Za-z0-9+/]{43,44}={0,2}`, 4.0)).
			pos("Unseal Key 1: ⟦«b64:44»⟧\nUnseal Key 2: «b64:44»\n", "VAULT_UNSEAL_KEY=⟦«b64:43»=⟧").
			neg("Unseal Key 1: <unseal key>", "vault operator unseal $UNSEAL_KEY"),
		def("vault-approle-secret-id", "HashiCorp Vault AppRole secret ID",
			"A HashiCorp Vault AppRole secret_id (a UUID) near a Vault or role_id name: with the role ID it logs in to Vault as the role."+revoke,
			&pattern{
				keywords: []string{"secret_id", "secret-id", "secretid"},
				before:   4, after: 4,
				anchor: regexp.MustCompile(`(?i)vault|hashicorp|role[_-]?id`),
				re:     regexp.MustCompile(`(?i:secret[_-]?id)[A-Za-z0-9_]{0,4}["']?\s*[:=]\s*["']?(` + uuidRe + `)`),
				group:  1, minEntropy: 3.0, priority: prioContext,
			}).
			pos("vault:\n  role_id: «uuid»\n  secret_id: ⟦«uuid»⟧\n", "VAULT_ROLE_ID=«uuid»\nVAULT_SECRET_ID=⟦«uuid»⟧\n").
			neg("vault:\n  role_id: «uuid»\n  secret_id: ${VAULT_SECRET_ID}\n", "google:\n  client_secret_id: «uuid»\n"),
		tok("terraform-cloud-token", "Terraform Cloud / HCP Terraform API token",
			"A Terraform Cloud (HCP Terraform) or Terraform Enterprise API token (14 characters, .atlasv1. and the secret). It runs and changes the organisation's workspaces, state and variables.",
			"atlasv1", `[A-Za-z0-9]{14}\.(?i:atlasv1)\.[A-Za-z0-9_=-]{60,70}`, 4.0).
			pos("credentials \"app.terraform.io\" {\n  token = \"⟦«alnum:14».atlasv1.«b64url:67»⟧\"\n}\n",
				"TF_TOKEN_app_terraform_io=⟦«alnum:14».ATLASV1.«b64url:67»⟧").
			neg("token = \"xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""),
		namedRule("hcp-client-secret", "HashiCorp Cloud Platform service principal secret",
			"An HCP service principal client secret (64 characters) assigned to an HCP_CLIENT_SECRET name. It acts on the HashiCorp Cloud Platform organisation.",
			[]string{"hcp_client_secret", "hcp-client-secret", "hcpclientsecret"}, `[A-Za-z0-9_-]{64}`, 4.0, "hcp_client_secret", "«b64url:64»"),
	}
}
