package secrets

import (
	"regexp"
	"strings"
)

// longTailRules are provider keys whose format is documented (or fixed by
// every key the provider issues) but shared with other data, so that only
// the provider's name or the syntax around them tells them apart.
func longTailRules() []ruleDef {
	return []ruleDef{
		def("telnyx-api-key", "Telnyx API v2 key",
			"A Telnyx API v2 key (KEY and 55 letters, digits, _ and -) on a line that names Telnyx: it places calls, sends messages and buys numbers on the account."+revoke,
			withPriority(ctxCheck(near([]string{"telnyx"}, 0, `KEY[A-Za-z0-9_-]{50,56}`, 4.0), ctxAll(mixedAlnum, notCountedKey)), prioProvider)).
			pos("TELNYX_API_KEY=⟦KEY«alnum:20»_«b64url:34»⟧", "telnyx = ⟦KEY«alnum:55»⟧",
				"client = telnyx.Client(api_key=\"⟦KEY«upnum:26»_«alnum:28»⟧\")").
			neg("TELNYX_API_KEY=KEY<your-api-key>", "TELNYX_API_KEY=${TELNYX_API_KEY}",
				"telnyx: KEY_ROTATION_SCHEDULE_FOR_THE_PRODUCTION_ACCOUNTS_IN_EU"),
		def("freemius-secret-key", "Freemius secret key",
			"A Freemius SDK secret key (sk_ and 29 characters, symbols included) in the secret_key entry of an array in a PHP file, as the SDK's configuration holds it: with the public key it manages the product's licences and its users' data."+revoke,
			&pattern{
				keywords: []string{"secret_key"}, files: isPHP,
				re:    regexp.MustCompile(`["']secret_key["']\s*=>\s*["'](sk_[^\s"'\\]{29})["']`),
				group: 1, minEntropy: 3.5, noPlaceholder: true,
				check: func(secret string, _ []byte) bool {
					return charClasses(secret[3:], true) >= 3 && !countsOrRepeats(secret[3:]) && !isPlaceholder(secret)
				},
			}).
			posAt("freemius/start.php", "$config = array(\n\t\"secret_key\" => \"⟦sk_«alnum:12»#«alnum:8»&@*«alnum:5»⟧\",\n);").
			posAt("includes/init.php", "'secret_key' => '⟦sk_«alnum:29»⟧',").
			negAt("docs/freemius.md", "'secret_key' => 'sk_«alnum:29»',").
			neg("'secret_key' => 'sk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx',", "'secret_key' => getenv('FREEMIUS_SECRET_KEY'),"),
		def("splunk-observability-token", "Splunk Observability Cloud (SignalFx) access token",
			"A Splunk Observability Cloud (formerly SignalFx) access or API token (22 letters, digits, _ and -) assigned to or labelled with a Splunk or SignalFx name and a credential word: an ingest token sends metrics and traces to the organisation, an API token reads and changes its dashboards and detectors."+revoke,
			ctxCheck(named([]string{"splunk", "signalfx", "sfx_"}, `[A-Za-z0-9_-]{22}`, 3.5), catalogValueCheck)).
			pos("SPLUNK_ACCESS_TOKEN=⟦«alnum:22»⟧", "SIGNALFX_API_TOKEN: ⟦«b64url:22»⟧", "splunk_PRIVATE ⟦«alnum:22»⟧").
			neg("SPLUNK_ACCESS_TOKEN=${SPLUNK_ACCESS_TOKEN}", "splunk_index = \"«lower:22»\"", "SPLUNK_ACCESS_TOKEN=abcdefghij0123456789AB"),
		tok("teamcity-access-token", "TeamCity access token",
			"A JetBrains TeamCity access token: three dot-separated parts like a JWT, whose header is always {\"typ\": \"TCV2\"} (eyJ0eXAiOiAiVENWMiJ9), then 36 and 48 base64url characters. It calls the server's REST API as the user who created it.",
			"eyJ0eXAiOiAiVENWMiJ9.", `eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{36}\.[A-Za-z0-9_-]{48}`, 4.0).
			pos("TEAMCITY_TOKEN=⟦eyJ0eXAiOiAiVENWMiJ9.«b64url:36».«b64url:48»⟧",
				"curl -H \"Authorization: Bearer ⟦eyJ0eXAiOiAiVENWMiJ9.«b64url:36».«b64url:48»⟧\" https://ci.rose.dev/app/rest/builds").
			neg("TEAMCITY_TOKEN=eyJ0eXAiOiAiVENWMiJ9.<token>"),
		def("woocommerce-consumer-secret", "WooCommerce REST API consumer secret",
			"A WooCommerce REST API consumer secret (cs_ and 40 hexadecimal characters; its consumer key starts ck_): with the key it reads and changes the shop's orders, customers and products."+revoke,
			ctxCheck(prefixed("cs_", `cs_[a-f0-9]{40}`, 3.0), mixedAlnum)).
			pos("WC_CONSUMER_SECRET=⟦cs_«hex:40»⟧", "new WooCommerceRestApi({ consumerKey: \"ck_«hex:40»\", consumerSecret: \"⟦cs_«hex:40»⟧\" })").
			neg("WC_CONSUMER_SECRET=cs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "theme.cs_«hex:12».css"),
		def("mollie-api-key", "Mollie live API key",
			"A Mollie live API key (live_ and 30 letters and digits) near a Mollie name: it creates payments and refunds on the merchant's account."+revoke,
			ctxCheck(near([]string{"mollie"}, 2, `live_[A-Za-z0-9]{30}`, 3.8), ctxAll(mixedAlnum, notCountedKey))).
			pos("MOLLIE_API_KEY=⟦live_«alnum:30»⟧", "$mollie->setApiKey(\"⟦live_«alnum:30»⟧\");").
			neg("MOLLIE_API_KEY=${MOLLIE_API_KEY}", "MOLLIE_API_KEY=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("yandex-oauth-token", "Yandex OAuth token",
			"A Yandex OAuth token (y0_ and some 55 base64url characters): it calls Yandex APIs (Disk, Direct, Metrica, Cloud) as the user who granted it."+revoke,
			ctxCheck(prefixed("y0_", `y0_[A-Za-z0-9_-]{50,64}`, 4.0), mixedAlnum)).
			pos("YANDEX_OAUTH_TOKEN=⟦y0_«b64url:55»⟧", "Authorization: OAuth ⟦y0_Ag«b64url:53»⟧").
			neg("YANDEX_OAUTH_TOKEN=y0_<token>", "float y0_offset = 0.5;"),
		def("eventbrite-private-token", "Eventbrite private token",
			"An Eventbrite private token (20 upper-case letters and digits) assigned to or written near an Eventbrite name: it reads and changes the account's events, orders and attendees."+revoke,
			ctxCheck(named([]string{"eventbrite"}, `[A-Z0-9]{20}`, 3.3), upperKey),
			ctxCheck(follows([]string{"eventbrite"}, `[A-Z0-9]{20}`, 3.3), upperKey)).
			pos("EVENTBRITE_TOKEN=⟦«upnum:20»⟧", "eventbrite secretkey ⟦«upnum:20»⟧").
			neg("EVENTBRITE_TOKEN=${EVENTBRITE_TOKEN}", "eventbrite_event_id = \"«digits:12»\"",
				"EVENTBRITE_TOKEN=ABCDEFGHIJKLMNOPQRST"),
	}
}

// notCountedKey drops a value with a piece that counts or repeats
// (KEY0123456789ABCDEF…): a stand-in typed for the example.
func notCountedKey(secret string, _ []byte) bool { return !countsOrRepeats(secret) }

// upperKey keeps 20 upper-case letters and digits, both present, that do
// not count or repeat: an upper-case word or a number is not a token.
func upperKey(secret string, _ []byte) bool {
	if strings.ToUpper(secret) != secret {
		return false
	}
	return charClasses(secret, false) >= 2 && !countsOrRepeats(secret)
}

// lowerKey keeps lower-case letters and digits, both present, that do not
// count or repeat.
func lowerKey(secret string, _ []byte) bool {
	if strings.ToLower(secret) != secret {
		return false
	}
	return charClasses(secret, false) >= 2 && !countsOrRepeats(secret)
}

// hexOf returns a check that keeps n hexadecimal characters.
func hexOf(n int) func(string, []byte) bool {
	return func(secret string, _ []byte) bool { return len(secret) == n && isHex(secret) }
}

// glued is the pattern of a provider secret glued to the provider's name
// and credential words by a dash or a dot (dd-apikey-…,
// datadog-secrettoken-…, dd_secret_key-…), as notes, exports and generated
// samples label keys (see parseGluedCredential). names are lower-case; the
// name must stand as a word (not the end of odd- or add_), and check judges
// the value's shape.
func glued(names []string, check func(string, []byte) bool) *pattern {
	return &pattern{
		keywords: names, gate: gluedGate, parse: parseGluedCredential, group: 1, minEntropy: 3.0,
		check: func(secret string, line []byte) bool {
			return nameIsWord(line, secret, names) && check(secret, line) && !countsOrRepeats(secret)
		},
	}
}

// isPHP accepts PHP sources, where the Freemius SDK's configuration lives.
func isPHP(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".php") }

// notPartOfLonger drops a value cut where a longer one goes on: = ? or a
// dot and then more token characters (EAAA…=ro…, a query string, a host),
// or a run of base64 around it (/EAAA…+ in an embedded font or image: the
// token's prefix is four base64 characters, and / and + end a token).
func notPartOfLonger(secret string, line []byte) bool {
	i := strings.Index(string(line), secret)
	if i < 0 {
		return true
	}
	if i > 0 && (line[i-1] == '/' || line[i-1] == '+') {
		return false
	}
	j := i + len(secret)
	if j < len(line) && (line[j] == '/' || line[j] == '+') {
		return false
	}
	return j+1 >= len(line) || strings.IndexByte("=?.", line[j]) < 0 || !isAlnum(line[j+1])
}

// atLeast returns a check that keeps values of at least n bytes.
func atLeast(n int) func(string, []byte) bool {
	return func(secret string, _ []byte) bool { return len(secret) >= n }
}
