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
		def("shopify-token", "Shopify access token or shared secret",
			"A Shopify app access token or shared secret (shpat_, shpca_, shppa_, shpss_)."+revoke,
			prefixed("shpat_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shpss_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shpca_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0),
			prefixed("shppa_", `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, 3.0)).
			pos("SHOPIFY_ACCESS_TOKEN=⟦shpat_«hex:32»⟧", "SHOPIFY_SHARED_SECRET=⟦shpss_«hex:32»⟧").
			neg("SHOPIFY_ACCESS_TOKEN=shpat_<token>"),
	}
}
