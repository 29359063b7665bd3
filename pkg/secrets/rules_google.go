package secrets

// Google.
func googleRules() []ruleDef {
	return []ruleDef{
		def("google-api-key", "Google API key",
			"A Google Cloud / Firebase API key (AIza). Unrestricted keys can be used to bill the project's APIs."+revoke,
			prefixed("AIza", `AIza[0-9A-Za-z_-]{35}`, 3.5)).
			pos("const firebaseConfig = {\n  apiKey: \"⟦AIza«b64url:35»⟧\",\n};\n", "<script src=\"https://maps.googleapis.com/maps/api/js?key=⟦AIza«b64url:35»⟧&callback=init\"></script>").
			neg("GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
		def("google-oauth-client-secret", "Google OAuth client secret",
			"A Google OAuth 2.0 client secret (GOCSPX-)."+revoke,
			prefixed("GOCSPX-", `GOCSPX-[A-Za-z0-9_-]{28}`, 3.5)).
			pos("{\"web\":{\"client_id\":\"1234.apps.googleusercontent.com\",\"client_secret\":\"⟦GOCSPX-«b64url:28»⟧\"}}").
			neg("client_secret: GOCSPX-<secret>"),
	}
}
