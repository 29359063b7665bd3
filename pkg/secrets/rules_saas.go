package secrets

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strings"
)

// Developer and productivity SaaS.
func saasRules() []ruleDef {
	return []ruleDef{
		def("postman-api-key", "Postman API key",
			"A Postman API key (PMAK-)."+revoke,
			prefixed("PMAK-", `PMAK-(?:[A-Za-z0-9]{24}-[A-Za-z0-9]{34}|[A-Za-z0-9]{59})`, 3.0)).
			pos("POSTMAN_API_KEY=⟦PMAK-«hex:24»-«hex:34»⟧", "x-api-key: ⟦PMAK-«alnum:24»-«alnum:34»⟧").
			neg("POSTMAN_API_KEY=PMAK-<key>"),
		def("linear-api-key", "Linear API key",
			"A Linear personal API key (lin_api_)."+revoke,
			prefixed("lin_api_", `lin_api_[A-Za-z0-9]{40}`, 4.0)).
			pos("LINEAR_API_KEY=⟦lin_api_«alnum:40»⟧").
			neg("LINEAR_API_KEY=lin_api_***"),
		tok("linear-oauth-token", "Linear OAuth access token",
			"A Linear OAuth access token (lin_oauth_ and 64 hexadecimal characters), issued to an OAuth application or agent: it reads and writes the workspace's issues with the scopes granted. Revoke the application's authorization in Linear's settings (or through the token revocation endpoint).",
			"lin_oauth_", `lin_oauth_[a-f0-9]{64}`, 3.0).
			pos("LINEAR_ACCESS_TOKEN=⟦lin_oauth_«hex:64»⟧", "headers = {\"Authorization\": \"Bearer ⟦lin_oauth_«hex:64»⟧\"}").
			neg("LINEAR_ACCESS_TOKEN=lin_oauth_xxx", "LINEAR_ACCESS_TOKEN=lin_oauth_«hex:20»"),
		def("notion-api-token", "Notion integration token",
			"A Notion internal integration token (ntn_, or the older secret_ and 43 characters near a Notion name). It reads and writes the pages shared with the integration."+revoke,
			prefixed("ntn_", `ntn_[0-9]{11}[A-Za-z0-9]{35}`, 4.0),
			near([]string{"notion"}, 3, `secret_[A-Za-z0-9]{43}`, 4.0)).
			pos("NOTION_TOKEN=⟦ntn_«digits:11»«alnum:35»⟧", "NOTION_API_KEY=⟦secret_«alnum:43»⟧").
			neg("NOTION_TOKEN=ntn_xxx", "client_secret_«alnum:43» without a provider"),
		def("airtable-api-key", "Airtable personal access token or API key",
			"An Airtable personal access token (pat, 14 characters, a dot and 64 hexadecimal characters) or legacy API key (key and 14 characters near an Airtable name)."+revoke,
			prefixed("pat", `pat[A-Za-z0-9]{14}\.[a-f0-9]{64}`, 4.0),
			named([]string{"airtable"}, `key[A-Za-z0-9]{14}`, 3.5)).
			pos("AIRTABLE_TOKEN=⟦pat«alnum:14».«hex:64»⟧", "AIRTABLE_API_KEY=⟦key«alnum:14»⟧").
			neg("AIRTABLE_API_KEY=keyXXXXXXXXXXXXXX", "pattern.matches"),
		tok("figma-access-token", "Figma personal access token",
			"A Figma personal access token (figd_): it reads, and may write, the user's files.",
			"figd_", `figd_[A-Za-z0-9_-]{40}`, 4.0).
			pos("FIGMA_TOKEN=⟦figd_«b64url:40»⟧").
			neg("FIGMA_TOKEN=figd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("asana-access-token", "Asana personal access token",
			"An Asana personal access token (1/ or 2/, the user ID, a colon and 32 characters) or client secret near an Asana name."+revoke,
			near([]string{"asana"}, 3, `[0-9]/[0-9]{10,20}(?:/[0-9]{10,20})?:[A-Za-z0-9]{32}`, 3.5),
			named([]string{"asana_client_secret", "asanaclientsecret", "asana-client-secret"}, `[A-Za-z0-9]{32}`, 3.5)).
			pos("ASANA_TOKEN=⟦2/«digits:16»/«digits:16»:«hex:32»⟧", "ASANA_TOKEN=⟦1/«digits:16»:«alnum:32»⟧").
			neg("ASANA_TOKEN=${ASANA_TOKEN}"),
		def("atlassian-api-token", "Atlassian API token (Jira, Confluence, Bitbucket)",
			"An Atlassian API token: ATATT3 with a base64 body and an 8-character checksum, ATCTT3 for Confluence/Jira scoped tokens, or the older 24-character tokens assigned to a Jira, Confluence or Atlassian name. It acts as the user on the Atlassian products."+revoke,
			prefixed("ATATT3", `ATATT3[A-Za-z0-9_=-]{150,250}=[A-F0-9]{8}`, 4.5),
			prefixed("ATCTT3", `ATCTT3[A-Za-z0-9_=-]{150,250}=[A-F0-9]{8}`, 4.5),
			ctxCheck(named([]string{"atlassian", "confluence", "jira"}, `[A-Za-z0-9]{24}`, 3.5), mixedAlnum),
			ctxCheck(named([]string{"atlassian", "confluence", "jira", "bitbucket"}, `[MNO][A-Za-z0-9+/]{43}`, 4.0), dataCenterPATCheck)).
			pos("JIRA_API_TOKEN=⟦ATATT3xFfGF0«b64url:170»=«HEX:8»⟧", "CONFLUENCE_TOKEN=⟦«alnum:24»⟧", "JIRA_PAT=⟦«enc64:«digits:12»:«b64:20»»⟧").
			neg("JIRA_API_TOKEN=ATATT3xxxx", "jira_project_key = \"ROSECOMPANIONBACKLOGITEM\""),
		def("bitbucket-app-password", "Bitbucket app password or access token",
			"A Bitbucket Cloud app password (ATBB and 32 letters and digits, some with an 8-character checksum after them) or repository/workspace access token (ATCTT3 is Atlassian's; BBDC- for Bitbucket Data Center). It reads and writes repositories as its owner."+revoke,
			prefixed("ATBB", `ATBB[A-Za-z0-9_=.-]{32}[A-F0-9]{8}`, 4.0),
			ctxCheck(prefixed("ATBB", `ATBB[A-Za-z0-9]{32}`, 4.0), mixedAlnum),
			prefixed("BBDC-", `BBDC-[A-Za-z0-9+/@_-]{40,50}`, 4.0)).
			pos("BITBUCKET_APP_PASSWORD=⟦ATBB«alnum:32»«HEX:8»⟧", "BITBUCKET_TOKEN=⟦BBDC-«b64url:44»⟧", "BITBUCKET_APP_PASSWORD=⟦ATBB«alnum:24»«HEX:8»⟧").
			neg("BITBUCKET_APP_PASSWORD=ATBBxxxx"),
		namedRule("bitbucket-client-secret", "Bitbucket OAuth consumer secret",
			"A Bitbucket OAuth consumer secret (32 or 64 characters) assigned to a Bitbucket name.",
			[]string{"bitbucket"}, `[A-Za-z0-9_=-]{64}|[A-Za-z0-9]{32}`, 3.5, "bitbucket", "«alnum:32»"),
		namedRule("linear-client-secret", "Linear OAuth client secret",
			"A Linear OAuth application client secret (32 hexadecimal characters) assigned to a Linear name.",
			[]string{"linear_client_secret", "linearclientsecret", "linear-client-secret", "linear_secret", "linear_webhook"}, `[a-f0-9]{32}`, 3.0, "linear_client_secret", "«hex:32»"),
		def("okta-api-token", "Okta API token",
			"An Okta API token (00 and 40 characters), assigned to an Okta name, written up to two lines after one (a Terraform variable's default) or sent as SSWS. It acts as its administrator on the Okta org."+revoke,
			named([]string{"okta"}, `00[A-Za-z0-9_=-]{40}`, 4.0),
			// The name on one line and the value below it: variable "okta_api_token" { default = "00…" }.
			oktaNear(),
			&pattern{
				keywords: []string{"ssws "},
				re:       regexp.MustCompile(`SSWS\s+(00[A-Za-z0-9_=-]{40})(?:[^A-Za-z0-9_=-]|$)`),
				group:    1, minEntropy: 4.0,
			}).
			pos(forms("okta", "00«b64url:40»")...).
			pos("curl -H \"Authorization: SSWS ⟦00«b64url:40»⟧\" https://rose.okta.com/api/v1/users").
			pos("variable \"rose_okta_api_token\" {\n  type    = string\n  default = \"⟦00«b64url:40»⟧\"\n}\n").
			neg("variable \"okta_org\" {\n  default = \"00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n}\n",
				"bookTable = \"00«b64url:40»\"\n"). // "okta" inside another word
			neg(nonForms("okta", "00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")...),
		namedRule("auth0-client-secret", "Auth0 client secret",
			"An Auth0 application client secret (64 characters) assigned to an Auth0 name. It obtains tokens as the application.",
			[]string{"auth0"}, `[A-Za-z0-9_-]{64}`, 4.5, "auth0", "«b64url:64»"),
		def("contentful-token", "Contentful access token",
			"A Contentful personal access token (CFPAT-) or delivery/preview token (43 characters) assigned to a Contentful name."+revoke,
			prefixed("CFPAT-", `CFPAT-[A-Za-z0-9_-]{43}`, 4.0),
			named([]string{"contentful"}, `[A-Za-z0-9_=-]{43}`, 4.0)).
			pos("CONTENTFUL_MANAGEMENT_TOKEN=⟦CFPAT-«b64url:43»⟧", "CONTENTFUL_DELIVERY_TOKEN=⟦«b64url:43»⟧").
			neg("CONTENTFUL_DELIVERY_TOKEN=${CONTENTFUL_DELIVERY_TOKEN}"),
		tok("typeform-api-token", "Typeform personal access token",
			"A Typeform personal access token (tfp_): it reads the account's forms and responses.",
			"tfp_", `tfp_[A-Za-z0-9_.=-]{40,59}`, 4.0).
			pos("TYPEFORM_TOKEN=⟦tfp_«b64url:44»_«b64url:14»⟧").
			neg("TYPEFORM_TOKEN=tfp_xxxx"),
		def("hubspot-access-token", "HubSpot private app access token or API key",
			"A HubSpot private app access token (pat-na1- / pat-eu1- and a UUID) or a legacy API key (a UUID assigned to a HubSpot name). It reads and changes the CRM."+revoke,
			prefixed("pat-na1-", `pat-na1-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}`, 3.0),
			prefixed("pat-eu1-", `pat-eu1-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}`, 3.0),
			named([]string{"hubspot", "hapikey"}, `[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`, 3.0)).
			pos("HUBSPOT_TOKEN=⟦pat-na1-«uuid»⟧", "HUBSPOT_API_KEY=⟦«uuid»⟧").
			neg("HUBSPOT_PORTAL_ID=«digits:8»", "hubspot_portal_id = \"«uuid»\""),
		namedRule("intercom-access-token", "Intercom access token",
			"An Intercom access token (60 characters) assigned to an Intercom name. It reads and writes the workspace's conversations and users.",
			[]string{"intercom"}, `[A-Za-z0-9=_-]{60}`, 4.5, "intercom", "«b64url:60»"),
		namedRule("zendesk-api-token", "Zendesk API token",
			"A Zendesk API token (40 characters) assigned to a Zendesk name. It reads and changes tickets as the agent.",
			[]string{"zendesk"}, `[A-Za-z0-9]{40}`, 4.0, "zendesk", "«alnum:40»"),
		namedRule("trello-api-token", "Trello API token",
			"A Trello API token (64 hexadecimal characters, or ATTA and 72 characters) assigned to a Trello name.",
			[]string{"trello"}, `ATTA[A-Za-z0-9]{72}|[a-f0-9]{64}`, 3.0, "trello", "«hex:64»"),
		def("dropbox-api-token", "Dropbox access token",
			"A Dropbox access token: short-lived (sl.), or a long-lived token (11 characters, AAAAAAAAAA and 43 characters) near a Dropbox name. It reads and writes the files the app can reach."+revoke,
			prefixed("sl.", `sl\.(?:u\.)?[A-Za-z0-9_-]{130,}`, 4.5),
			aRunToken(near([]string{"dropbox"}, 3, `[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}`, 4.0))).
			pos("DROPBOX_TOKEN=⟦sl.«b64url:140»⟧", "DROPBOX_TOKEN=⟦sl.u.«b64url:300»⟧", "DROPBOX_ACCESS_TOKEN=⟦«alnum:11»AAAAAAAAAA«b64url:43»⟧").
			neg("DROPBOX_TOKEN=sl.xxxx"),
		tok("mapbox-secret-token", "Mapbox secret access token",
			"A Mapbox secret access token (sk.eyJ1…): it can change the account's styles, tilesets and tokens. Public tokens (pk.) are meant for browsers and are not reported.",
			"sk.eyJ1", `sk\.eyJ1[A-Za-z0-9_-]{30,}\.[A-Za-z0-9_-]{22}`, 4.0).
			pos("MAPBOX_SECRET_TOKEN=⟦sk.«enc64url:{\"u\":\"rose\",\"a\":\"«lownum:25»\"}».«b64url:22»⟧", "MAPBOX_SECRET_TOKEN=⟦sk.«enc64url:{\"u\":\"ro\",\"a\":\"«lownum:12»\"}».«b64url:22»⟧").
			neg("mapboxgl.accessToken = 'pk.«enc64url:{\"u\":\"rose\",\"a\":\"«lownum:25»\"}».«b64url:22»';"),
		def("adafruit-io-key", "Adafruit IO key",
			"An Adafruit IO key (aio_ and 28 characters, or 32 characters assigned to an Adafruit name). It reads and writes the account's feeds and controls its devices."+revoke,
			prefixed("aio_", `aio_[A-Za-z0-9]{28}`, 4.0),
			named([]string{"adafruit"}, `[A-Za-z0-9_-]{32}`, 4.0)).
			pos("ADAFRUIT_IO_KEY=⟦aio_«alnum:28»⟧", "ADAFRUIT_IO_KEY=⟦«b64url:32»⟧").
			neg("ADAFRUIT_IO_KEY=aio_xxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		withPatterns(tok("frameio-api-token", "Frame.io API token",
			"A Frame.io developer token (fio-u-, or ffio-u- in the newer format).",
			"fio-u-", `fio-u-[A-Za-z0-9_=-]{64}`, 4.0).
			pos("FRAMEIO_TOKEN=⟦fio-u-«b64url:64»⟧").
			neg("FRAMEIO_TOKEN=fio-u-xxxx"), prefixed("ffio-u-", `ffio-u-[A-Za-z0-9_=-]{64}`, 4.0)).
			pos("FRAMEIO_TOKEN=⟦ffio-u-«b64url:64»⟧"),
		def("intra42-client-secret", "42 Intra client secret",
			"A 42 network Intra API client secret (s-s4t2ud- or s-s4t2af- and 64 hexadecimal characters)."+revoke,
			prefixed("s-s4t2ud-", `s-s4t2ud-[a-f0-9]{64}`, 3.0),
			prefixed("s-s4t2af-", `s-s4t2af-[a-f0-9]{64}`, 3.0)).
			pos("FT_CLIENT_SECRET=⟦s-s4t2ud-«hex:64»⟧").
			neg("FT_CLIENT_SECRET=s-s4t2ud-xxxx"),
		tok("readme-api-key", "ReadMe API key",
			"A ReadMe API key (rdme_): it changes the project's documentation.",
			"rdme_", `rdme_[a-z0-9]{70}`, 4.0).
			pos("README_API_KEY=⟦rdme_«lownum:70»⟧").
			neg("README_API_KEY=rdme_xxxx"),
		def("settlemint-token", "SettleMint access token",
			"A SettleMint personal, application or service access token (sm_pat_, sm_aat_, sm_sat_)."+revoke,
			prefixed("sm_pat_", `sm_pat_[A-Za-z0-9]{16}`, 3.5),
			prefixed("sm_aat_", `sm_aat_[A-Za-z0-9]{16}`, 3.5),
			prefixed("sm_sat_", `sm_sat_[A-Za-z0-9]{16}`, 3.5)).
			pos("SETTLEMINT_ACCESS_TOKEN=⟦sm_pat_«alnum:16»⟧", "SETTLEMINT_TOKEN=⟦sm_aat_«alnum:16»⟧").
			neg("SETTLEMINT_ACCESS_TOKEN=sm_pat_xxxxxxxxxxxxxxxx"),
		tok("maxmind-license-key", "MaxMind license key",
			"A MaxMind GeoIP license key (6 characters, _, 29 characters, _mmk).",
			"_mmk", `[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk`, 4.0).
			pos("MAXMIND_LICENSE_KEY=⟦«alnum:6»_«alnum:29»_mmk⟧").
			neg("MAXMIND_LICENSE_KEY=xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_mmk"),
		def("onepassword-service-account-token", "1Password service account token",
			"A 1Password service account token (ops_ and base64 JSON): it reads the vaults the service account was granted."+revoke,
			prefixed("ops_eyJ", `ops_eyJ[A-Za-z0-9+/]{250,}={0,3}`, 4.5)).
			pos("OP_SERVICE_ACCOUNT_TOKEN=⟦ops_«enc64:{\"signInAddress\":\"my.1password.com\",\"userAuth\":{\"method\":\"SRPg-4096\",\"alg\":\"PBES2g-HS256\",\"iterations\":650000,\"salt\":\"«b64url:22»\"},\"email\":\"«lownum:26»@1passwordserviceaccounts.com\",\"srpX\":\"«hex:64»\",\"muk\":{\"alg\":\"A256GCM\",\"ext\":true,\"k\":\"«b64url:43»\",\"key_ops\":[\"encrypt\",\"decrypt\"],\"kty\":\"oct\",\"kid\":\"mp\"},\"secretKey\":\"A3-«upnum:6»-«upnum:6»-«upnum:5»-«upnum:5»-«upnum:5»-«upnum:5»\",\"throttleSecret\":{\"seed\":\"«hex:64»\",\"uuid\":\"«upnum:26»\"},\"deviceUuid\":\"«lownum:26»\"}»⟧").
			neg("OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ..."),
		tok("onepassword-secret-key", "1Password account secret key",
			"A 1Password account Secret Key (A3-…): with the account password it decrypts the account's vaults.",
			"A3-", `A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`, 3.5).
			pos("OP_SECRET_KEY=⟦A3-«upnum:6»-«upnum:6»-«upnum:5»-«upnum:5»-«upnum:5»-«upnum:5»⟧").
			neg("OP_SECRET_KEY=A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX"),
		withPatterns(tok("salesforce-access-token", "Salesforce access token",
			"A Salesforce OAuth access or session token (00D, the org ID, ! and the session part).",
			"00D", `00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{90,110}`, 4.0),
			near([]string{"salesforce", "force.com"}, 3, `00[A-Za-z0-9]{13}![A-Za-z0-9._]{90,120}`, 4.0)).
			pos("SF_ACCESS_TOKEN=⟦00D«alnum:15»!«alnum:96»⟧").
			neg("SF_ACCESS_TOKEN=00Dxxxxxxxxxxxxxxx!xxxx"),
		def("twitter-bearer-token", "X (Twitter) API bearer token",
			"An X (Twitter) API app-only bearer token (22 A characters then 80 or more): it reads public data with the app's quota."+revoke,
			aRunToken(prefixed("AAAAAAAAAAAAAAAAAAAAA", `A{22}[A-Za-z0-9%]{80,120}`, 4.0))).
			pos("TWITTER_BEARER_TOKEN=⟦AAAAAAAAAAAAAAAAAAAAAA«alnum:20»%3D«alnum:80»⟧").
			neg("TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
		def("twitter-api-secret", "X (Twitter) API key, secret or access token",
			"An X (Twitter) API consumer key (25 characters), consumer secret (50), access token (digits, - and 40) or access token secret (45), assigned to a Twitter name."+revoke,
			named([]string{"twitter"}, `[0-9]{15,25}-[A-Za-z0-9]{20,40}|[A-Za-z0-9]{50}|[A-Za-z0-9]{45}|[A-Za-z0-9]{25}`, 3.8)).
			pos("TWITTER_CONSUMER_SECRET=⟦«alnum:50»⟧", "TWITTER_ACCESS_TOKEN=⟦«digits:19»-«alnum:40»⟧", "twitter_access_token_secret: ⟦«alnum:45»⟧", "TWITTER_API_KEY=⟦«alnum:25»⟧").
			neg("TWITTER_HANDLE=rose_companion_official_bot", "TWITTER_API_KEY=${TWITTER_API_KEY}"),
		def("facebook-access-token", "Facebook / Meta access token",
			"A Facebook (Meta) Graph API user or page access token (EAA followed by a long body) or app access token (app ID | secret)."+revoke,
			prefixed("EAAB", `EAA[A-Za-z0-9]{100,}`, 4.5),
			prefixed("EAAG", `EAA[A-Za-z0-9]{100,}`, 4.5),
			prefixed("EAAM", `EAA[A-Za-z0-9]{100,}`, 4.5),
			prefixed("EAAC", `EAA[A-Za-z0-9]{100,}`, 4.5),
			prefixed("EAAJ", `EAA[A-Za-z0-9]{100,}`, 4.5),
			prefixed("EAAI", `EAA[A-Za-z0-9]{100,}`, 4.5),
			near([]string{"facebook", "graph.facebook.com", "fb_"}, 3, `[0-9]{15,16}(?:\||%7[Cc])[A-Za-z0-9_-]{27,40}`, 4.0)).
			pos("FB_PAGE_TOKEN=⟦EAAG«alnum:180»⟧", "FACEBOOK_APP_TOKEN=⟦«digits:16»|«b64url:27»⟧").
			neg("FB_PAGE_TOKEN=EAAGxxxx"),
		namedRule("facebook-app-secret", "Facebook / Meta app secret",
			"A Facebook (Meta) app secret (32 hexadecimal characters) assigned to a Facebook or Meta app name. It signs requests and obtains app tokens.",
			[]string{"facebook", "fb_app_secret", "fb_secret", "meta_app_secret"}, `[a-f0-9]{32}`, 3.0, "facebook", "«hex:32»"),
		namedRule("linkedin-client-secret", "LinkedIn client secret",
			"A LinkedIn application client secret (16 characters) assigned to a LinkedIn name.",
			[]string{"linkedin", "linked_in", "linked-in"}, `[A-Za-z0-9]{16}`, 3.3, "linkedin", "«alnum:16»"),
		namedRule("spotify-client-secret", "Spotify client secret",
			"A Spotify application client secret (32 hexadecimal characters) assigned to a Spotify name.",
			[]string{"spotify"}, `[a-f0-9]{32}`, 3.0, "spotify", "«hex:32»"),
		namedRule("github-oauth-client-secret", "GitHub OAuth or GitHub App client secret",
			"A GitHub OAuth app or GitHub App client secret (40 hexadecimal characters) assigned to a GitHub client-secret name. With the client ID it exchanges codes for user tokens.",
			[]string{"github_client_secret", "githubclientsecret", "github-client-secret", "gh_client_secret", "github_oauth_secret", "github_app_client_secret"}, `[a-f0-9]{40}`, 3.0, "github_client_secret", "«hex:40»"),
		namedRule("clickup-api-token", "ClickUp API token",
			"A ClickUp personal API token (pk_, the user ID, _ and 32 characters) assigned to a ClickUp name.",
			[]string{"clickup"}, `pk_[0-9]{6,10}_[A-Z0-9]{32}`, 4.0, "clickup", "pk_«digits:8»_«upnum:32»"),
		namedRule("beamer-api-token", "Beamer API key",
			"A Beamer API key (b_ and 44 characters) assigned to a Beamer name.",
			[]string{"beamer"}, `b_[A-Za-z0-9=_-]{44}`, 4.0, "beamer", "b_«b64url:44»"),
		namedRule("rapidapi-key", "RapidAPI key",
			"A RapidAPI key (50 characters) assigned to a RapidAPI name or sent as X-RapidAPI-Key. It calls the subscribed APIs billed to the account.",
			[]string{"rapidapi"}, `[A-Za-z0-9_-]{50}`, 4.5, "rapidapi", "«b64url:50»"),
		namedRule("algolia-admin-key", "Algolia admin API key",
			"An Algolia admin or write API key (32 hexadecimal characters) assigned to an Algolia name. Search-only keys are public by design, but admin keys change every index.",
			[]string{"algolia"}, `[a-f0-9]{32}`, 3.0, "algolia", "«hex:32»").
			pos("ALGOLIA_APP_ID=«upnum:10»\nALGOLIA_ADMIN_API_KEY=⟦«hex:32»⟧\n"),
		namedRule("looker-client-secret", "Looker API client secret",
			"A Looker API3 client secret (24 characters) assigned to a Looker name.",
			[]string{"looker"}, `[A-Za-z0-9]{24}`, 3.5, "looker", "«alnum:24»"),
		namedRule("etsy-api-key", "Etsy API key",
			"An Etsy API keystring or shared secret (24 characters) assigned to an Etsy name.",
			[]string{"etsy"}, `[a-z0-9]{24}`, 3.0, "etsy", "«lownum:24»").
			neg("SetSysctl = \"«lownum:24»\""),
		namedRule("nytimes-api-key", "New York Times API key",
			"A New York Times developer API key (32 characters) assigned to an NYTimes name.",
			[]string{"nytimes", "newyorktimes", "new-york-times"}, `[A-Za-z0-9=_-]{32}`, 3.5, "nytimes", "«b64url:32»"),
		namedRule("gitter-access-token", "Gitter access token",
			"A Gitter personal access token (40 characters) assigned to a Gitter name.",
			[]string{"gitter"}, `[A-Za-z0-9_-]{40}`, 4.0, "gitter", "«b64url:40»"),
		namedRule("finnhub-api-key", "Finnhub API key",
			"A Finnhub API key (20 characters) assigned to a Finnhub name.",
			[]string{"finnhub"}, `[A-Za-z0-9]{20}`, 3.3, "finnhub", "«lownum:20»"),
		namedRule("freshbooks-access-token", "FreshBooks access token",
			"A FreshBooks access token (64 characters) assigned to a FreshBooks name.",
			[]string{"freshbooks"}, `[A-Za-z0-9]{64}`, 4.0, "freshbooks", "«alnum:64»"),
		namedRule("squarespace-api-key", "Squarespace API key",
			"A Squarespace API key (a UUID) assigned to a Squarespace name.",
			[]string{"squarespace"}, uuidRe, 3.0, "squarespace", "«uuid»"),
		namedRule("sendbird-api-token", "Sendbird API token",
			"A Sendbird master or secondary API token (40 hexadecimal characters) assigned to a Sendbird name.",
			[]string{"sendbird"}, `[a-f0-9]{40}`, 3.0, "sendbird", "«hex:40»"),
		namedRule("messagebird-api-key", "MessageBird (Bird) API key",
			"A MessageBird access key (25 characters) assigned to a MessageBird name.",
			[]string{"messagebird", "message_bird", "message-bird"}, `[A-Za-z0-9]{25}`, 3.5, "messagebird", "«alnum:25»"),
		namedRule("flickr-api-secret", "Flickr API key",
			"A Flickr API key or secret (32 hexadecimal characters) assigned to a Flickr name.",
			[]string{"flickr"}, `[a-f0-9]{32}`, 3.0, "flickr", "«hex:32»"),
		namedRule("finicity-api-key", "Finicity API key or secret",
			"A Finicity (Mastercard Open Banking) app key (32 hexadecimal characters) or partner secret (20 characters) assigned to a Finicity name.",
			[]string{"finicity"}, `[a-f0-9]{32}|[A-Za-z0-9]{20}`, 3.0, "finicity", "«hex:32»"),
		namedRule("privateai-api-key", "Private AI API key",
			"A Private AI API key (32 characters) assigned to a Private AI name.",
			[]string{"privateai", "private_ai", "private-ai"}, `[a-z0-9]{32}`, 3.5, "privateai", "«lownum:32»"),
		namedRule("meraki-api-key", "Cisco Meraki API key",
			"A Cisco Meraki dashboard API key (40 hexadecimal characters) assigned to a Meraki name. It manages the organisation's networks.",
			[]string{"meraki"}, `[a-f0-9]{40}`, 3.0, "meraki", "«hex:40»").
			neg("ReactNativeCameraKit: «hex:40»"),
		def("adobe-client-secret", "Adobe client secret",
			"An Adobe Developer Console client secret (p8e-), or a client ID assigned to an Adobe name."+revoke,
			prefixed("p8e-", `p8e-[A-Za-z0-9_-]{32}`, 4.0)).
			pos("ADOBE_CLIENT_SECRET=⟦p8e-«alnum:32»⟧").
			neg("ADOBE_CLIENT_SECRET=p8e-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("authress-access-key", "Authress service client access key",
			"An Authress service client access key (sc_, ext_, scauth_ or authress_ then account, key and secret parts)."+revoke,
			prefixed("sc_", `sc_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][A-Za-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120}`, 4.0),
			prefixed("authress_", `authress_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][A-Za-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120}`, 4.0)).
			pos("AUTHRESS_KEY=⟦sc_«lownum:12».«lownum:5».acc_«lownum:16».«b64url:60»⟧").
			neg("AUTHRESS_KEY=sc_x.y.acc_z.w"),
		withPatterns(namedRule("lob-api-key", "Lob API key",
			"A Lob live API key (live_ and 35 hexadecimal characters, alone or assigned to a Lob name): it sends letters and postcards billed to the account. Test keys (test_) are not reported.",
			[]string{"lob_api", "lob-api", "lobapi", "lob_key", "lob_secret"}, `live_[a-f0-9]{35}`, 3.0, "lob_api", "live_«hex:35»"),
			prefixed("live_", `live_[a-f0-9]{35}`, 3.0)).
			pos("token = '⟦live_«hex:35»⟧'").
			neg("LOB_API_KEY=test_«hex:35»"),
	}
}

