package secrets

// Service keys with a prefix of their own, and service keys whose shape is
// distinctive enough to be found near the provider's name without an
// assignment.
func serviceTokenRules() []ruleDef {
	return []ruleDef{
		tok("apify-api-token", "Apify API token",
			"An Apify API token (apify_api_ and 36 letters and digits): it runs the account's actors and reads its datasets.",
			"apify_api_", `apify_api_[A-Za-z0-9_-]{36}`, 3.5).
			pos("APIFY_TOKEN=⟦apify_api_«alnum:36»⟧", "APIFY_TOKEN=⟦apify_api_«alnum:20»-«alnum:15»⟧").
			neg("APIFY_TOKEN=apify_api_<token>"),
		def("pganalyze-api-key", "pganalyze API key",
			"A pganalyze API key (pgar_ read keys and pgak_ keys, 27 lower-case letters and digits): it reads the monitored databases' statistics and query texts."+revoke,
			prefixed("pgar_", `pgar_[a-z0-9]{27}`, 3.3), prefixed("pgak_", `pgak_[a-z0-9]{27}`, 3.3)).
			pos("PGANALYZE_API_KEY=⟦pgar_«lownum:27»⟧").
			neg("PGANALYZE_API_KEY=pgar_xxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("ramp-client-secret", "Ramp API client secret",
			"A Ramp API client secret (ramp_sec_ and 48 letters and digits): with its client ID (ramp_id_) it obtains tokens for the business's cards, bills and transactions.",
			"ramp_sec_", `ramp_sec_[A-Za-z0-9]{48}`, 3.5).
			pos("RAMP_CLIENT_SECRET=⟦ramp_sec_«alnum:48»⟧").
			neg("RAMP_CLIENT_SECRET=ramp_sec_<secret>"),
		tok("rootly-api-key", "Rootly API key",
			"A Rootly API key (rootly_ and 64 hexadecimal characters): it reads and declares incidents.",
			"rootly_", `rootly_[a-f0-9]{64}`, 3.0).
			pos("ROOTLY_API_TOKEN=⟦rootly_«hex:64»⟧").
			neg("ROOTLY_API_TOKEN=rootly_0000000000000000000000000000000000000000000000000000000000000000"),
		tok("sourcegraph-cody-token", "Sourcegraph Cody Gateway key",
			"A Sourcegraph Cody Gateway access key (slk_ and 64 hexadecimal characters): it spends the instance's LLM quota.",
			"slk_", `slk_[a-f0-9]{64}`, 3.0).
			pos("CODY_GATEWAY_KEY=⟦slk_«hex:64»⟧").
			neg("CODY_GATEWAY_KEY=slk_<key>"),
		tok("trufflehog-enterprise-secret", "TruffleHog Enterprise API secret",
			"A TruffleHog Enterprise API secret (thog-secret- and 32 hexadecimal characters), used with a thog-key- key ID: it reads the instance's findings.",
			"thog-secret-", `thog-secret-[a-f0-9]{32}`, 3.0).
			pos("THOG_SECRET=⟦thog-secret-«hex:32»⟧").
			neg("THOG_SECRET=thog-secret-"),
		tok("tines-webhook-url", "Tines webhook URL",
			"A Tines webhook URL (tenant.tines.com/webhook/<path>/<secret>): anyone holding it can start the story it belongs to.",
			".tines.com/webhook/", `https://[A-Za-z0-9-]+\.tines\.com/webhook/[a-z0-9]{32}/[a-z0-9]{32}`, 3.5).
			pos("TINES_HOOK=⟦https://rose.tines.com/webhook/«lownum:32»/«lownum:32»⟧").
			neg("TINES_HOOK=https://rose.tines.com/webhook/<path>/<secret>"),
		tok("zapier-webhook-url", "Zapier catch hook URL",
			"A Zapier catch hook URL (hooks.zapier.com/hooks/catch/…): anyone holding it can trigger the Zap with their own data.",
			"hooks.zapier.com/hooks/catch/", `https://hooks\.zapier\.com/hooks/catch/(?:[0-9]{4,12}/[A-Za-z0-9]{5,10}|[A-Za-z0-9]{16})/?`, 3.0).
			pos("ZAPIER_HOOK=⟦https://hooks.zapier.com/hooks/catch/«digits:8»/«lownum:7»/⟧", "ZAPIER_HOOK=⟦https://hooks.zapier.com/hooks/catch/«alnum:16»⟧").
			neg("ZAPIER_HOOK=https://hooks.zapier.com/hooks/catch/<id>/<key>/"),
		tok("aws-appsync-api-key", "AWS AppSync API key",
			"An AWS AppSync GraphQL API key (da2- and 26 lower-case letters and digits): it queries and mutates the API it belongs to.",
			"da2-", `da2-[a-z0-9]{26}`, 3.3).
			pos("APPSYNC_API_KEY=⟦da2-«lownum:26»⟧").
			neg("APPSYNC_API_KEY=da2-xxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("alchemy-api-key", "Alchemy API key or access token",
			"An Alchemy access token (alcht_ and 30 characters) or app API key (32 characters) near an Alchemy name: it spends the account's compute units on its blockchain nodes."+revoke,
			prefixed("alcht_", `alcht_[A-Za-z0-9]{30}`, 3.5),
			named([]string{"alchemy"}, `[A-Za-z0-9_-]{32}`, 3.5),
			ctxCheck(follows([]string{"alchemy"}, `[A-Za-z0-9_]{32}`, 3.5), twoClasses)).
			pos("ALCHEMY_TOKEN=⟦alcht_«alnum:30»⟧", "ALCHEMY_API_KEY=⟦«alnum:32»⟧", "// alchemy mainnet\nprovider.connect(\"⟦«alnum:32»⟧\")").
			neg("ALCHEMY_API_KEY=${ALCHEMY_API_KEY}"),
		tok("photoroom-api-key", "Photoroom API key",
			"A Photoroom API key (sk_pr_, the key's name, _ and 40 hexadecimal characters): it spends the account's image credits.",
			"sk_pr_", `sk_pr_[A-Za-z0-9]{1,64}_[a-fA-F0-9]{40}`, 3.0).
			pos("PHOTOROOM_API_KEY=⟦sk_pr_default_«hex:40»⟧").
			neg("PHOTOROOM_API_KEY=sk_pr_<key>"),
		def("spectralops-token", "SpectralOps (Check Point) personal token",
			"A SpectralOps personal or team token (spu- or spt- and 32 hexadecimal characters): it reads the account's scan results and uploads new ones."+revoke,
			prefixed("spu-", `spu-[a-f0-9]{32}`, 3.0), prefixed("spt-", `spt-[a-f0-9]{32}`, 3.0)).
			pos("SPECTRAL_DSN=⟦spu-«hex:32»⟧").
			neg("SPECTRAL_TOKEN=spu-<token>"),
		tok("langfuse-secret-key", "Langfuse secret key",
			"A Langfuse secret key (sk-lf- and a UUID): with the public key (pk-lf-) it reads and writes the project's traces and prompts.",
			"sk-lf-", `sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, 3.0).
			pos("LANGFUSE_SECRET_KEY=⟦sk-lf-«uuid»⟧").
			neg("LANGFUSE_SECRET_KEY=sk-lf-00000000-0000-0000-0000-000000000000"),
		def("airtable-oauth-token", "Airtable OAuth access token",
			"An Airtable OAuth access token (an ID, .v1., a base64 payload and a hexadecimal signature) near an Airtable name: it acts as the user who authorised the integration."+revoke,
			near([]string{"airtable"}, 2, `[A-Za-z0-9]{14,20}\.v1\.[A-Za-z0-9_-]{40,}\.[a-f0-9]{4,64}`, 4.0)).
			pos("AIRTABLE_ACCESS_TOKEN=⟦«alnum:17».v1.«enc64url:{\"userId\":\"usr«alnum:14»\",\"expiresAt\":\"2026-02-03T19:56:37.000Z\"}».«hex:32»⟧").
			neg("AIRTABLE_ACCESS_TOKEN=${AIRTABLE_ACCESS_TOKEN}"),
		def("tableau-personal-access-token", "Tableau personal access token secret",
			"A Tableau personal access token secret (22 base64 characters, ==:, 32 letters and digits) near a Tableau name or server: with the token's name it signs in to the site as the user."+revoke,
			near([]string{"tableau"}, 2, `[A-Za-z0-9+/]{22}==:[A-Za-z0-9]{32}`, 4.0)).
			pos("TABLEAU_PAT_SECRET=⟦«b64:22»==:«alnum:32»⟧", "pat ci-token\n⟦«b64:22»==:«alnum:32»⟧\nserver=rose.online.tableau.com\n").
			neg("TABLEAU_PAT_SECRET=${TABLEAU_PAT_SECRET}"),
		def("braintrust-api-key", "Braintrust API key",
			"A Braintrust API key (sk- and 48 letters and digits) assigned to or written near a Braintrust name: it runs evaluations and reads the organisation's logs and datasets."+revoke,
			named([]string{"braintrust"}, `sk-[A-Za-z0-9]{48}`, 3.5),
			follows([]string{"braintrust"}, `sk-[A-Za-z0-9]{48}`, 3.5)).
			pos("BRAINTRUST_API_KEY=⟦sk-«alnum:48»⟧", "# braintrust evals\nkey=⟦sk-«alnum:48»⟧").
			neg("BRAINTRUST_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("bannerbear-api-key", "Bannerbear API key",
			"A Bannerbear project or master API key (bb_pr_ / bb_ma_ and 30 hexadecimal characters, or 24 characters in older projects) assigned to or written near a Bannerbear name: it renders images and videos on the account's quota."+revoke,
			prefixed("bb_pr_", `bb_pr_[a-f0-9]{30}`, 3.0), prefixed("bb_ma_", `bb_ma_[a-f0-9]{30}`, 3.0),
			named([]string{"bannerbear"}, `[A-Za-z0-9]{24}tt|[A-Za-z0-9]{24}`, 3.3),
			ctxCheck(follows([]string{"bannerbear"}, `[A-Za-z0-9]{24}`, 3.3), twoClasses)).
			pos("BANNERBEAR_API_KEY=⟦bb_ma_«hex:30»⟧", "BANNERBEAR_API_KEY=⟦«alnum:24»⟧").
			neg("BANNERBEAR_API_KEY=bb_ma_<key>"),
		def("brandfetch-api-key", "Brandfetch API key",
			"A Brandfetch API key (40 letters and digits, or 44 base64 characters) assigned to or written near a Brandfetch name: it spends the account's brand lookups."+revoke,
			named([]string{"brandfetch"}, `[A-Za-z0-9]{40}|[A-Za-z0-9+/]{43}=`, 3.5),
			ctxCheck(follows([]string{"brandfetch"}, `[A-Za-z0-9]{40}|[A-Za-z0-9+/]{43}=`, 3.5), ctxAll(twoClasses, notDigest))).
			pos("BRANDFETCH_API_KEY=⟦«alnum:40»⟧", "BRANDFETCH_API_KEY=⟦«b64:43»=⟧").
			neg("BRANDFETCH_API_KEY=${BRANDFETCH_API_KEY}"),
		def("accuweather-api-key", "AccuWeather API key",
			"An AccuWeather API key (32 letters and digits) assigned to or written near an AccuWeather name: it spends the account's forecast calls."+revoke,
			named([]string{"accuweather"}, `[A-Za-z0-9]{32}`, 3.5),
			ctxCheck(follows([]string{"accuweather"}, `[A-Za-z0-9]{32}`, 3.5), twoClasses)).
			pos("ACCUWEATHER_API_KEY=⟦«alnum:32»⟧", "<accuweather>\n  <apikey>⟦«alnum:32»⟧</apikey>\n</accuweather>").
			neg("ACCUWEATHER_API_KEY=${ACCUWEATHER_API_KEY}"),
		namedRule("captaindata-api-key", "Captain Data API key",
			"A Captain Data API key (64 hexadecimal characters) assigned to a Captain Data name: it runs the workspace's automations.",
			[]string{"captaindata", "captain_data", "captain-data"}, `[a-f0-9]{64}`, 3.0, "captaindata", "«hex:64»"),
	}
}
