package secrets

// Payments and commerce.
func paymentsRules() []ruleDef {
	return []ruleDef{
		def("stripe-secret-key", "Stripe live secret key",
			"A Stripe live secret key (sk_live_): full access to the account's live data and money movement. Test keys (sk_test_) and publishable keys (pk_) are not reported."+revoke,
			prefixed("sk_live_", `sk_live_[A-Za-z0-9]{20,}`, 3.5)).
			pos("STRIPE_SECRET_KEY=⟦sk_live_51«alnum:97»⟧", "const stripe = require('stripe')('⟦sk_live_«alnum:24»⟧');").
			neg("STRIPE_SECRET_KEY=sk_test_«alnum:24»", "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "const stripe = Stripe('pk_live_«alnum:24»');"),
		def("stripe-restricted-key", "Stripe live restricted key",
			"A Stripe live restricted key (rk_live_): access to the live resources it was granted."+revoke,
			prefixed("rk_live_", `rk_live_[A-Za-z0-9]{20,}`, 3.5)).
			pos("Stripe.api_key = '⟦rk_live_«alnum:24»⟧'").
			neg("Stripe.api_key = 'rk_test_«alnum:24»'"),
		withCheckAll(def("shopify-token", "Shopify access token or shared secret",
			"A Shopify app access token or shared secret (shpat_, shpca_, shppa_, shpss_)."+revoke,
			prefixed("shpat_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shpss_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shpca_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shppa_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0)),
			func(s string, _ []byte) bool { return !countingStandIn(s) }).
			pos("SHOPIFY_ACCESS_TOKEN=⟦shpat_«hex:32»⟧", "SHOPIFY_SHARED_SECRET=⟦shpss_«hex:32»⟧").
			neg("SHOPIFY_ACCESS_TOKEN=shpat_<token>", "client_secret=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"),
		tok("stripe-webhook-secret", "Stripe webhook signing secret",
			"A Stripe webhook endpoint signing secret (whsec_). Whoever holds it can forge Stripe events that the application trusts (payments marked paid, subscriptions changed).",
			"whsec_", `whsec_[A-Za-z0-9+/]{32,}={0,2}`, 4.0).
			pos("STRIPE_WEBHOOK_SECRET=⟦whsec_«alnum:32»⟧").
			neg("STRIPE_WEBHOOK_SECRET=whsec_...", "STRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("square-access-token", "Square access token",
			"A Square production or sandbox access token (EAAA and 60 characters, shorter in older tokens, or the older sq0atp-). It takes payments and reads the seller's data."+revoke,
			withCheck(prefixed("EAAA", `EAAA[A-Za-z0-9_-]{22,60}`, 3.7), notPartOfLonger),
			withCheck(prefixed("sq0atp-", `sq0atp-[A-Za-z0-9_-]{22,60}`, 3.5), notPartOfLonger)).
			pos("SQUARE_ACCESS_TOKEN=⟦EAAA«b64url:60»⟧", "SQUARE_ACCESS_TOKEN=⟦sq0atp-«b64url:22»⟧", "squareToken = \"⟦EAAA«alnum:22»⟧\"", "ARG token=⟦sq0atp-«alnum:26»⟧").
			neg("SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "SQUARE_ACCESS_TOKEN=EAAA«alnum:20»",
				"var font = \"AAAB/EAAA«alnum:40»+WbAARViwB«b64:40»\";"),
		tok("square-oauth-secret", "Square OAuth application secret",
			"A Square OAuth application secret (sq0csp-): with the application ID it obtains tokens for sellers.",
			"sq0csp-", `sq0csp-[A-Za-z0-9_-]{43}`, 4.0).
			pos("SQUARE_APP_SECRET=⟦sq0csp-«b64url:43»⟧").
			neg("SQUARE_APP_SECRET=sq0csp-<secret>"),
		def("paypal-braintree-access-token", "PayPal Braintree access token",
			"A PayPal / Braintree production access token (access_token$production$…): it takes payments for the merchant."+revoke,
			prefixed("access_token$production$", `access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}`, 3.5)).
			pos("BRAINTREE_ACCESS_TOKEN=⟦access_token$production$«lownum:16»$«hex:32»⟧").
			neg("BRAINTREE_ACCESS_TOKEN=access_token$sandbox$«lownum:16»$«hex:32»"),
		namedRule("paypal-client-secret", "PayPal REST client secret",
			"A PayPal REST API client secret (80 characters) assigned to a PayPal name. With the client ID it obtains tokens that take payments for the account.",
			[]string{"paypal"}, `E[A-Za-z0-9_-]{79}`, 4.0, "paypal", "E«b64url:79»"),
		namedRule("braintree-private-key", "Braintree private key",
			"A Braintree API private key (32 hexadecimal characters) assigned to a Braintree name.",
			[]string{"braintree"}, `[a-f0-9]{32}`, 3.0, "braintree", "«hex:32»"),
		tok("razorpay-live-key", "Razorpay live key ID",
			"A Razorpay live key ID (rzp_live_); its secret is usually beside it. Test keys (rzp_test_) are not reported.",
			"rzp_live_", `rzp_live_[A-Za-z0-9]{14}`, 3.3).
			pos("RAZORPAY_KEY_ID=⟦rzp_live_«alnum:14»⟧").
			neg("RAZORPAY_KEY_ID=rzp_test_«alnum:14»"),
		tok("flutterwave-secret-key", "Flutterwave live secret key",
			"A Flutterwave live secret key (FLWSECK-, 32 hexadecimal characters, -X). Test keys (FLWSECK_TEST-) are not reported.",
			"FLWSECK-", `FLWSECK-[a-z0-9]{32}-X`, 3.0).
			pos("FLW_SECRET_KEY=⟦FLWSECK-«hex:32»-X⟧", "FLW_SECRET_KEY=⟦FLWSECK-«lownum:32»-X⟧").
			neg("FLW_SECRET_KEY=FLWSECK_TEST-«hex:32»-X"),
		def("gocardless-api-token", "GoCardless live access token",
			"A GoCardless live access token (live_ and 40 characters) near a GoCardless name. Sandbox tokens are not reported."+revoke,
			near([]string{"gocardless"}, 3, `live_[A-Za-z0-9_=-]{40,44}`, 4.0)).
			pos("GOCARDLESS_ACCESS_TOKEN=⟦live_«b64url:40»⟧").
			neg("GOCARDLESS_ACCESS_TOKEN=sandbox_«b64url:40»"),
		tok("duffel-live-token", "Duffel live API token",
			"A Duffel live API token (duffel_live_): it books and pays for travel on the account. Test tokens are not reported.",
			"duffel_live_", `duffel_live_[A-Za-z0-9_=-]{43}`, 4.0).
			pos("DUFFEL_TOKEN=⟦duffel_live_«b64url:43»⟧").
			neg("DUFFEL_TOKEN=duffel_test_«b64url:43»"),
		tok("easypost-api-key", "EasyPost production API key",
			"An EasyPost production API key (EZAK): it buys postage billed to the account. Test keys (EZTK) are not reported.",
			"EZAK", `EZAK[A-Za-z0-9]{54}`, 4.0).
			pos("EASYPOST_API_KEY=⟦EZAK«alnum:54»⟧").
			neg("EASYPOST_API_KEY=EZTK«alnum:54»"),
		tok("shippo-live-token", "Shippo live API token",
			"A Shippo live API token (shippo_live_): it buys shipping labels billed to the account. Test tokens are not reported.",
			"shippo_live_", `shippo_live_[a-fA-F0-9]{40}`, 3.0).
			pos("SHIPPO_API_KEY=⟦shippo_live_«hex:40»⟧", "SHIPPO_API_KEY=⟦shippo_live_«HEX:20»«hex:20»⟧").
			neg("SHIPPO_API_KEY=shippo_test_«hex:40»"),
		tok("plaid-access-token", "Plaid production access token",
			"A Plaid production access token (access-production- and a UUID): it reads the linked bank account. Sandbox tokens are not reported.",
			"access-production-", `access-production-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}`, 3.0).
			pos("plaid_access_token = \"⟦access-production-«uuid»⟧\"").
			neg("plaid_access_token = \"access-sandbox-«uuid»\""),
		namedRule("plaid-secret", "Plaid API secret",
			"A Plaid API secret (30 hexadecimal characters) assigned to a Plaid name.",
			[]string{"plaid"}, `[a-f0-9]{30}`, 3.0, "plaid", "«hex:30»"),
		namedRule("coinbase-api-secret", "Coinbase API secret",
			"A Coinbase API secret (64 characters) assigned to a Coinbase name. It trades and withdraws as the account.",
			[]string{"coinbase"}, `[A-Za-z0-9_-]{64}`, 4.0, "coinbase", "«b64url:64»"),
		namedRule("adyen-api-key", "Adyen API key",
			"An Adyen API key (AQE… base64) assigned to an Adyen name.",
			[]string{"adyen"}, `AQE[A-Za-z0-9+/=._-]{60,200}`, 4.0, "adyen", "AQE«b64url:100»"),
		namedRule("paddle-api-key", "Paddle API key",
			"A Paddle Billing API key (pdl_live_apikey_ / pdl_sdbx_apikey_, or a 50-character vendor auth code) assigned to a Paddle name.",
			[]string{"paddle"}, `pdl_(?:live|sdbx)_apikey_[A-Za-z0-9_]{40,}|[a-f0-9]{50}`, 3.0, "paddle", "pdl_live_apikey_«alnum:50»"),
		namedRule("shopify-partner-token", "Shopify Partner API token",
			"A Shopify Partner or Storefront private token (prtapi_ / shpat-like) assigned to a Shopify name.",
			[]string{"shopify_partner", "shopifypartner", "prtapi_"}, `prtapi_[a-f0-9]{32}`, 3.0, "shopify_partner", "prtapi_«hex:32»"),
		namedRule("kraken-api-key", "Kraken API private key",
			"A Kraken exchange API private key (88 base64 characters) assigned to a Kraken name. It trades and withdraws as the account.",
			[]string{"kraken"}, `[A-Za-z0-9+/]{86}==`, 4.5, "kraken", "«b64:86»=="),
		namedRule("kucoin-api-secret", "KuCoin API secret",
			"A KuCoin API secret (a UUID) assigned to a KuCoin name. It trades as the account.",
			[]string{"kucoin"}, uuidRe, 3.0, "kucoin", "«uuid»"),
		namedRule("binance-api-secret", "Binance API secret",
			"A Binance API key or secret (64 characters) assigned to a Binance name. It trades, and may withdraw, as the account.",
			[]string{"binance"}, `[A-Za-z0-9]{64}`, 4.5, "binance", "«alnum:64»"),
		namedRule("bittrex-api-secret", "Bittrex API secret",
			"A Bittrex API key or secret (32 hexadecimal characters) assigned to a Bittrex name.",
			[]string{"bittrex"}, `[a-f0-9]{32}`, 3.0, "bittrex", "«hex:32»"),
	}
}
