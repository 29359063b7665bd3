package secrets

import "strings"

// catalogRules is the net under the provider rules: an API key, token or
// secret assigned to the name of a known API provider whose keys have no
// format of their own worth a rule (or whose format changes), in any
// syntax named() reads (PANDADOC_API_KEY=…, pastebinKey: "…", nimble
// SECRET …). The identifier must name a credential, and the value must
// look generated: the provider's name is what separates an API key from a
// cache key, a sort key or a key of a map.
func catalogRules() []ruleDef {
	names := strings.Fields(catalogProviders)
	return []ruleDef{
		def("service-api-key", "API key or token of a known API provider",
			"An API key, token or secret assigned to the name of a known API provider (one of about 200 data, messaging, CRM, commerce, analytics, monitoring and AI services without a key format of their own), generated rather than typed. Whoever holds it uses the provider's API as the account, on its bill."+revoke,
			ctxCheck(named(names, `[A-Za-z0-9_+/=-]{20,100}`, 3.0), catalogValueCheck)).
			pos(forms("pandadoc", "«alnum:40»")...).
			pos("nimble SECRET ⟦«alnum:30»⟧", "weatherbitSECRET ⟦«hex:32»⟧", "pastebin_key=⟦«alnum:32»⟧").
			neg(nonForms("pandadoc", strings.Repeat("x", 40))...).
			neg("pandadoc_template = \"«alnum:22»\"", "pastebin_paste_url = \"https://pastebin.com/«alnum:8»\"",
				"weatherbit_key = \"d41d8cd98f00b204e9800998ecf8427e\" # md5 of the empty string: not random", "telnyx_key = 123e4567-e89b-12d3-a456-426614174000"),
	}
}

// catalogCredentialWords are the words an identifier holding a credential
// contains.
var catalogCredentialWords = []string{"key", "token", "secret", "password", "passwd", "pwd", "auth", "credential", "private", "access", "bearer", "pat"}

// catalogValueCheck keeps a value whose own name is a credential's and
// that looks generated, leaving prefixed tokens to their rules.
func catalogValueCheck(secret string, line []byte) bool {
	name := strings.ToLower(nameBefore(line, secret))
	cred := false
	for _, w := range catalogCredentialWords {
		if strings.Contains(name, w) {
			cred = true
			break
		}
	}
	if name == "" {
		// The name is on a line before (<pandadocToken> then the value):
		// the expression read the provider's name and the element there.
		cred = true
	}
	if !cred {
		// The value may follow the provider's name and a credential word
		// on the same line without an identifier of its own (nimble
		// SECRET …): the words before the value say it.
		cred = credentialWordBefore(line, secret)
	}
	return cred && !hasProviderPrefix(secret) && !knownPublicDigest(secret) && looksRandom(secret, 20) && twoClasses(secret, line)
}

// credentialWordBefore reports whether one of the credential words stands
// among the 40 bytes before secret on line.
func credentialWordBefore(line []byte, secret string) bool {
	i := strings.Index(string(line), secret)
	if i < 0 {
		return false
	}
	head := strings.ToLower(string(line[max(0, i-40):i]))
	for _, w := range catalogCredentialWords {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

// knownPublicDigest reports digests of nothing that stand in for keys in
// samples (the MD5 and SHA-1 of the empty string).
func knownPublicDigest(s string) bool {
	switch strings.ToLower(s) {
	case "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709":
		return true
	}
	return false
}

// catalogProviders are lower-case provider names, distinctive enough not to
// be parts of ordinary words or identifiers.
const catalogProviders = `
ably agilecrm aircall alphavantage appdynamics applitools appcenter axiomhq backblaze basecamp bigcommerce
braze brightdata browserbase browserless bunnycdn calendarific capsulecrm carboninterface centralstationcrm
chargebee chromatic clearbit cloudplan codacy coinapi coingecko coinmarketcap comet_api contentstack
coralogix coveralls currencyapi customerio datocms deepsource deepl dialpad docusign elasticemail emailable
eventbrite exchangerate filestack fireworks firecrawl formstack fullcontact fullstory geckoboard geoapify
getstream gladia glassnode gorgias greynoise gumroad happyscribe haveibeenpwned helpcrunch helpscout
honeybadger hotjar hybridanalysis iconfinder imagekit imgix infobip infura insightly instabot ip2location
ipdata ipgeolocation ipregistry iterable jotform kickbox klaviyo kustomer lambdatest lemlist lemonsqueezy
lessannoyingcrm livechat logdna logrocket lunchmoney lusha mailerlite mailmodo mailsac mapquest meilisearch
mixmax mollie moralis msg91 nasdaq neverbounce newsapi newscatcher nftport nimble openexchangerates
opencage openweather openweathermap optimizely owlbot oxylabs pandadoc papertrail paralleldots pastebin
paydirtapp paymongo paystack pdfshift peopledatalabs phantombuster pingdom pipedrive printful printify
profitwell proxycurl prismic prospectcrm protocolsio pushbullet pyowm quickbooks quicknode raygun recurly
rocketchat rocketreach roboflow scaleway_api scraperapi scrapeowl scrapfly securitytrails serpapi serper
sherpadesk shodan signnow signupgenius simvoly skrapp smartlead snovio sonatype speechmatics statsig
statuscake statuspage storyblok storychief strapi surveymonkey tawk telnyx textlocal todoist tomtom toggl
twelvedata tyntec typesense uclassify upcloud uplead uptimerobot urlscan victorops virustotal visualcrossing
voodoosms wakatime wasabi weatherapi weatherbit weaviate webflow wistia woocommerce wrike youtrack zenrows
zerobounce zipcodebase zoominfo
`
