package secrets

// Developer and productivity SaaS.
func saasRules() []ruleDef {
	return []ruleDef{
		def("postman-api-key", "Postman API key",
			"A Postman API key (PMAK-)."+revoke,
			prefixed("PMAK-", `PMAK-[a-f0-9]{24}-[a-f0-9]{34}`, 3.0)).
			pos("POSTMAN_API_KEY=⟦PMAK-«hex:24»-«hex:34»⟧").
			neg("POSTMAN_API_KEY=PMAK-<key>"),
		def("linear-api-key", "Linear API key",
			"A Linear personal API key (lin_api_)."+revoke,
			prefixed("lin_api_", `lin_api_[A-Za-z0-9]{40}`, 4.0)).
			pos("LINEAR_API_KEY=⟦lin_api_«alnum:40»⟧").
			neg("LINEAR_API_KEY=lin_api_***"),
	}
}
