package secrets

// Monitoring and observability.
func observabilityRules() []ruleDef {
	return []ruleDef{
		def("sentry-auth-token", "Sentry organisation auth token",
			"A Sentry organisation auth token (sntrys_)."+revoke,
			prefixed("sntrys_", `sntrys_eyJ[A-Za-z0-9_=+/-]{40,}`, 4.0)).
			pos("SENTRY_AUTH_TOKEN=⟦sntrys_«enc64:{\"iat\":1700000000.1,\"url\":\"https://sentry.io\",\"region_url\":\"https://us.sentry.io\",\"org\":\"rose\"}»_«alnum:43»⟧").
			neg("SENTRY_AUTH_TOKEN=sntrys_<token>"),
		def("new-relic-user-key", "New Relic user API key",
			"A New Relic user API key (NRAK-)."+revoke,
			prefixed("NRAK-", `NRAK-[A-Z0-9]{27}`, 3.5)).
			pos("NEW_RELIC_API_KEY=⟦NRAK-«upnum:27»⟧").
			neg("NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX"),
	}
}
