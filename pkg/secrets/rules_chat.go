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
			"A Slack app-level token (xapp-), used for Socket Mode connections."+revoke,
			prefixed("xapp-", `xapp-[0-9]-[A-Z0-9]{6,14}-[0-9]{8,16}-[A-Za-z0-9]{30,}`, 3.0)).
			pos("SLACK_APP_TOKEN=⟦xapp-1-A0«upnum:9»-«digits:13»-«hex:64»⟧").
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
				re:       regexp.MustCompile(`(https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{30,})`),
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
		def("telegram-bot-token", "Telegram bot token",
			"A Telegram Bot API token (bot id, colon, AA and 33 characters)."+revoke,
			&pattern{
				keywords: []string{":aa"},
				gate: func(text []byte, start, _ int) bool {
					return start >= 8 && isDigits(text[start-8:start])
				},
				re:    regexp.MustCompile(`(?:^|[^0-9A-Za-z_:-])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})` + end),
				group: 1, minEntropy: 3.5,
			}).
			pos("bot = telebot.TeleBot(\"⟦«digits:10»:AA«b64url:33»⟧\")").
			neg("at 1234567890:AAAA the clock ticks"),
	}
}
