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
			"An API key, token or secret assigned to the name of a known API provider (one of about 450 data, messaging, CRM, commerce, finance, analytics, monitoring and AI services without a key format of their own), generated rather than typed: a value that counts up or down (abcd1234…, a1b2c3…) or repeats a piece of itself is a stand-in, and a value that goes on past a dot or a symbol (the header of a JWT) is only part of one. Whoever holds it uses the provider's API as the account, on its bill."+revoke,
			ctxCheck(named(names, `[A-Za-z0-9_+/=-]{20,100}`, 3.0), catalogValueCheck),
			&pattern{
				keywords: names, gate: gluedGate, parse: parseGluedCredential, group: 1, minEntropy: 3.0, priority: prioContext,
				check: func(secret string, line []byte) bool {
					return namedValueCheck(secret, line) && nameIsWord(line, secret, names) && catalogValueCheck(secret, line)
				},
			}).
			pos(forms("pandadoc", "«alnum:40»")...).
			pos("nimble SECRET ⟦«alnum:30»⟧", "weatherbitSECRET ⟦«hex:32»⟧", "pastebin_key=⟦«alnum:32»⟧").
			pos("pandadoc-SECRET-⟦«alnum:36»⟧", "hellosignACCESS-TOKEN-⟦«b64:60»==⟧", "signupgeniusPRIVATE.⟦«hex:32»⟧ # rotated",
				"- snovio_api-key.⟦«lownum:40»⟧").
			pos("TRAVELPAYOUTS_TOKEN: ⟦«hex:32»⟧", "\"nylas_api_key\": \"⟦«alnum:30»⟧\"", "monkeylearn TOKEN ⟦«hex:40»⟧",
				"ticketmaster_consumer_secret = '⟦«alnum:24»⟧'", "oanda:\n  access_token: ⟦«hex:32»-«hex:32»⟧").
			neg(nonForms("pandadoc", strings.Repeat("x", 40))...).
			neg("pandadoc_template = \"«alnum:22»\"", "pastebin_paste_url = \"https://pastebin.com/«alnum:8»\"",
				"weatherbit_key = \"d41d8cd98f00b204e9800998ecf8427e\" # md5 of the empty string: not random", "telnyx_key = 123e4567-e89b-12d3-a456-426614174000",
				"scrapestack SECRET abcdef123456ghijklmnop7890qrstuv", "taxjar key: a1b2c3e4f9g0h3i2j5k6m7n8o9p0q1r2",
				"podioToken abcd1234abcd1234abcd1234abcd1234", "veriphone_key = 6345ABCD0987EFGH3456IJKL7891MNOP",
				"stripo_token = eyJhbGciOiJIUzI1NiJ9.«alnum:120».«b64url:43»", "monkeylearn TOKEN «hex:39»",
				"pandadoc-SECRET-abcdef0123456789abcdef0123456789", "hellosign-PRIVATE-key-rotation-schedule-for-production-accounts",
				"wistia-token-«alnum:24»-«alnum:24».mp4", "docusign-access-token-refresh-handler.ts",
				"pixabay_url = \"https://pixabay.com/api/?key=\" + pixabayKey + \"&q=\" + query"),
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
	return cred && !hasProviderPrefix(secret) && !knownPublicDigest(secret) && looksRandom(secret, 20) && twoClasses(secret, line) &&
		!countsOrRepeats(secret) && !readInPart(secret, line) && catalogShapeOK(secret, line)
}

