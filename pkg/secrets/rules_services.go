package secrets

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
)

// service is a provider key without a prefix of its own, found by the
// provider's name: a value of a fixed shape assigned to a name that
// contains one of names (see named), and, for a wide service, the same
// value soon after the provider's name (a log line, an XML
// credential store entry, a positional argument under a comment).
type service struct {
	id    string // rule ID
	name  string // the provider, as it writes itself
	what  string // the credential, lower-case (API key, access token)
	names string // comma-separated lower-case names; the first is the example's variable prefix
	value string // the value's shape (a regular expression without groups)
	tmpl  string // a generator template of a value
	wide  bool   // also report the value near the name (names too distinctive to be parts of words or prose)
}

// serviceRule builds a service's rule: named() for assignments, follows() for
// a wide service, the examples of forms and nonForms, and a help text that
// says what the key is, its shape and what to do.
func serviceRule(s service) ruleDef {
	names := strings.Split(s.names, ",")
	ent := serviceEntropy(s.tmpl)
	pats := []*pattern{named(names, s.value, ent)}
	where := "assigned to a " + s.name + " name"
	// A 40-character hexadecimal value near a name may be a commit SHA in
	// a CI script: such keys are only read from assignments.
	wide := s.wide && s.tmpl != "«hex:40»"
	if wide {
		pats = append(pats, ctxCheck(follows(names, s.value, ent), ctxAll(namedValueCheck, serviceValueCheck(s.tmpl), notDigest)))
		where += " or written soon after one (a log line, a credential store entry, the line under a comment)"
	}
	pats[0] = ctxCheck(pats[0], serviceValueCheck(s.tmpl))
	format, checked := serviceFormats[s.id]
	if checked {
		for _, p := range pats {
			ctxCheck(p, format.check)
		}
	}
	help := "A " + s.name + " " + s.what + " (" + templateShape(s.tmpl) + ") " + where + "."
	ident := strings.NewReplacer("-", "_", ".", "_", " ", "_").Replace(names[0])
	d := def(s.id, s.name+" "+s.what, help+revoke, pats...).
		pos(forms(ident, s.tmpl)...).
		neg(nonForms(ident, strings.Repeat("x", templateLen(s.tmpl)))...)
	if checked {
		d = d.pos(format.pos...).neg(format.neg...)
	}
	if wide {
		d = d.pos("// " + names[0] + " client, production\nclient.authenticate(\"⟦" + s.tmpl + "⟧\")")
	}
	return d
}

// followSpan is how far after a provider's name follows looks for the
// value: the rest of a log line and the next, or a credential store's id
// element and the secret element under it.
const followSpan = 160

// follows is the pattern of a value of the given shape standing alone
// within followSpan bytes after one of names (lower-case; the keywords),
// across at most two line breaks: "[DEBUG] Using adzuna KEY=…",
// "<id>{adzuna}</id>\n<secret>{…}</secret>", "# adzuna\nclient.key('…')".
// The span counts characters, as the single expression that read it did
// (followsExpression in the tests). A reader shared by the rules of a value
// shape (follow.go) reads it from each keyword hit: unlike near, its cost
// does not grow with the line.
func follows(names []string, value string, minEntropy float64) *pattern {
	return &pattern{
		keywords: names, after: 2,
		follow: followReaderFor(value),
		group:  1, minEntropy: minEntropy, priority: prioContext,
	}
}

// notDigest drops a value near a provider's name that is a commit SHA-1
// (40 hexadecimal characters: "revision":"…" in a deploy payload) or a
// digest written as one (sha256:…).
func notDigest(secret string, line []byte) bool {
	if len(secret) == 40 && isHex(secret) {
		return false
	}
	i := strings.Index(string(line), secret)
	if i < 0 {
		return true
	}
	head := strings.ToLower(string(line[max(0, i-8):i]))
	return !strings.HasSuffix(head, "sha256:") && !strings.HasSuffix(head, "sha1:") && !strings.HasSuffix(head, "sha512:") && !strings.HasSuffix(head, "md5:")
}

// serviceFormats check the structure that some services' keys have
// beyond their alphabet and length.
var serviceFormats = map[string]struct {
	check    func(string, []byte) bool
	pos, neg []string // examples of the forms the service's template does not give
}{
	"ngc-api-key": {
		check: ngcKeyFormat,
		pos:   []string{"NGC_API_KEY=⟦«enc64:«alnum:26»:«alnum:8»-«alnum:4»-«alnum:4»-«alnum:4»-«alnum:12»»⟧"},
		// A class name of the key's length in code that names NGC's
		// letters (IncludingConfiguration).
		neg: []string{"from .events import (\n    BillingAccountsIncludingConfigurationRecipientCapabilityStatusChangedEventPayloadsV3 as BillingAccountsIncludingConfigurationRecipientCapabilityStatusChangedEventPayloadsV3,\n)\n"},
	},
}

