package secrets

import (
	"regexp"
	"strings"
)

// AI model providers.
func aiRules() []ruleDef {
	return []ruleDef{
		def("openai-api-key", "OpenAI API key",
			"An OpenAI API key (sk-proj-, sk-svcacct-, sk-admin- or legacy sk-), recognised by the T3BlbkFJ marker every OpenAI key carries (base64 of \"OpenAI\"). It bills the organisation's usage."+revoke,
			&pattern{
				keywords:   []string{"t3blbkfj"},
				re:         regexp.MustCompile(`sk-(?:[a-z]+-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}`),
				minEntropy: 3.5, bound: true,
			}).
			pos("openai.api_key = \"⟦sk-proj-«b64url:74»T3BlbkFJ«b64url:74»⟧\"", "OPENAI_API_KEY=⟦sk-«alnum:20»T3BlbkFJ«alnum:20»⟧").
			neg("OPENAI_API_KEY=sk-«alnum:48»", "Keys start with sk- and look like sk-abc123."),
		def("anthropic-api-key", "Anthropic API key",
			"An Anthropic API key (sk-ant-api03-, ending in AA). It bills the organisation's usage."+revoke,
			prefixed("sk-ant-api", `sk-ant-api[0-9]{2}-[A-Za-z0-9_-]{78,}AA`, 4.0)).
			pos("ANTHROPIC_API_KEY=⟦sk-ant-api03-«b64url:93»AA⟧").
			neg("ANTHROPIC_API_KEY=sk-ant-api03-«b64url:93»BB", "api_key = \"sk-ant-api03-...\""),
		def("anthropic-admin-key", "Anthropic Admin API key",
			"An Anthropic Admin API key (sk-ant-admin01-): it manages the organisation's members and keys."+revoke,
			prefixed("sk-ant-admin", `sk-ant-admin[0-9]{2}-[A-Za-z0-9_-]{78,}AA`, 4.0)).
			pos("ANTHROPIC_ADMIN_KEY=⟦sk-ant-admin01-«b64url:93»AA⟧").
			neg("ANTHROPIC_ADMIN_KEY=sk-ant-admin01-xxxx"),
		def("groq-api-key", "Groq API key",
			"A Groq API key (gsk_)."+revoke,
			prefixed("gsk_", `gsk_[A-Za-z0-9]{52}`, 4.0)).
			pos("GROQ_API_KEY=⟦gsk_«alnum:52»⟧").
			neg("GROQ_API_KEY=gsk_«alnum:20»"),
		def("xai-api-key", "xAI API key",
			"An xAI (Grok) API key (xai-)."+revoke,
			prefixed("xai-", `xai-[A-Za-z0-9]{80}`, 4.0)).
			pos("XAI_API_KEY=⟦xai-«alnum:80»⟧").
			neg("XAI_API_KEY=xai-«alnum:30»"),
		def("elevenlabs-api-key", "ElevenLabs API key",
			"An ElevenLabs API key (sk_ and 48 hexadecimal characters, or a 32-character key sent as xi-api-key)."+revoke,
			prefixed("sk_", `sk_[a-f0-9]{48}`, 3.0),
			&pattern{
				keywords: []string{"xi-api-key", "xi_api_key", "elevenlabs", "eleven_labs"},
				re:       regexp.MustCompile(`(?i:xi[_-]api[_-]key|eleven_?labs[a-z0-9_-]*(?:key|token))` + assign + `([a-f0-9]{32})\b`),
				group:    1, minEntropy: 3.3, priority: prioContext,
			}).
			pos("ELEVENLABS_API_KEY=⟦sk_«hex:48»⟧", "headers = {\"xi-api-key\": \"⟦«hex:32»⟧\", \"Content-Type\": \"application/json\"}").
			neg("headers = {\"xi-api-key\": os.environ[\"XI_API_KEY\"]}"),
		def("together-api-key", "Together AI API key",
			"A Together AI API key (tgp_v1_, or a 64-character hexadecimal key named for Together)."+revoke,
			prefixed("tgp_v1_", `tgp_v1_[A-Za-z0-9_-]{43}`, 4.0),
			&pattern{
				keywords: []string{"together"},
				re:       regexp.MustCompile(`(?i:together[a-z0-9_-]*(?:key|token))` + assign + `([a-f0-9]{64})\b`),
				group:    1, minEntropy: 3.5, priority: prioContext,
			}).
			pos("TOGETHER_API_KEY=⟦tgp_v1_«b64url:43»⟧", "TOGETHER_API_KEY = \"⟦«hex:64»⟧\"").
			neg("TOGETHER_API_KEY=tgp_v1_<key>"),
		def("huggingface-token", "Hugging Face access token",
			"A Hugging Face user access token (hf_)."+revoke,
			prefixed("hf_", `hf_[A-Za-z]{34}`, 3.8)).
			pos("HF_TOKEN=⟦hf_«letters:34»⟧").
			neg("HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("replicate-api-token", "Replicate API token",
			"A Replicate API token (r8_)."+revoke,
			prefixed("r8_", `r8_[A-Za-z0-9]{37}`, 3.8)).
			pos("REPLICATE_API_TOKEN=⟦r8_«alnum:37»⟧").
			neg("REPLICATE_API_TOKEN=r8_«alnum:10»"),
		def("perplexity-api-key", "Perplexity API key",
			"A Perplexity API key (pplx-)."+revoke,
			prefixed("pplx-", `pplx-[A-Za-z0-9]{48}`, 4.0)).
			pos("PPLX_API_KEY=⟦pplx-«alnum:48»⟧").
			neg("PPLX_API_KEY=pplx-..."),
		def("qdrant-api-key", "Qdrant API key",
			"A Qdrant Cloud database API key (a JWT or a random key) named or used next to a Qdrant cluster URL."+revoke,
			&pattern{
				keywords: []string{"qdrant"},
				before:   3, after: 3,
				re:    regexp.MustCompile(`(?i:api[_-]?key|apikey|token|secret)` + assign + `(` + jwtRe + `|[A-Za-z0-9_-]{32,})` + end),
				group: 1, minEntropy: 3.5, priority: prioContext + 1,
				check: func(s string, _ []byte) bool {
					if strings.HasPrefix(s, "eyJ") {
						return validJWT(s)
					}
					return looksRandom(s, 32)
				},
			},
			&pattern{
				keywords: []string{"qdrant"},
				before:   3, after: 3,
				re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9_.-])(` + jwtRe + `)` + `(?:[^A-Za-z0-9_.-]|$)`),
				group: 1, minEntropy: 3.5, priority: prioContext + 1,
				check: func(s string, _ []byte) bool { return validJWT(s) },
			}).
			pos("QDRANT_URL=https://rose.cloud.qdrant.io\nQDRANT_API_KEY=⟦«b64url:40»⟧\n", "client = QdrantClient(\"https://f00d.us-east4-0.gcp.cloud.qdrant.io:6333\", \"⟦«jwt»⟧\")").
			neg("client = QdrantClient(url=\"http://localhost:6333\")\ncollection_id = \"«uuid»\"\n"),
	}
}
