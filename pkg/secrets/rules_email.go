package secrets

import "regexp"

// E-mail delivery.
func emailRules() []ruleDef {
	return []ruleDef{
		def("sendgrid-api-key", "SendGrid API key",
			"A SendGrid API key (SG.): it sends mail as the account."+revoke,
			prefixed("SG.", `SG\.[A-Za-z0-9_=.-]{60,72}`, 4.0)).
			pos("SENDGRID_API_KEY=⟦SG.«b64url:22».«b64url:43»⟧").
			neg("SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("mailgun-api-key", "Mailgun API key",
			"A Mailgun private API key (key- and 32 hexadecimal characters, or the newer 32-8-8 hexadecimal format) near a Mailgun name. It sends mail as the account's domains and reads its logs."+revoke,
			near([]string{"mailgun"}, 3, `key-[a-f0-9]{32}`, 3.0),
			named([]string{"mailgun"}, `[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}`, 3.0),
			// The 32-8-8 format is distinctive enough to be read near a
			// Mailgun name without a name of its own (positional arguments,
			// lists of credentials).
			ctxCheck(near([]string{"mailgun"}, 3, `[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}`, 3.0), mixedAlnum)).
			pos("MAILGUN_API_KEY=⟦key-«hex:32»⟧", "mailgun:\n  api_key: ⟦«hex:32»-«hex:8»-«hex:8»⟧\n", "mg = Mailgun(domain=\"mg.rose.ai\", api_key=\"⟦key-«hex:32»⟧\")",
				"mailgun 'mg.rose.ai' pass '⟦«hex:32»-«hex:8»-«hex:8»⟧'").
			neg("MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "MAILGUN_API_KEY=${MAILGUN_API_KEY}"),
		namedRule("mailgun-webhook-signing-key", "Mailgun webhook signing key",
			"A Mailgun HTTP webhook signing key (32 hexadecimal characters) assigned to a Mailgun signing-key name. It forges webhook calls that the application trusts.",
			[]string{"mailgun_signing", "mailgun_webhook", "mailgunsigning", "mailgunwebhook"}, `[a-f0-9]{32}`, 3.0, "mailgun_webhook_signing", "«hex:32»"),
		def("mailchimp-api-key", "Mailchimp API key",
			"A Mailchimp Marketing API key (32 hexadecimal characters, -us and the data-centre number). It reads and changes the account's audiences and campaigns."+revoke,
			&pattern{
				keywords: []string{"-us"},
				gate:     hexBefore(32),
				re:       regexp.MustCompile(`(?:^|[^A-Za-z0-9_-])([a-f0-9]{32}-us[0-9]{1,2})(?:[^A-Za-z0-9_-]|$)`),
				group:    1, minEntropy: 3.0,
			}).
			pos("MAILCHIMP_API_KEY=⟦«hex:32»-us14⟧", "client.setConfig({ apiKey: \"⟦«hex:32»-us6⟧\", server: \"us6\" });").
			neg("MAILCHIMP_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us14", "locale: en-us"),
		namedRule("mandrill-api-key", "Mandrill (Mailchimp Transactional) API key",
			"A Mandrill / Mailchimp Transactional API key (22 characters) assigned to a Mandrill name. It sends mail as the account.",
			[]string{"mandrill"}, `[A-Za-z0-9_-]{22}`, 3.5, "mandrill", "«b64url:22»"),
		namedRule("postmark-server-token", "Postmark server or account token",
			"A Postmark server or account API token (a UUID) assigned to a Postmark name. It sends mail as the server's sender signatures.",
			[]string{"postmark"}, uuidRe, 3.0, "postmark", "«uuid»"),
		tok("brevo-api-key", "Brevo (Sendinblue) API key",
			"A Brevo (formerly Sendinblue) API key (xkeysib-) or SMTP key (xsmtpsib-). It sends mail and reads the account's contacts.",
			"xkeysib-", `xkeysib-[A-Za-z0-9_-]{64,90}`, 3.5).
			pos("BREVO_API_KEY=⟦xkeysib-«hex:64»-«alnum:16»⟧").
			neg("BREVO_API_KEY=xkeysib-<key>"),
		tok("brevo-smtp-key", "Brevo (Sendinblue) SMTP key",
			"A Brevo (formerly Sendinblue) SMTP relay key (xsmtpsib-): it sends mail as the account.",
			"xsmtpsib-", `xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}`, 3.5).
			pos("SMTP_PASSWORD=⟦xsmtpsib-«hex:64»-«alnum:16»⟧").
			neg("SMTP_PASSWORD=xsmtpsib-"),
		namedRule("mailjet-api-key", "Mailjet API secret",
			"A Mailjet API key or secret (32 hexadecimal characters) assigned to a Mailjet name.",
			[]string{"mailjet", "mj_apikey", "mj-apikey"}, `[a-f0-9]{32}`, 3.0, "mailjet", "«hex:32»"),
		namedRule("sparkpost-api-key", "SparkPost API key",
			"A SparkPost API key (40 hexadecimal characters) assigned to a SparkPost name.",
			[]string{"sparkpost"}, `[a-f0-9]{40}`, 3.0, "sparkpost", "«hex:40»"),
		tok("resend-api-key", "Resend API key",
			"A Resend API key (re_): it sends mail as the account's domains.",
			"re_", `re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}`, 3.5).
			pos("RESEND_API_KEY=⟦re_«alnum:8»_«alnum:24»⟧").
			neg("RESEND_API_KEY=re_123456789"),
		tok("mailersend-api-token", "MailerSend API token",
			"A MailerSend API token (mlsn.): it sends mail as the account's domains.",
			"mlsn.", `mlsn\.[a-f0-9]{64}`, 3.0).
			pos("MAILERSEND_API_KEY=⟦mlsn.«hex:64»⟧").
			neg("MAILERSEND_API_KEY=mlsn.xxxxxxxx"),
		withCheckAll(namedRule("smtp-password", "SMTP password",
			"An SMTP relay password or key (20 characters or more, random-looking) assigned to an SMTP password name.",
			[]string{"smtp_pass", "smtp-pass", "smtppass", "smtp_key", "mail_password", "email_host_password"}, `[A-Za-z0-9+/_.~!@#%^&*=-]{16,100}`, 3.5, "smtp_pass", "«alnum:24»"), randomPassword),
	}
}

// hexBefore returns a gate that passes a keyword preceded by n hexadecimal
// characters (a suffix-anchored token such as Mailchimp's -us14).
func hexBefore(n int) func(text []byte, start, end int) bool {
	return func(text []byte, start, _ int) bool {
		return start >= n && isHex(string(text[start-n:start]))
	}
}