// countsOrRepeats reports whether v was typed as a stand-in rather than
// generated: it counts up or down (abcdef123456, 9876543210, qrst), most
// of its neighbours are steps of one (abcd1234-xyz9876uvw2345), its letters
// or its digits taken apart count (a1b2c3d4e5f6, ABCD1234EFGH5678), or a
// piece of it repeats (abcd1234abcd1234). Generated values do so too
// rarely to matter: for 32 hexadecimal digits a run of five or a repeated
// piece of six comes up less than once in a thousand.
func countsOrRepeats(v string) bool {
	low := strings.ToLower(v)
	run, steps := countRun(low)
	if run >= 5 || 5*steps >= 2*(len(low)-1) {
		return true
	}
	var letters, digits []byte
	for i := 0; i < len(low); i++ {
		switch c := low[i]; {
		case 'a' <= c && c <= 'z':
			letters = append(letters, c)
		case '0' <= c && c <= '9':
			digits = append(digits, c)
		}
	}
	if r, _ := countRun(string(letters)); r >= 6 {
		return true
	}
	if r, _ := countRun(string(digits)); r >= 6 {
		return true
	}
	const piece = 6
	for i := 0; i+2*piece <= len(low); i++ {
		if strings.Contains(low[i+piece:], low[i:i+piece]) {
			return true
		}
	}
	return false
}

// countRun returns the longest run in s of letters or of digits that
// count up or down by one (abcd, 9876), and how many neighbours in s are
// such steps.
func countRun(s string) (longest, steps int) {
	run, dir := 1, 0
	longest = min(1, len(s))
	for i := 1; i < len(s); i++ {
		a, b := s[i-1], s[i]
		d := int(b) - int(a)
		same := ('a' <= a && a <= 'z') == ('a' <= b && b <= 'z') && isAlnum(a) && isAlnum(b)
		if !same || (d != 1 && d != -1) {
			run, dir = 1, 0
			continue
		}
		steps++
		if d == dir {
			run++
		} else {
			run, dir = 2, d
		}
		longest = max(longest, run)
	}
	return longest, steps
}

// readInPart reports whether the value goes on past what the rule read:
// a dot, a question mark or another symbol no key alphabet here holds,
// then more of a token (the header of a JWT, a host name, a value cut at a
// character that makes it something else).
func readInPart(secret string, line []byte) bool {
	i := strings.Index(string(line), secret)
	if i < 0 {
		return false
	}
	j := i + len(secret)
	return j+1 < len(line) && strings.IndexByte(".?^!@$%*~\\", line[j]) >= 0 && isAlnum(line[j+1])
}

// catalogShapes are the shapes of keys whose provider documents one (or
// whose keys all have it), by provider name: a value of another shape
// assigned to the name is not the provider's key.
var catalogShapes = map[string]func(string) bool{
	"monkeylearn": func(v string) bool { return len(v) == 40 && isHex(v) },
}

