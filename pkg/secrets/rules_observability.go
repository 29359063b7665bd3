package secrets

import "regexp"

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
			prefixed("NRAK-", `NRAK-[A-Za-z0-9]{27}`, 3.5)).
			pos("NEW_RELIC_API_KEY=⟦NRAK-«upnum:27»⟧").
			neg("NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX"),
		tok("sentry-user-token", "Sentry user auth token",
			"A Sentry user auth token (sntryu_): it acts as the user on every organisation the user belongs to.",
			"sntryu_", `sntryu_[a-f0-9]{64}`, 3.0).
			pos("SENTRY_AUTH_TOKEN=⟦sntryu_«hex:64»⟧").
			neg("SENTRY_AUTH_TOKEN=sntryu_«hex:12»"),
		namedRule("sentry-legacy-token", "Sentry auth token (legacy, no prefix)",
			"A Sentry auth token of the older format (64 hexadecimal characters) assigned to a Sentry name.",
			[]string{"sentry"}, `[a-f0-9]{64}`, 3.0, "sentry", "«hex:64»"),
		tok("new-relic-insert-key", "New Relic insert key",
			"A New Relic Insights insert key (NRII-): it writes events and metrics into the account.",
			"NRII-", `NRII-[A-Za-z0-9_-]{32}`, 3.5).
			pos("NEW_RELIC_INSERT_KEY=⟦NRII-«b64url:32»⟧").
			neg("NEW_RELIC_INSERT_KEY=NRII-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("new-relic-query-key", "New Relic Insights query key",
			"A New Relic Insights query key (NRIQ-): it reads the account's event data.",
			"NRIQ-", `NRIQ-[A-Za-z0-9_-]{32}`, 3.5).
			pos("NEW_RELIC_QUERY_KEY=⟦NRIQ-«b64url:32»⟧").
			neg("NEW_RELIC_QUERY_KEY=NRIQ-"),
		tok("new-relic-browser-key", "New Relic browser API token",
			"A New Relic browser API token (NRJS-): it sends browser monitoring data to the account.",
			"NRJS-", `NRJS-[a-f0-9]{19}`, 3.0).
			pos("newrelic.browser.token = \"⟦NRJS-«hex:19»⟧\"").
			neg("token = \"NRJS-xxxxxxxxxxxxxxxxxxx\""),
		tok("new-relic-browser-key-nrbr", "New Relic browser key (NRBR)",
			"A New Relic browser monitoring key (NRBR-): it sends browser data to the account.",
			"NRBR-", `NRBR-[a-f0-9]{19}`, 3.0).
			pos("NEW_RELIC_BROWSER_KEY=⟦NRBR-«hex:19»⟧").
			neg("NEW_RELIC_BROWSER_KEY=NRBR-xxxxxxxxxxxxxxxxxxx"),
		tok("new-relic-admin-key", "New Relic admin API key",
			"A New Relic REST admin API key (NRAA-): it manages the account's configuration.",
			"NRAA-", `NRAA-[a-f0-9]{27}`, 3.0).
			pos("NEW_RELIC_ADMIN_KEY=⟦NRAA-«hex:27»⟧").
			neg("NEW_RELIC_ADMIN_KEY=NRAA-<admin key>"),
		def("new-relic-license-key", "New Relic license (ingest) key",
			"A New Relic license key: 40 characters ending in NRAL (or 40 hexadecimal characters assigned to a New Relic license name). Agents use it to send data to the account."+revoke,
			&pattern{
				keywords: []string{"nral"},
				re:       regexp.MustCompile(`(?:^|[^A-Za-z0-9_-])([A-Za-z0-9]{36}NRAL)(?:[^A-Za-z0-9_-]|$)`),
				group:    1, minEntropy: 3.0,
				check: func(s string, _ []byte) bool { return !countingStandIn(s) },
			},
			named([]string{"license_key", "licensekey", "license-key"}, `[a-f0-9]{40}`, 3.0)).
			pos("NEW_RELIC_LICENSE_KEY=⟦«hex:36»NRAL⟧", "newrelic:\n  license_key: ⟦«hex:40»⟧\n").
			neg("NEW_RELIC_LICENSE_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxNRAL", "license_key: ${NEW_RELIC_LICENSE_KEY}",
				"helm install newrelic-bundle --set global.licenseKey=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8NRAL"),
		tok("grafana-cloud-api-token", "Grafana Cloud access policy token",
			"A Grafana Cloud API or access policy token (glc_, base64 of a JSON document naming the token and its region).",
			"glc_", `glc_[A-Za-z0-9+/]{32,400}={0,3}`, 4.0).
			pos("GRAFANA_CLOUD_TOKEN=⟦glc_«enc64:{\"o\":\"«digits:6»\",\"n\":\"stack-«digits:6»-alloy-rose\",\"k\":\"«alnum:24»\",\"m\":{\"r\":\"prod-eu-west-2\"}}»⟧").
			neg("GRAFANA_CLOUD_TOKEN=glc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("grafana-service-account-token", "Grafana service account token",
			"A Grafana service account token (glsa_, 32 characters, _ and an 8-character hexadecimal checksum).",
			"glsa_", `glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}`, 3.5).
			pos("GRAFANA_TOKEN=⟦glsa_«alnum:32»_«hex:8»⟧").
			neg("GRAFANA_TOKEN=glsa_«alnum:32»"),
		tok("grafana-api-key", "Grafana API key (legacy)",
			"A Grafana legacy API key: base64 of a JSON document that starts {\"k\":\" (eyJrIjoi).",
			"eyJrIjoi", `eyJrIjoi[A-Za-z0-9]{70,400}={0,3}`, 4.0).
			pos("grafana_api_key = \"⟦eyJrIjoi«alnum:80»⟧\"").
			neg("grafana_api_key = \"eyJrIjoi\""),
		def("datadog-api-key", "Datadog API key",
			"A Datadog API key (32 hexadecimal characters) assigned to a Datadog or DD_API_KEY name. It submits metrics, logs and events to the organisation."+revoke,
			named([]string{"datadog", "dd_api_key", "dd-api-key", "ddapikey"}, `[a-f0-9]{32}`, 3.0),
			glued([]string{"datadog", "dd-", "dd_"}, hexOf(32))).
			pos(forms("datadog", "«hex:32»")...).
			pos("DD_API_KEY=⟦«hex:32»⟧", "dd-apikey-⟦«hex:32»⟧", "datadog-secrettoken-⟦«hex:32»⟧").
			neg(nonForms("datadog", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")...),
		def("datadog-app-key", "Datadog application key",
			"A Datadog application key (40 hexadecimal characters) assigned to a Datadog app key name. With an API key it reads and changes the organisation's data and configuration."+revoke,
			named([]string{"dd_app_key", "dd-app-key", "ddappkey", "dd_application_key", "datadog_app", "datadog-app", "datadogapp", "datadog_application", "datadogapplication"}, `[a-f0-9]{40}`, 3.0),
			glued([]string{"datadog", "dd-", "dd_"}, hexOf(40))).
			pos("DD_APP_KEY=⟦«hex:40»⟧", "datadog_application_key: \"⟦«hex:40»⟧\"", "dd_secret_key-⟦«hex:40»⟧").
			neg("DD_APP_KEY=${DD_APP_KEY}", "DD_APP_KEY: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("dynatrace-api-token", "Dynatrace API token",
			"A Dynatrace API token (dt0c01., a 24-character public part and a 64-character secret).",
			"dt0c01.", `dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}`, 4.0).
			pos("DT_API_TOKEN=⟦dt0c01.«upnum:24».«upnum:64»⟧").
			neg("DT_API_TOKEN=dt0c01.ABC.DEF"),
		namedRule("pagerduty-api-key", "PagerDuty API key",
			"A PagerDuty REST API key (20 characters) assigned to a PagerDuty name. It reads and changes incidents, schedules and services.",
			[]string{"pagerduty", "pager_duty", "pager-duty"}, `[A-Za-z0-9_+-]{20}`, 3.5, "pagerduty", "u+«alnum:18»"),
		namedRule("pagerduty-integration-key", "PagerDuty integration (routing) key",
			"A PagerDuty Events API integration or routing key (32 hexadecimal characters) assigned to a PagerDuty name. It triggers incidents on the service.",
			[]string{"pagerduty", "pager_duty", "routing_key", "routingkey", "integration_key"}, `[a-f0-9]{32}`, 3.0, "pagerduty", "«hex:32»"),
		withPatterns(namedRule("sumologic-access-key", "Sumo Logic access key",
			"A Sumo Logic access key (64 characters) or access ID (su and 12 characters) assigned to a Sumo Logic name.",
			[]string{"sumo"}, `[A-Za-z0-9]{64}`, 4.0, "sumo", "«alnum:64»"),
			namedID([]string{"sumo"}, `su[A-Za-z0-9]{12}`, 3.0)).
			pos("SUMO_ACCESS_ID=⟦su«alnum:12»⟧").
			neg("sumOfExposures = «alnum:64»;", "sumObj = su«alnum:12»"),
		namedRule("splunk-hec-token", "Splunk HTTP Event Collector token",
			"A Splunk HTTP Event Collector token (a UUID) assigned to a Splunk or HEC name. It writes events into the Splunk index.",
			[]string{"splunk", "hec_token", "hec-token", "hectoken"}, uuidRe, 3.0, "splunk", "«uuid»"),
		namedRule("rollbar-access-token", "Rollbar access token",
			"A Rollbar project or account access token (32 hexadecimal characters) assigned to a Rollbar name.",
			[]string{"rollbar"}, `[a-f0-9]{32}`, 3.0, "rollbar", "«hex:32»"),
		namedRule("bugsnag-api-key", "Bugsnag API key",
			"A Bugsnag API or auth token (32 hexadecimal characters) assigned to a Bugsnag name.",
			[]string{"bugsnag"}, `[a-f0-9]{32}`, 3.0, "bugsnag", "«hex:32»"),
		namedRule("honeycomb-api-key", "Honeycomb API key",
			"A Honeycomb API key (22 or 32 characters, or an hcaik_/hcxik_ ingest key) assigned to a Honeycomb name.",
			[]string{"honeycomb"}, `(?:hc[a-z]{2}k_[a-z0-9]{58}|[A-Za-z0-9]{32}|[A-Za-z0-9]{22})`, 3.5, "honeycomb", "«alnum:22»"),
		tok("posthog-personal-api-key", "PostHog personal API key",
			"A PostHog personal API key (phx_): it reads and changes the projects of its owner. Project keys (phc_) are public and not reported.",
			"phx_", `phx_[A-Za-z0-9_]{43,48}`, 4.0).
			pos("POSTHOG_PERSONAL_API_KEY=⟦phx_«alnum:43»⟧").
			neg("POSTHOG_KEY=phc_«alnum:43»"),
		def("launchdarkly-key", "LaunchDarkly SDK or API access key",
			"A LaunchDarkly server-side SDK key (sdk-) or API access token (api-): a UUID behind the prefix. Mobile keys (mob-) and client-side IDs are public and not reported."+revoke,
			prefixed("sdk-", `sdk-[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}`, 3.0),
			prefixed("api-", `api-[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}`, 3.0)).
			pos("LAUNCHDARKLY_SDK_KEY=⟦sdk-«uuid»⟧", "LD_API_KEY=⟦api-«uuid»⟧").
			neg("LAUNCHDARKLY_MOBILE_KEY=mob-«uuid»", "LD_SDK_KEY=sdk-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"),
		namedRule("opsgenie-api-key", "Opsgenie API key",
			"An Opsgenie API key (a UUID) assigned to an Opsgenie name. It creates and closes alerts.",
			[]string{"opsgenie"}, uuidRe, 3.0, "opsgenie", "«uuid»"),
	}
}