// aRunToken marks a pattern whose tokens contain a fixed run of A
// characters (Dropbox long-lived tokens, X bearer tokens): the placeholder
// test, which drops runs of one character, judges the rest of the token.
func aRunToken(p *pattern) *pattern {
	p.noPlaceholder = true
	return ctxCheck(p, func(s string, _ []byte) bool {
		i := strings.Index(s, "AAAAAAAAAA")
		rest := s[:i] + strings.TrimLeft(s[i:], "A")
		return !isPlaceholder(rest) && entropy(rest) >= 4.0
	})
}

// dataCenterPATCheck: a Jira, Confluence or Bitbucket Data Center personal
// access token is base64 of a numeric key ID, a colon and random bytes.
func dataCenterPATCheck(s string, _ []byte) bool {
	dec, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return false
	}
	id, _, ok := bytes.Cut(dec, []byte(":"))
	return ok && len(id) >= 6 && isDigits(id)
}

// oktaNear finds an Okta token written up to two lines below an Okta name
// (variable "okta_api_token" { default = "00…" }). The name must start a
// word or a camel-case part (okta_token, corpOktaToken), not sit inside
// another word (bookTable).
func oktaNear() *pattern {
	p := ctxCheck(near([]string{"okta"}, 2, `00[A-Za-z0-9_-]{40}`, 4.0), mixedAlnum)
	p.anchor = regexp.MustCompile(`(?:^|[^A-Za-z])(?i:okta)|Okta|OKTA`)
	return p
}