// catalogShapeOK reports whether secret has the shape of the key of the
// last provider with a documented shape named before it on line (any
// value, when there is none).
func catalogShapeOK(secret string, line []byte) bool {
	i := strings.Index(string(line), secret)
	if i < 0 {
		return true
	}
	head := strings.ToLower(string(line[:i]))
	at, shape := -1, func(string) bool { return true }
	for name, f := range catalogShapes {
		if k := strings.LastIndex(head, name); k > at {
			at, shape = k, f
		}
	}
	return shape(secret)
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

// parseGluedCredential reads a value glued to a provider's name and
// credential words by a dash or a dot, with no separator of an assignment:
// apifonica-SECRET-…, hellosignACCESS-TOKEN-…, signupgeniusPRIVATE.… (how
// keys are labelled in notes, exports and generated samples). The words
// after the name at line[ks:ke] must all be credential words (api, secret,
// private, access, token, key, …), glued or joined by _ . or -; the value
// runs to the end of the token. It returns the offsets an expression with
// the value as its group would.
func parseGluedCredential(line []byte, ks, ke int) ([]int, bool) {
	// glue holds where the credential words end before a dash or a dot;
	// the value may start after any of them (the last first: a value may
	// itself start with a word such as key).
	var glue [4]int
	n, i, cred := 0, ke, false
	for seg := 0; seg < 4 && i < len(line); seg++ {
		j := i
		if line[j] == '_' || line[j] == '-' || line[j] == '.' {
			j++
		}
		k := j
		for k < len(line) && k-j <= 24 && asciiLetter(line[k]) {
			k++
		}
		ok, c := credentialWords(line[j:k])
		if !ok {
			break
		}
		i, cred = k, cred || c
		if cred && i < len(line) && (line[i] == '-' || line[i] == '.') {
			glue[n], n = i, n+1
		}
	}
	for g := n - 1; g >= 0; g-- {
		vs := glue[g] + 1
		ve := vs
		for ve < len(line) && ve-vs <= 100 && (isAlnum(line[ve]) || strings.IndexByte("_+/=-", line[ve]) >= 0) {
			ve++
		}
		if l := ve - vs; l >= 20 && l <= 100 {
			return []int{ks, ve, vs, ve}, true
		}
	}
	return nil, false
}

// gluedGate lets parseGluedCredential run only at a name followed by a
// credential label (an optional _ . or - and glue words): a hit of a name
// in prose or data costs a look at the next word, not a parse.
func gluedGate(text []byte, _, end int) bool {
	i := end
	if i < len(text) && (text[i] == '_' || text[i] == '-' || text[i] == '.') {
		i++
	}
	k := i
	for k < len(text) && k-i <= 24 && asciiLetter(text[k]) {
		k++
	}
	ok, _ := credentialWords(text[i:k])
	return ok
}

// catalogGlueWords are the words a glued credential label is made of, each
// with whether it names a credential (see catalogCredentialWords): one such
// word must be among them.
var catalogGlueWords = []struct {
	w    string
	cred bool
}{
	{"api", false}, {"app", false}, {"client", false}, {"consumer", false}, {"oauth", false}, {"personal", false},
	{"secret", true}, {"private", true}, {"access", true}, {"token", true}, {"key", true}, {"auth", true},
	{"bearer", true}, {"password", true}, {"passwd", true}, {"pwd", true}, {"credentials", true},
	{"credential", true}, {"pat", true},
}

// credentialWords reports whether w (letters) is one or more of
// catalogGlueWords written together in any case (SECRET, secretKey,
// APIKEY), and whether one of them is a credential word. It allocates
// nothing: it runs at every hit of a provider's name.
func credentialWords(w []byte) (ok, cred bool) {
	// split[i]: w[:i] splits into glue words; withCred[i]: with a
	// credential word among them.
	var split, withCred [26]bool
	if len(w) == 0 || len(w) >= len(split) {
		return false, false
	}
	split[0] = true
	for i := 0; i < len(w); i++ {
		if !split[i] {
			continue
		}
		for _, g := range catalogGlueWords {
			if e := i + len(g.w); e <= len(w) && lower(w[i]) == g.w[0] && equalFoldASCII(w[i:e], g.w) {
				split[e] = true
				withCred[e] = withCred[e] || withCred[i] || g.cred
			}
		}
	}
	return split[len(w)], withCred[len(w)]
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
ably aeroworkflow agilecrm aircall alphavantage appcenter appdynamics appfollow applitools appoptics axiomhq
backblaze basecamp bigcommerce bombbomb braze buttercms brightdata browserbase browserless bunnycdn caflou calendarific
calendly calorieninja campayn cannyio capsulecrm carboninterface caspio centralstationcrm cexio chargebee
chatfuel checklyhq chromatic clearbit clientary clockworksms closecrm cloudconvert cloudplan cloudsight
cloverly clustdoc codacy coinapi coingecko coinmarketcap comet_api contentstack conversiontools convertapi
coralogix coveralls crowdin currencyapi customerio d7network dailyco dareboost datagov datocms deepai deepl
deepsource demio detectify detectlanguage dialpad diffbot diggernaut disqus dnscheck docker_hub dockerhub
docparser documo docusign dotdigital dovico duply dwolla dynalist dyspatch eagleeyenetworks ecostruxureit
edamam edenai eightxeight elasticemail emailable enablex endorlabs ethplorer eventbrite everhour exchangerate
exchangerateapi exchangeratesapi exportsdk extractorapi faceplusplus fastforex feedier fetchrss fibery
filestack finage financialmodelingprep firecrawl fixerio flatio fleetbase flightapi flightlabs flightstats
flowflu formbucket formcraft formio formsite formstack foursquare fulcrum fullcontact fullstory fxmarket
geckoboard geoapify geocodify geoipifi getemails getgeoapi getgist getsandbox getstream gladia glassnode
godaddy goodday gorgias graphcms graphhopper greynoise groovehq gtmetrix guardianapi gumroad gyazo happyscribe
hasura haveibeenpwned hellosign helpcrunch helpscout hereapi hiveage holidayapi honeybadger hotjar html2pdf
hybiscus hybridanalysis hypertrack iconfinder imagekit imagga imgix infobip infura insightly instabot
interseller intrinio ip2location ipdata ipgeolocation ipinfodb ipqualityscore ipregistry iterable jotform
jumpcloud jupiterone karmacrm kickbox klaviyo klipfolio knapsackpro kustomer kylas lambdatest larksuite
leadfeeder lemlist lemonsqueezy lendflow lessannoyingcrm lexigram line_notify linenotify
linkpreview livechat livestorm loadmill locationiq logdna loginradius logrocket logzio lokalise loyverse
lunchmoney lusha madkudu mailerlite mailmodo mailsac mapquest mavenlink meaningcloud meilisearch meistertask
mesibo metrilo mindmeister mixmax mockaroo mollie monkeylearn moonclerk moosend moralis mrticktock msg91
myfreshworks myintervals nasdaq nasdaqdatalink neverbounce newsapi newscatcher nftport nicereply nightfall
nimble nozbe nylas oanda omnisend onedesk onfleet oopspam opencage opencagedata openexchangerates openuv
openweather openweathermap optimizely overloop owlbot oxylabs packagecloud pandadoc paperform papertrail
paralleldots parseur particleio partnerstack pastebin paydirtapp paymoapp paymongo paystack pdflayer pdfshift
peopledatalabs pepipost phantombuster pingdom pipedream pipedrive pivotaltracker pixabay planyo podio pollsapi
postageapp powrbot printful printify prismic prodpad profitwell prospectcrm protocolsio proxycrawl proxycurl
purestake pushbullet pyowm qase qualaroo qubole quickbooks quicknode rawg raygun reachmail reallysimplesystems
rebrandly rechargepayments recurly rentman replyio requestfinance restpack ritekit roboflow rocketchat
rocketreach rockset route4me saladcloud salesblink salesflare satismeter scaleway_api scrapeowl scraperapi
scraperbox scrapestack scrapfly scrapingant screenshotapi scrutinizer securitytrails selectpdf serpapi serper
serphouse serpstack sherpadesk shipday shodan shotstack signaturit signnow signupgenius sigopt simfin
simplesat simplynoted simvoly skrapp smartlead snipcart snovio sonatype speechmatics speechtextai spoonacular
sportsmonk sslmate statsig statuscake statuspage statuspal stitchdata stockdata storecove stormboard
stormglass storyblok storychief strapi stripo surveybot surveymonkey surveysparrow survicate swiftype tallyfy
tatumio tawk taxjar teamworkcrm teamworkdesk teamworkspaces technicalanalysisapi tefter telnyx textlocal
theoddsapi ticketmaster tiingo timecamp timezoneapi tmetric todoist toggl tomorrowio tomtom tradier
transferwise travelpayouts twelvedata tyntec typesense uclassify unifyid unplugg unsplash upcdatabase upcloud
uplead uptimerobot upwave urlscan userflow vagrantcloud verimail veriphone versioneye victorops viewneo
virustotal visualcrossing voicegain voodoosms vpnapi wakatime walkscore wasabi weatherapi weatherbit weaviate
web3storage webflow whoxy wistia woocommerce worksnaps workstack worldcoinindex worldweather wrike yelp ynab
youneedabudget yousign youtrack zenkit zenrows zenscrape zenserp zeplin zerobounce zerotier zipbooks
zipcodeapi zipcodebase zohocrm zonkafeedback zoominfo
`