// ngcKeyFormat checks an NVIDIA NGC API key: the older 84-character form
// is the base64 of the 63-character form, 26 letters and digits, a colon
// and a UUID-shaped part; both forms hold that structure. A long name of
// code in the key's alphabet (a class name of 84 letters) does not.
func ngcKeyFormat(s string, _ []byte) bool {
	if len(s) == 84 {
		dec, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return false
		}
		s = string(dec)
	}
	return ngcRawKey.MatchString(s)
}

var ngcRawKey = regexp.MustCompile(`^[A-Za-z0-9]{26}:[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$`)

// serviceEntropy is the minimum Shannon entropy of a service's values: a
// short, hexadecimal or all-digit key cannot reach what a long mixed one
// does.
func serviceEntropy(tmpl string) float64 {
	n := templateLen(tmpl)
	switch {
	case n < 20:
		return 2.5
	case strings.Contains(tmpl, "«digits:"):
		return 2.5
	case strings.Contains(tmpl, "«hex:") || strings.Contains(tmpl, "«HEX:") || strings.Contains(tmpl, "«uuid»"):
		if n <= 24 {
			return 2.8
		}
		return 3.0
	case n >= 24:
		// Many such keys are hexadecimal whatever the documented class
		// (32 random hexadecimal characters can fall to 3.4).
		return 3.2
	}
	return 3.0
}

// serviceValueCheck: a generated key of letters and digits mixes
// character classes (a word, a constant's name or a number in its place
// does not); short keys and keys of digits or of one letter case only are
// checked by entropy alone.
func serviceValueCheck(tmpl string) func(string, []byte) bool {
	if templateLen(tmpl) < 20 || strings.Contains(tmpl, "«digits:") || strings.Contains(tmpl, "«upper:") || strings.Contains(tmpl, "«lower:") {
		return func(string, []byte) bool { return true }
	}
	return twoClasses
}

// twoClasses reports whether s mixes at least two of lower-case letters,
// upper-case letters and digits: a word, a constant's name or a number does
// not.
func twoClasses(s string, _ []byte) bool { return charClasses(s, false) >= 2 }

// charClasses counts the classes s draws from: lower-case letters,
// upper-case letters, digits and, when symbols is set, anything else.
func charClasses(s string, symbols bool) int {
	var lower, upper, digit, other int
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			lower = 1
		case 'A' <= c && c <= 'Z':
			upper = 1
		case '0' <= c && c <= '9':
			digit = 1
		case symbols:
			other = 1
		}
	}
	return lower + upper + digit + other
}

var shapeGen = regexp.MustCompile(`«([a-zA-Z0-9]+)(?::([0-9]+))?»`)

// templateShape describes a generator template in words: «hex:32» is "32
// hexadecimal characters", pri_«hex:32» "pri_ and 32 hexadecimal
// characters".
func templateShape(tmpl string) string {
	kinds := map[string]string{
		"alnum": "letters and digits", "lownum": "lower-case letters and digits", "upnum": "upper-case letters and digits",
		"hex": "hexadecimal characters", "HEX": "upper-case hexadecimal characters", "digits": "digits",
		"b64": "base64 characters", "b64url": "base64url characters", "upper": "upper-case letters", "lower": "lower-case letters",
		"letters": "letters",
	}
	var parts []string
	rest := tmpl
	for {
		loc := shapeGen.FindStringSubmatchIndex(rest)
		if loc == nil {
			if rest != "" {
				parts = append(parts, rest)
			}
			break
		}
		if loc[0] > 0 {
			parts = append(parts, rest[:loc[0]])
		}
		kind := rest[loc[2]:loc[3]]
		switch {
		case kind == "uuid":
			parts = append(parts, "a UUID")
		case loc[4] >= 0:
			n, _ := strconv.Atoi(rest[loc[4]:loc[5]])
			parts = append(parts, strconv.Itoa(n)+" "+kinds[kind])
		default:
			parts = append(parts, kind)
		}
		rest = rest[loc[1]:]
	}
	return strings.Join(parts, ", ")
}

// servicesRules are the provider keys of services' APIs (data, finance,
// messaging, CRM, developer tools) that only their name identifies.
func servicesRules() []ruleDef {
	var defs []ruleDef
	for _, s := range services {
		defs = append(defs, serviceRule(s))
	}
	return defs
}

