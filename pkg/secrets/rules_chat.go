package secrets

import (
	"regexp"
	"strings"
)

// Chat and messaging.
func chatRules() []ruleDef {
	return []ruleDef{
		def("slack-bot-token", "Slack bot token",
			"A Slack bot token (xoxb-). It acts as the bot in its workspace: reads channels, posts messages."+revoke,
			prefixed("xoxb-", `xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,40}`, 3.0)).
			pos("SLACK_BOT_TOKEN=⟦xoxb-«digits:12»-«digits:13»-«alnum:24»⟧").
			neg("client = WebClient(token=\"xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy\")", "SLACK_BOT_TOKEN=xoxb-your-bot-token"),
		def("slack-user-token", "Slack user token",
			"A Slack user token (xoxp-) or legacy token. It acts as the user who installed the app."+revoke,
			prefixed("xoxp-", `xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{24,40}`, 3.0),
			prefixed("xoxe-", `xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{24,40}`, 3.0),
			prefixed("xoxa-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0),
			prefixed("xoxo-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0),
			prefixed("xoxr-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0),
			prefixed("xoxs-", `xox[aors]-[0-9]{1,14}(?:-[0-9]{1,14}){0,3}-[A-Za-z0-9]{8,64}`, 3.0)).
			pos("client = WebClient(token=\"⟦xoxp-«digits:12»-«digits:12»-«digits:13»-«hex:32»⟧\")", "{\"access_token\": \"⟦xoxa-2-«digits:9»-«digits:11»-«digits:13»-«hex:18»⟧\"}").
			neg("SLACK_USER_TOKEN=xoxp-xxxxxxxxxxxx-xxxxxxxxxxxx"),
		def("slack-app-token", "Slack app-level token",
			"A Slack app-level token (xapp-, then a version, the app's ID, a number and 64 hexadecimal characters; in the older form a 12-digit number and 24 base64 characters), used for Socket Mode connections."+revoke,
			prefixed("xapp-", `xapp-[0-9]-[A-Z0-9]{6,14}-[0-9]{8,16}-[A-Za-z0-9]{30,}`, 3.0),
			ctxCheck(prefixed("xapp-", `xapp-[0-9]{12}-[A-Za-z0-9/+]{24}`, 3.5), mixedAlnum)).
			pos("SLACK_APP_TOKEN=⟦xapp-1-A0«upnum:9»-«digits:13»-«hex:64»⟧", "ENV SLACK_TOKEN=\"⟦xapp-«digits:12»-«b64:24»⟧\"").
			neg("SLACK_APP_TOKEN=xapp-1-«upnum:4»"),
		def("slack-refresh-token", "Slack configuration or refresh token",
			"A Slack configuration access token or refresh token (xoxe). It manages apps of the workspace."+revoke,
			prefixed("xoxe", `xoxe(?:\.xox[bp]-[0-9]-[A-Za-z0-9]{120,}|-[0-9]-[A-Za-z0-9]{120,})`, 3.5)).
			pos("{\"refresh_token\": \"⟦xoxe-1-«upnum:146»⟧\"}").
			neg("{\"refresh_token\": \"xoxe-1-«upnum:20»\"}"),
		def("slack-webhook-url", "Slack incoming webhook URL",
			"A Slack incoming webhook URL. Anyone holding it can post messages to its channel."+revoke,
			&pattern{
				keywords: []string{"hooks.slack.com"},
				re:       regexp.MustCompile(`((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{30,})`),
				group:    1,
				check: func(s string, _ []byte) bool {
					tail := s[strings.Index(s, ".com/")+5:]
					return !isPlaceholder(tail) && entropy(tail) >= 3.5
				},
				noPlaceholder: true,
			}).
			pos("      - run: curl -X POST -d @payload.json ⟦https://hooks.slack.com/services/T«upnum:8»/B«upnum:10»/«alnum:24»⟧").
			neg("SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
		def("discord-webhook-url", "Discord webhook URL",
			"A Discord webhook URL (id and token). Anyone holding it can post to its channel as the webhook."+revoke,
			&pattern{
				keywords: []string{"discord.com/api", "discordapp.com/api"},
				re:       regexp.MustCompile(`(https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api(?:/v[0-9]+)?/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,}))` + end),
				group:    1,
				check: func(s string, _ []byte) bool {
					tok := s[strings.LastIndex(s, "/")+1:]
					return !isPlaceholder(tok) && entropy(tok) >= 4.0
				},
				noPlaceholder: true,
			}).
			pos("WEBHOOK = \"⟦https://discord.com/api/webhooks/«digits:18»/«b64url:68»⟧\"").
			neg("WEBHOOK = \"https://discord.com/api/webhooks/123456789012345678/your-webhook-token\""),
		withPatterns(def("telegram-bot-token", "Telegram bot token",
			"A Telegram Bot API token: the bot's numeric ID, a colon and 35 characters (AA and 33 in issued tokens). It controls the bot: reads its messages and posts as it. BotFather's /revoke command replaces it."+revoke,
			&pattern{
				keywords: []string{":aa"},
				gate: func(text []byte, start, _ int) bool {
					return start >= 8 && isDigits(text[start-8:start])
				},
				re:    regexp.MustCompile(`(?:^|[^0-9A-Za-z_:-])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})` + end),
				group: 1, minEntropy: 3.5,
			}),
			// Near a Telegram name the token part is read whatever its first
			// characters (35 of them), and in apprise's tgram://ID:TOKEN URLs.
			append(telegramNear(), &pattern{
				keywords: []string{"tgram://"},
				re:       regexp.MustCompile(`tgram://([0-9]{5,16}:[A-Za-z0-9_-]{35})(?:[^A-Za-z0-9_-]|$)`),
				group:    1, minEntropy: 3.5, noPlaceholder: true, check: telegramTokenCheck,
			}, &pattern{
				// The Bot API's own URLs: https://api.telegram.org/bot<token>/<method>
				// (and /file/bot<token>/ for downloads).
				keywords: []string{"api.telegram.org/"},
				re:       regexp.MustCompile(`api\.telegram\.org/(?:file/)?bot([0-9]{5,16}:[A-Za-z0-9_-]{35})(?:[^A-Za-z0-9_-]|$)`),
				group:    1, minEntropy: 3.5, noPlaceholder: true, check: telegramTokenCheck,
			})...).
			pos("bot = telebot.TeleBot(\"⟦«digits:10»:AA«b64url:33»⟧\")",
				"notify = TelegramNotifier(token=\"⟦«digits:9»:«b64url:35»⟧\")",
				"NOTIFY_URL=tgram://⟦«digits:10»:«b64url:35»⟧/-100«digits:10»",
				"curl -s \"https://api.telegram.org/bot⟦«digits:10»:AA«b64url:33»⟧/sendMessage?chat_id=$CHAT&text=done\"",
				"const url = `https://api.telegram.org/file/bot⟦«digits:9»:AA«b64url:33»⟧/${path}`;").
			neg("at 1234567890:AAAA the clock ticks",
				"telegram_token = \"123456789:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
				"telegram_chat = \"2024-01-01T12:00:00:abcdefghijklmnopqrstuvwxyzabcdefghi\"",
				"curl https://api.telegram.org/bot123456789:ABCdefGhIJKlmNoPQRsTUVwxyZ/getMe",
				"curl https://api.telegram.org/bot$TELEGRAM_TOKEN/sendMessage",
				"# telegram\nlast = '«digits:9»:«b64url:35»'\n"), // a token not starting with A, lines away from the name
		def("discord-bot-token", "Discord bot token",
			"A Discord bot token (the bot's base64 user ID, a timestamp and an HMAC, dot-separated) near a Discord name. It acts as the bot in every server it joined."+revoke,
			ctxCheck(near([]string{"discord"}, 3, `[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}`, 4.0), discordBotCheck)).
			pos("DISCORD_BOT_TOKEN=⟦«enc64url:1«digits:17»».«b64url:6».«b64url:38»⟧", "client = discord.Client()\nclient.run('⟦«enc64url:1«digits:18»».«b64url:6».«b64url:27»⟧')\n").
			neg("DISCORD_BOT_TOKEN=MTxxxxxxxxxxxxxxxxxxxxxxxx.xxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxx", "discord.Client().run(os.environ['DISCORD_TOKEN'])"),
		namedRule("discord-client-secret", "Discord OAuth client secret",
			"A Discord application's OAuth2 client secret (32 characters) assigned to a Discord secret name.",
			[]string{"discord_client_secret", "discord-client-secret", "discordclientsecret", "discord_secret", "discord_oauth_secret"}, `[A-Za-z0-9_-]{32}`, 3.5, "discord_client_secret", "«b64url:32»"),
		def("microsoft-teams-webhook", "Microsoft Teams incoming webhook URL",
			"A Microsoft Teams incoming webhook URL (webhook.office.com/webhookb2/…, or a Power Automate workflow URL on logic.azure.com or powerplatform.com with a sig). Anyone holding it can post to its channel."+revoke,
			&pattern{
				keywords: []string{"webhook.office.com"},
				re:       regexp.MustCompile(`(https://[A-Za-z0-9-]+\.webhook\.office\.com/webhookb2/` + uuidRe + `@` + uuidRe + `/IncomingWebhook/[A-Za-z0-9]{32}/` + uuidRe + `(?:/[A-Za-z0-9_-]{20,})?)`),
				group:    1, minEntropy: 3.5,
			},
			&pattern{
				keywords: []string{"logic.azure.com"},
				re:       regexp.MustCompile(`https://[A-Za-z0-9.-]+\.logic\.azure\.com(?::443)?/workflows/[a-f0-9]{32}/triggers/[A-Za-z_]+/paths/invoke\?[^\s"'<>]*?sig=([A-Za-z0-9_%-]{43,})`),
				group:    1, minEntropy: 4.0, priority: prioProvider + 1,
			},
			// Workflows moved from Logic Apps to Power Platform environments.
			&pattern{
				keywords: []string{"powerplatform.com"},
				re:       regexp.MustCompile(`https://[A-Za-z0-9.-]+\.environment\.api\.powerplatform\.com(?::443)?/powerautomate/automations/direct/workflows/[a-f0-9]{32}/triggers/[A-Za-z_]+/paths/invoke\?[^\s"'<>]*?sig=([A-Za-z0-9_%-]{43,})`),
				group:    1, minEntropy: 4.0, priority: prioProvider + 1,
			}).
			pos("TEAMS_WEBHOOK=⟦https://rose.webhook.office.com/webhookb2/«uuid»@«uuid»/IncomingWebhook/«hex:32»/«uuid»⟧",
				"TEAMS_FLOW=https://«hex:30».7e.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/«hex:32»/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=⟦«b64url:43»⟧",
				"TEAMS_URL=https://prod-12.westeurope.logic.azure.com:443/workflows/«hex:32»/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=⟦«b64url:43»⟧").
			neg("TEAMS_WEBHOOK=https://rose.webhook.office.com/webhookb2/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx@xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/IncomingWebhook/xxxx/xxxx"),
		def("twilio-api-key", "Twilio API key SID with its secret",
			"A Twilio API key (SK and 32 hexadecimal characters) near a Twilio name; its secret is usually beside it. Together they act on the Twilio account."+revoke,
			ctxCheck(near([]string{"twilio"}, 3, `SK[a-f0-9]{32}`, 3.0), mixedAlnum)).
			pos("TWILIO_API_KEY=⟦SK«hex:32»⟧\nTWILIO_API_SECRET=«alnum:32»\n").
			neg("TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "SK«hex:32» without a provider name"),
		namedRule("twilio-auth-token", "Twilio auth token",
			"A Twilio account auth token (32 hexadecimal characters) assigned to a Twilio name. With the account SID it controls the whole Twilio account.",
			[]string{"twilio"}, `[a-f0-9]{32}`, 3.0, "twilio", "«hex:32»"),
		namedRule("twitch-api-token", "Twitch API token or client secret",
			"A Twitch OAuth token or client secret (30 lower-case characters) assigned to a Twitch name.",
			[]string{"twitch"}, `(?:oauth:)?[a-z0-9]{30}`, 3.5, "twitch", "«lownum:30»"),
		namedRule("mattermost-access-token", "Mattermost access token",
			"A Mattermost personal access or bot token (26 lower-case characters) assigned to a Mattermost name.",
			[]string{"mattermost"}, `[a-z0-9]{26}`, 3.5, "mattermost", "«lownum:26»"),
		namedRule("line-channel-secret", "LINE channel access token",
			"A LINE Messaging API channel access token (a long base64 string) or channel secret (32 hexadecimal characters) assigned to a LINE channel name.",
			[]string{"line_channel", "linechannel", "line-channel"}, `[A-Za-z0-9+/]{100,200}=?|[a-f0-9]{32}`, 3.0, "line_channel", "«hex:32»"),
	}
}

// discordBotCheck: the first part of a Discord bot token is the bot's user
// ID (a snowflake of 17 to 20 digits) in base64.
func discordBotCheck(s string, _ []byte) bool {
	id, _, _ := strings.Cut(s, ".")
	dec, ok := decodeSegment(id)
	return ok && len(dec) >= 17 && len(dec) <= 20 && isDigits(dec)
}

// telegramNear finds a bot token near a Telegram name: up to two lines
// away when its secret part starts with A, as issued tokens do; on the
// name's own line whatever its first character.
func telegramNear() []*pattern {
	names := []string{"telegram", "telegr", "bot_token", "bottoken"}
	a := ctxCheck(near(names, 2, `[0-9]{5,16}:A[A-Za-z0-9_-]{34}`, 3.5), telegramTokenCheck)
	any := ctxCheck(near(names, 0, `[0-9]{5,16}:[A-Za-z0-9_-]{35}`, 3.5), telegramTokenCheck)
	a.noPlaceholder, any.noPlaceholder = true, true
	return []*pattern{a, any}
}

// telegramTokenCheck judges a Telegram bot token by its secret part, after
// the colon (the bot's numeric ID before it is public): random, letters and
// digits mixed, not a placeholder.
func telegramTokenCheck(s string, _ []byte) bool {
	_, tok, _ := strings.Cut(s, ":")
	return mixedAlnum(tok, nil) && !isPlaceholder(tok)
}
