package secrets

// E-mail delivery.
func emailRules() []ruleDef {
	return []ruleDef{
		def("sendgrid-api-key", "SendGrid API key",
			"A SendGrid API key (SG.): it sends mail as the account."+revoke,
			prefixed("SG.", `SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`, 4.0)).
			pos("SENDGRID_API_KEY=⟦SG.«b64url:22».«b64url:43»⟧").
			neg("SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
	}
}