var services = []service{
	{"aylien-api-key", "Aylien", "text analysis API key", "aylien", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"adzuna-api-key", "Adzuna", "job search API key", "adzuna", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"aviationstack-api-key", "aviationstack", "API access key", "aviationstack", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"axonaut-api-key", "Axonaut", "API key", "axonaut", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"scrapingbee-api-key", "ScrapingBee", "API key", "scrapingbee,scraping_bee,scraping-bee,scraping bee", `[A-Z0-9]{80}`, "«upnum:80»", true},
	{"smartsheet-access-token", "Smartsheet", "API access token", "smartsheet", `[a-zA-Z0-9]{37}|[a-zA-Z0-9]{26}`, "«alnum:37»", true},
	{"phrase-access-token", "Phrase", "access token", "phrase_access_token,phrase_token,phrase_api,phraseapp,phrase-access-token,phrase_key,phrase", `[a-z0-9]{64}`, "«lownum:64»", false},
	{"aha-api-key", "Aha!", "API key", "aha_api,aha_token,aha_key,aha.io,aha-api,ahaapi,aha_secret", `[0-9a-f]{64}`, "«hex:64»", true},
	{"vbout-api-key", "VBOUT", "API key", "vbout", `[0-9]{25}`, "«digits:25»", true},
	{"tickettailor-api-key", "Ticket Tailor", "API key", "tickettailor,ticket_tailor,ticket-tailor", `sk_[0-9]{4}_[0-9]{6}_[a-f0-9]{32}`, "sk_«digits:4»_«digits:6»_«hex:32»", true},
	{"supernotes-api-key", "Supernotes", "API key", "supernotes", `[0-9A-Za-z_-]{43}`, "«b64url:43»", true},
	{"solarwinds-observability-token", "SolarWinds Observability", "API token", "solarwinds", `[0-9a-zA-Z_-]{71}`, "«b64url:71»", true},
	{"salescookie-api-key", "Salesforce SalesCookie", "API key", "salescookie", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"parsehub-api-key", "ParseHub", "API key", "parsehub", `[0-9a-zA-Z]{12}`, "«alnum:12»", true},
	{"pandascore-api-token", "PandaScore", "API token", "pandascore", `[0-9A-Za-z_-]{51}`, "«b64url:51»", true},
	{"ipinfo-access-token", "IPinfo", "access token", "ipinfo", `[a-f0-9]{14}`, "«hex:14»", true},
	{"iexcloud-api-token", "IEX Cloud", "API token", "iexcloud,iex_cloud,iexapis,iex_token,iex_api", `(?:sk|pk|Tsk|Tpk)_[a-z0-9]{32}|[a-z0-9_]{35}`, "sk_«hex:32»", true},
	{"easyinsight-api-key", "Easy Insight", "API key", "easyinsight,easy-insight,easy_insight", `[0-9a-zA-Z]{20}`, "«alnum:20»", true},
	{"duo-secret-key", "Duo Security", "integration secret key", "duo_secret,duo_skey,duosecurity,duo_api_secret,duo_secret_key,duo-secret", `[A-Za-z0-9]{40}`, "«alnum:40»", true},
	{"clickhelp-api-key", "ClickHelp", "API key", "clickhelp", `[0-9A-Za-z]{24}`, "«alnum:24»", true},
	{"bulksms-api-token", "BulkSMS", "API token", "bulksms", `[A-F0-9]{8}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{12}-?[A-F0-9]?|[a-zA-Z0-9]{29}`, "«alnum:29»", true},
	{"bulbul-api-key", "Bulbul", "API key", "bulbul", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"browshot-api-key", "Browshot", "API key", "browshot", `[a-zA-Z0-9]{28}`, "«alnum:28»", true},
	{"browserstack-access-key", "BrowserStack", "access key", "browserstack,bs_authkey,bs_access_key", `[a-zA-Z0-9]{20}`, "«alnum:20»", true},
	{"boostnote-api-key", "Boost Note", "API key", "boostnote", `[0-9a-f]{64}`, "«hex:64»", true},
	{"bitmex-api-secret", "BitMEX", "API secret", "bitmex", `[0-9a-zA-Z_-]{48}`, "«b64url:48»", true},
	{"betterstack-api-token", "Better Stack", "API token", "betterstack,better_stack,better-stack,betteruptime,better_uptime,logtail", `[0-9a-zA-Z]{24}`, "«alnum:24»", true},
	{"besttime-api-key", "BestTime", "private API key", "besttime", `pri_[a-f0-9]{32}`, "pri_«hex:32»", true},
	{"beebole-api-token", "Beebole", "API token", "beebole", `[0-9a-z]{40}`, "«lownum:40»", true},
	{"baremetrics-api-key", "Baremetrics", "API key", "baremetrics", `(?:sk|lk)_[a-zA-Z0-9]{18,25}`, "sk_«alnum:22»", true},
	{"ayrshare-api-key", "Ayrshare", "API key", "ayrshare", `[A-Z0-9]{8}-[A-Z0-9]{8}-[A-Z0-9]{8}-[A-Z0-9]{8}`, "«upnum:8»-«upnum:8»-«upnum:8»-«upnum:8»", true},
	{"avaza-access-token", "Avaza", "personal access token", "avaza", `[0-9]+-[0-9a-f]{40}`, "«digits:6»-«hex:40»", true},
	{"autopilot-api-key", "Autopilot", "API key", "autopilot_api,autopilotapi,autopilot_key,autopilothq,autopilot-api,autopilot", `[0-9a-f]{32}`, "«hex:32»", true},
	{"autoklose-api-key", "Autoklose", "API key", "autoklose", `[a-zA-Z0-9-]{32}`, "«alnum:32»", true},
	{"audd-api-token", "AudD", "API token", "audd", `[a-z0-9-]{32}`, "«lownum:32»", false},
	{"atera-api-key", "Atera", "API key", "atera", `[0-9a-z]{32}`, "«lownum:32»", false},
	{"artsy-client-secret", "Artsy", "client secret", "artsy", `[0-9a-zA-Z]{32}`, "«alnum:32»", true},
	{"apptivo-api-key", "Apptivo", "API key", "apptivo", `[a-z0-9-]{36}`, "«uuid»", true},
	{"appsynergy-api-key", "AppSynergy", "API key", "appsynergy", `[a-z0-9]{64}`, "«lownum:64»", true},
	{"appointedd-api-key", "Appointedd", "API key", "appointedd", `[a-zA-Z0-9=+/]{88}`, "«b64:86»==", true},
	{"appcues-api-secret", "Appcues", "API key or secret", "appcues", `[a-z0-9-]{39}|[a-z0-9-]{36}`, "«uuid»", true},
	{"apitemplate-api-key", "APITemplate.io", "API key", "apitemplate", `[0-9a-zA-Z]{39}`, "«alnum:39»", true},
	{"apimetrics-api-key", "APImetrics", "API key", "apimetrics", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"apimatic-api-key", "APIMatic", "API key", "apimatic", `[a-zA-Z0-9_-]{64}`, "«b64url:64»", true},
	{"apilayer-api-key", "apilayer", "API access key", "apilayer,currencylayer,coinlayer,countrylayer,ipstack,mediastack,positionstack,weatherstack,marketstack,numverify,mailboxlayer,languagelayer,vatlayer,userstack,screenshotlayer", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"apifonica-api-key", "Apifonica", "account token", "apifonica", `[0-9a-z]{11}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}`, "«lownum:11»-«lownum:4»-«lownum:4»-«lownum:4»-«lownum:12»", true},
	{"apiflash-access-key", "ApiFlash", "access key", "apiflash", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"api2cart-api-key", "API2Cart", "API key", "api2cart", `[0-9a-f]{32}`, "«hex:32»", true},
	{"ambee-api-key", "Ambee", "API key", "ambee", `[0-9a-f]{64}`, "«hex:64»", true},
	{"allsports-api-key", "AllSportsAPI", "API key", "allsports", `[0-9a-z]{64}`, "«lownum:64»", true},
	{"alienvault-otx-key", "AlienVault OTX", "API key", "alienvault,otx_api,otx_key,otxapi", `[a-z0-9]{64}`, "«hex:64»", true},
	{"aletheia-api-key", "Aletheia", "API key", "aletheiaapi,aletheia", `[A-Z0-9]{32}`, "«upnum:32»", true},
	{"alegra-api-token", "Alegra", "API token", "alegra", `[a-z0-9-]{20}`, "«lownum:20»", true},
	{"alconost-api-key", "Alconost", "API key", "alconost", `[0-9a-z]{32}`, "«lownum:32»", true},
	{"aiven-api-token", "Aiven", "authentication token", "aiven", `[a-zA-Z0-9/+=]{372}`, "«b64:372»", true},
	{"airvisual-api-key", "IQAir AirVisual", "API key", "airvisual", `[a-z0-9-]{36}`, "«uuid»", true},
	{"airship-access-token", "Airship", "bearer token", "airship,urbanairship,urban_airship", `[0-9a-zA-Z]{91}`, "«alnum:91»", true},
	{"airbrake-user-key", "Airbrake", "user or project key", "airbrake", `[a-zA-Z0-9]{40}|[a-zA-Z0-9]{32}`, "«alnum:40»", true},
	{"zulip-api-key", "Zulip", "API key", "zulip", `[A-Za-z0-9]{32}`, "«alnum:32»", true},
	{"zipapi-api-key", "ZipAPI", "API key", "zipapi", `[A-Za-z0-9]{32}`, "«alnum:32»", true},
	{"youtube-api-key", "YouTube", "Data API key or OAuth secret", "youtube", `[A-Za-z0-9_-]{39}`, "«b64url:39»", false},
	{"wepay-access-token", "WePay", "access token", "wepay", `[a-zA-Z0-9_]{62}`, "«alnum:62»", true},
	{"websitepulse-api-key", "WebSitePulse", "API key", "websitepulse", `[0-9a-f]{32}`, "«hex:32»", true},
	{"webex-access-token", "Webex", "bot or integration token", "webex", `C?[a-f0-9]{64}`, "«hex:64»", true},
	{"vouchery-api-key", "Vouchery", "API key", "vouchery", `[a-z0-9-]{36}`, "«uuid»", true},
	{"uploadcare-secret-key", "Uploadcare", "secret key", "uploadcare", `[a-z0-9]{20}`, "«lownum:20»", true},
	{"typetalk-client-secret", "Typetalk", "client secret or token", "typetalk", `[0-9a-zA-Z]{64}|[0-9a-zA-Z]{32}`, "«alnum:64»", true},
	{"tokeet-api-key", "Tokeet", "API key", "tokeet", `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "«uuid»", true},
	{"thousandeyes-api-token", "ThousandEyes", "API token", "thousandeyes", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"thinkific-api-key", "Thinkific", "API key", "thinkific", `[0-9a-f]{32}`, "«hex:32»", true},
	{"textmagic-api-key", "TextMagic", "API key", "textmagic", `[0-9A-Za-z]{30}`, "«alnum:30»", true},
	{"testingbot-secret", "TestingBot", "API key or secret", "testingbot", `[0-9a-z]{32}`, "«lownum:32»", true},
	{"teamgate-api-key", "Teamgate", "API or auth token", "teamgate", `[a-zA-Z0-9]{80}|[a-z0-9]{40}`, "«lownum:40»", true},
	{"surveyanyplace-api-key", "Survey Anyplace", "API key", "surveyanyplace", `[a-z0-9A-Z]{32}`, "«alnum:32»", true},
	{"sugester-api-key", "Sugester", "API key", "sugester", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"stytch-secret", "Stytch", "project secret", "stytch", `secret-(?:live|test)-[a-zA-Z0-9_=-]{36}|[a-zA-Z0-9_-]{47}=`, "«b64url:47»=", true},
	{"strava-client-secret", "Strava", "client secret or access token", "strava", `[0-9a-z]{40}`, "«lownum:40»", true},
	{"smooch-api-secret", "Smooch (Sunshine Conversations)", "API key secret", "smooch", `[0-9a-zA-Z_-]{86}|act_[0-9a-z]{24}`, "«b64url:86»", true},
	{"smartystreets-auth-token", "SmartyStreets", "auth token", "smartystreets,smarty_auth,smarty_token", `[a-zA-Z0-9]{20}`, "«alnum:20»", true},
	{"skybiometry-api-secret", "SkyBiometry", "API key or secret", "skybiometry", `[0-9a-z]{25,26}`, "«lownum:26»", true},
	{"siteleaf-api-secret", "Siteleaf", "API key or secret", "siteleaf", `[0-9a-z]{32}`, "«lownum:32»", true},
	{"sirv-client-secret", "Sirv", "client secret", "sirv_client_secret,sirv_secret,sirvclientsecret,sirv_api", `[a-zA-Z0-9+/]{86}==`, "«b64:86»==", true},
	{"sinch-api-token", "Sinch", "API token", "sinch", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"signalwire-api-token", "SignalWire", "API token", "signalwire", `PT[0-9A-Za-z]{48}|[0-9A-Za-z]{50}`, "PT«hex:48»", true},
	{"shutterstock-api-secret", "Shutterstock", "API secret or token", "shutterstock", `[0-9a-zA-Z]{32}|[0-9a-zA-Z]{16}`, "«alnum:32»", true},
	{"sheety-api-token", "Sheety", "bearer token", "sheety", `[0-9a-z]{64}|[0-9a-z]{32}`, "«lownum:64»", true},
	{"scalr-api-token", "Scalr", "API token", "scalr", `[0-9a-zA-Z._-]{136}`, "«b64url:136»", true},
	{"saucelabs-access-key", "Sauce Labs", "access key", "saucelabs,sauce_access_key,sauce_labs,sauceaccesskey", `[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}`, "«uuid»", true},
	{"sanity-api-token", "Sanity", "API token", "sanity_token,sanity_api,sanity_auth,sanity_write,sanity_read,sanityapitoken,sanity_studio,sanity_secret,sanity", `sk[A-Za-z0-9]{79}`, "sk«alnum:79»", false},
	{"salesmate-session-token", "Salesmate", "session token", "salesmate", `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "«uuid»", true},
	{"runrunit-app-key", "Runrun.it", "app key", "runrunit,runrun.it,runrun_it", `[0-9a-f]{32}`, "«hex:32»", true},
	{"rownd-app-secret", "Rownd", "app secret", "rownd", `[a-z0-9]{48}`, "«lownum:48»", true},
	{"roaring-client-secret", "Roaring", "client secret", "roaring", `[0-9A-Za-z_-]{28}`, "«b64url:28»", false},
	{"ringcentral-client-secret", "RingCentral", "client secret", "ringcentral", `[0-9A-Za-z_-]{22}`, "«b64url:22»", true},
	{"revampcrm-api-key", "Revamp CRM", "API key", "revampcrm,revamp_crm", `[a-zA-Z0-9]{40}`, "«alnum:40»", true},
	{"repairshopr-api-key", "RepairShopr", "API key", "repairshopr", `[a-zA-Z0-9-]{51}`, "«alnum:51»", true},
	{"redhat-pyxis-api-key", "Red Hat Pyxis", "API key", "pyxis", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"pusher-app-secret", "Pusher Channels", "app secret", "pusher_secret,pusher_app_secret,pusherappsecret,pushersecret,pusher-app-secret", `[a-z0-9]{20}`, "«hex:20»", false},
	{"poloniex-api-secret", "Poloniex", "API key or secret", "poloniex", `[0-9a-f]{128}|[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}`, "«hex:128»", true},
	{"plivo-auth-token", "Plivo", "auth token", "plivo", `[A-Za-z0-9_-]{40}`, "«alnum:40»", true},
	{"planview-api-token", "Planview LeanKit", "API token", "planviewleankit,planview,leankit", `[0-9a-f]{128}`, "«hex:128»", true},
	{"pinata-api-secret", "Pinata", "API key or secret", "pinata", `[0-9a-z]{64}|[0-9a-z]{20}`, "«hex:64»", true},
	{"onesignal-api-key", "OneSignal", "REST API key", "onesignal", `os_v2_app_[a-z0-9]{100,120}|[a-z0-9]{48}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "«lownum:48»", true},
	{"onepagecrm-api-key", "OnePageCRM", "API key", "onepagecrm", `[a-zA-Z0-9=+/]{44}`, "«b64:43»=", true},
	{"onelogin-client-secret", "OneLogin", "client secret", "onelogin", `[a-z0-9]{64}`, "«hex:64»", true},
	{"nutritionix-api-key", "Nutritionix", "API key", "nutritionix", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"ngc-api-key", "NVIDIA NGC", "API key", "ngc_api_key,ngc_key,ngc_cli_api_key,ngcapikey,ngc_token,ngc", `[A-Za-z0-9]{84}|[A-Za-z0-9]{26}:[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}`, "«alnum:26»:«alnum:8»-«alnum:4»-«alnum:4»-«alnum:4»-«alnum:12»", false},
	{"vonage-api-secret", "Vonage (Nexmo)", "API secret", "nexmo,vonage", `[A-Za-z0-9_-]{16}`, "«alnum:16»", true},
	{"neutrinoapi-api-key", "Neutrino API", "API key", "neutrinoapi,neutrino_api,neutrino-api", `[a-zA-Z0-9]{48}`, "«alnum:48»", true},
	{"netsuite-token-secret", "NetSuite", "consumer or token secret", "netsuite", `[a-zA-Z0-9]{64}`, "«hex:64»", true},
	{"nethunt-api-key", "NetHunt CRM", "API key", "nethunt", `[a-z0-9-]{36}`, "«uuid»", true},
	{"freshworks-api-key", "Freshworks", "API key", "freshworks,freshdesk,freshsales,freshservice", `[a-zA-Z0-9_-]{22}|[a-zA-Z0-9]{20}`, "«alnum:20»", true},
	{"mux-token-secret", "Mux", "access token secret", "mux_token_secret,mux_secret,muxtokensecret,mux_access_token", `[0-9A-Za-z+/]{75}`, "«b64:75»", false},
	{"mixpanel-api-secret", "Mixpanel", "API secret or service account secret", "mixpanel", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"metabase-session-token", "Metabase", "session token or API key", "metabase", `mb_[A-Za-z0-9+/=]{40,48}|[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}`, "«uuid»", true},
	{"metaapi-api-key", "MetaAPI", "API key", "metaapi,meta-api,meta_api", `[0-9a-f]{64}`, "«hex:64»", true},
	{"magicbell-api-secret", "MagicBell", "API secret", "magicbell", `[a-zA-Z0-9-]{40}`, "«alnum:40»", true},
	{"luno-api-secret", "Luno", "API secret", "luno_api,luno_secret,luno_key,lunoapi,luno", `[a-zA-Z0-9_-]{43}`, "«b64url:43»", false},
	{"loggly-api-token", "Loggly", "API token", "loggly", `[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}`, "«uuid»", true},
	{"liveagent-api-key", "LiveAgent", "API key", "liveagent,ladesk", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"keenio-master-key", "Keen", "master, write or read key", "keenio,keen_io,keen.io,keen_master,keen_write,keen_read,keen_project", `[0-9A-Z]{64}`, "«HEX:64»", true},
	{"kanbantool-api-token", "Kanban Tool", "API token", "kanbantool,kanban_tool,kanban-tool", `[0-9A-Z]{12}`, "«upnum:12»", true},
	{"invoiceocean-api-token", "InvoiceOcean", "API token", "invoiceocean", `[0-9A-Za-z]{20}`, "«alnum:20»", true},
	{"instamojo-auth-token", "Instamojo", "auth token or client secret", "instamojo", `[0-9a-zA-Z]{128}|[0-9a-zA-Z]{40}`, "«alnum:40»", true},
	{"gocanvas-api-key", "GoCanvas", "API key", "gocanvas", `[0-9A-Za-z/+]{43}=`, "«b64:43»=", true},
	{"gengo-private-key", "Gengo", "private key", "gengo", `[0-9a-zA-Z\[\]()|_^@$=~{}-]{64}`, "«alnum:64»", true},
	{"dronahq-api-token", "DronaHQ", "API token", "dronahq", `[a-z0-9]{50}`, "«lownum:50»", true},
	{"dfuse-api-key", "dfuse", "API key", "dfuse", `web_[0-9a-z]{32}`, "web_«hex:32»", true},
	{"databox-token", "Databox", "push token", "databox", `[a-z0-9]{21}`, "«lownum:21»", true},
	{"customerguru-api-key", "Customer Guru", "API key or secret", "customerguru,customer_guru", `[a-z0-9A-Z]{50}|[a-z0-9A-Z]{30}`, "«alnum:50»", true},
	{"currentsapi-api-key", "Currents API", "API key", "currentsapi,currents_api", `[a-zA-Z0-9_-]{48}`, "«b64url:48»", true},
	{"currencyscoop-api-key", "CurrencyScoop", "API key", "currencyscoop,currencybeacon", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"currencyfreaks-api-key", "CurrencyFreaks", "API key", "currencyfreaks", `[0-9a-z]{32}`, "«lownum:32»", true},
	{"currencycloud-api-key", "Currencycloud", "API key", "currencycloud", `[0-9a-z]{64}`, "«lownum:64»", true},
	{"cryptocompare-api-key", "CryptoCompare", "API key", "cryptocompare", `[a-z0-9-]{64}`, "«hex:64»", true},
	{"craftmypdf-api-key", "CraftMyPDF", "API key", "craftmypdf", `[0-9a-zA-Z]{35}`, "«alnum:35»", true},
	{"courier-api-key", "Courier", "auth token", "courier_auth,courier_token,courier_api,courierauthtoken,courier", `pk_[a-zA-Z0-9]+_[a-zA-Z0-9]{28}`, "pk_prod_«upnum:28»", false},
	{"convier-api-key", "Convier", "API key", "convier", `[0-9]{2}\|[a-zA-Z0-9]{40}`, "«digits:2»|«alnum:40»", true},
	{"convertkit-api-key", "ConvertKit (Kit)", "API key or secret", "convertkit", `[a-z0-9A-Z_]{43}|[a-z0-9A-Z_]{22}`, "«alnum:22»", true},
	{"commercejs-secret-key", "Commerce.js (Chec)", "secret key", "commercejs,commerce_js,chec_", `sk_[a-z0-9_]{45}|[a-z0-9_]{48}`, "sk_«lownum:45»", true},
	{"chec-public-key", "Chec", "API key", "checio,chec_api", `pk_[a-z0-9]{45}`, "pk_«lownum:45»", true},
	{"column-api-key", "Column", "API key", "column_api,column_key,column_secret,columnapikey,column_token", `live_[a-zA-Z0-9]{27}`, "live_«alnum:27»", false},
	{"collect2-api-key", "Collect2", "API key", "collect2", `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "«uuid»", true},
	{"coinlib-api-key", "Coinlib", "API key", "coinlib", `[a-z0-9]{16}`, "«lownum:16»", true},
	{"codequiry-api-key", "Codequiry", "API key", "codequiry", `[a-zA-Z0-9]{64}`, "«alnum:64»", true},
	{"codemagic-api-token", "Codemagic", "API token", "codemagic", `[A-Za-z0-9_]{43}`, "«alnum:43»", true},
	{"cloze-api-key", "Cloze", "API key", "cloze_api,cloze_key,clozeapi,cloze_token", `[0-9a-f]{32}`, "«hex:32»", false},
	{"cloudsmith-api-key", "Cloudsmith", "API key", "cloudsmith", `[0-9a-f]{40}`, "«hex:40»", true},
	{"cloudmersive-api-key", "Cloudmersive", "API key", "cloudmersive", `[a-z0-9-]{36}`, "«uuid»", true},
	{"cloudinary-api-secret", "Cloudinary", "API secret", "cloudinary", `[A-Za-z0-9_-]{27}`, "«b64url:27»", true},
	{"cloudimage-api-key", "Cloudimage", "API key", "cloudimage", `[a-z0-9_]{30}`, "«lownum:30»", true},
	{"cloudelements-api-secret", "Cloud Elements", "user or organisation secret", "cloudelements,cloud_elements", `[a-zA-Z0-9]{43}|[a-z0-9]{32}`, "«alnum:43»", true},
	{"clockify-api-key", "Clockify", "API key", "clockify", `[a-zA-Z0-9]{48}`, "«alnum:48»", true},
	{"clinchpad-api-key", "ClinchPad", "API key", "clinchpad", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"cliengo-api-key", "Cliengo", "API key", "cliengo", `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "«uuid»", true},
	{"clicksend-api-key", "ClickSend", "API key", "clicksend", `[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}`, "«HEX:8»-«HEX:4»-«HEX:4»-«HEX:4»-«HEX:12»", true},
	{"clarifai-api-key", "Clarifai", "API key or personal access token", "clarifai", `[a-zA-Z0-9]{32}`, "«hex:32»", true},
	{"cicero-api-key", "Cicero", "API key", "cicero_api,cicero_key,ciceroapi,cicero_token", `[0-9a-z]{40}`, "«lownum:40»", false},
	{"checkvist-api-key", "Checkvist", "API key", "checkvist", `[0-9a-zA-Z]{14}`, "«alnum:14»", true},
	{"checkout-secret-key", "Checkout.com", "secret key", "checkout_secret,checkout_sk,checkoutcom,checkout.com,checkout_com,cko_secret", `sk_(?:sbox_)?[a-z0-9]{26}|sk_[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`, "sk_«uuid»", true},
	{"chartmogul-api-key", "ChartMogul", "API key", "chartmogul", `[a-z0-9]{32}`, "«lownum:32»", true},
	{"censys-api-secret", "Censys", "API secret", "censys", `[a-zA-Z0-9]{32}`, "«alnum:32»", true},
	{"cashboard-api-key", "Cashboard", "API key", "cashboard", `[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}`, "«upnum:3»-«upnum:3»-«upnum:3»-«upnum:3»", true},
	{"buttercms-api-key", "ButterCMS", "API key", "buttercms,butter_cms", `[a-z0-9]{40}`, "«hex:40»", true},
	{"bugherd-api-key", "BugHerd", "API key", "bugherd", `[0-9a-z]{22}`, "«lownum:22»", true},
	{"budibase-api-key", "Budibase", "API key", "budibase", `[a-f0-9]{32}-[a-f0-9]{78,80}`, "«hex:32»-«hex:80»", true},
	{"buddyns-api-key", "BuddyNS", "API key", "buddyns", `[0-9a-z]{40}`, "«hex:40»", true},
	{"bscscan-api-key", "BscScan", "API key", "bscscan,etherscan,polygonscan,arbiscan,snowtrace,ftmscan", `[0-9A-Z]{34}`, "«upnum:34»", true},
	{"borgbase-api-token", "BorgBase", "API token", "borgbase", `[a-zA-Z0-9/_.-]{148,152}`, "«b64url:150»", true},
	{"blocknative-api-key", "Blocknative", "API key", "blocknative", `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "«uuid»", true},
	{"blitapp-api-key", "Blitapp", "API key", "blitapp", `[a-zA-Z0-9_-]{39}`, "«b64url:39»", true},
	{"blazemeter-api-key", "BlazeMeter (Runscope)", "API key", "blazemeter,runscope", `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "«uuid»", true},
	{"bitly-access-token", "Bitly", "access token", "bitly", `[a-zA-Z0-9]{40}`, "«hex:40»", true},
	{"bitfinex-api-secret", "Bitfinex", "API key or secret", "bitfinex", `[A-Za-z0-9_-]{43}`, "«b64url:43»", true},
	{"bitcoinaverage-api-key", "BitcoinAverage", "API key", "bitcoinaverage", `[a-zA-Z0-9]{43}`, "«alnum:43»", true},
	{"bitbar-api-key", "BitBar", "API key", "bitbar", `[0-9a-zA-Z]{32}`, "«alnum:32»", true},
	{"billomat-api-key", "Billomat", "API key", "billomat", `[0-9a-f]{32}`, "«hex:32»", true},
	{"besnappy-api-key", "BeSnappy", "API key", "besnappy", `[a-f0-9]{64}`, "«hex:64»", true},
	{"autodesk-client-secret", "Autodesk Platform Services", "client secret", "autodesk,forge_client_secret", `[0-9A-Za-z]{32}|[0-9A-Za-z]{16}`, "«alnum:32»", true},
	{"apollo-api-key", "Apollo.io", "API key", "apollo_api,apolloio,apollo.io,apollo_io,apollo_key", `[a-zA-Z0-9]{22}`, "«alnum:22»", false},
	{"apideck-api-key", "Apideck", "API key", "apideck", `sk_live_[a-zA-Z0-9-]{93}|[a-zA-Z0-9]{40}`, "«alnum:40»", true},
	{"apacta-api-key", "Apacta", "API key", "apacta", `[a-z0-9-]{36}`, "«uuid»", true},
	{"anypoint-client-secret", "MuleSoft Anypoint", "client secret", "anypoint", `[0-9a-fA-F]{32}`, "«hex:32»", true},
	{"amplitude-api-secret", "Amplitude", "API key or secret key", "amplitude_api,amplitude_secret,amplitude_key,amplitudeapi,amplitude-api", `[0-9a-f]{32}`, "«hex:32»", true},
	{"amadeus-api-secret", "Amadeus", "API key or secret", "amadeus", `[0-9A-Za-z]{32}|[0-9A-Za-z]{16}`, "«alnum:32»", true},
	{"agora-app-certificate", "Agora", "app certificate or customer secret", "agora", `[a-z0-9]{32}`, "«hex:32»", false},
	{"abyssale-api-key", "Abyssale", "API key", "abyssale", `[a-z0-9A-Z]{40}`, "«alnum:40»", true},
	{"abuseipdb-api-key", "AbuseIPDB", "API key", "abuseipdb", `[a-z0-9]{80}`, "«hex:80»", true},
	{"abstractapi-api-key", "Abstract API", "API key", "abstractapi,abstract_api,abstract-api", `[0-9a-z]{32}`, "«hex:32»", true},
}
