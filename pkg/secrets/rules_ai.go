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
		def("anthropic-oauth-token", "Anthropic OAuth token (Claude Code)",
			"An Anthropic OAuth access token (sk-ant-oat01-, as printed by claude setup-token for CLAUDE_CODE_OAUTH_TOKEN, valid for a year) or refresh token (sk-ant-ort01-). It uses the Claude subscription of the account that created it. Log out of Claude Code on the machines that use it (claude /logout) or revoke the app's access in the Claude account settings, then remove it from the code and load it from a secret store or an environment variable.",
			prefixed("sk-ant-oat", `sk-ant-oat[0-9]{2}-[A-Za-z0-9_-]{80,}`, 4.0),
			prefixed("sk-ant-ort", `sk-ant-ort[0-9]{2}-[A-Za-z0-9_-]{80,}`, 4.0)).
			pos("CLAUDE_CODE_OAUTH_TOKEN=⟦sk-ant-oat01-«b64url:93»AA⟧", "\"refreshToken\": \"⟦sk-ant-ort01-«b64url:93»AA⟧\"").
			neg("CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-...", "CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
				"CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-«b64url:20»"),
		def("groq-api-key", "Groq API key",
			"A Groq API key (gsk_)."+revoke,
			prefixed("gsk_", `gsk_[A-Za-z0-9]{50,54}`, 4.0)).
			pos("GROQ_API_KEY=⟦gsk_«alnum:52»⟧", "GROQ_API_KEY=⟦gsk_«alnum:50»⟧").
			neg("GROQ_API_KEY=gsk_«alnum:20»"),
		def("xai-api-key", "xAI API key",
			"An xAI (Grok) API key (xai-)."+revoke,
			prefixed("xai-", `xai-[A-Za-z0-9_]{80}`, 4.0)).
			pos("XAI_API_KEY=⟦xai-«alnum:80»⟧", "XAI_API_KEY=⟦xai-«alnum:40»_«alnum:39»⟧").
			neg("XAI_API_KEY=xai-«alnum:30»"),
		def("elevenlabs-api-key", "ElevenLabs API key",
			"An ElevenLabs API key (sk_ and 48 hexadecimal characters, or a 32-character key sent as xi-api-key)."+revoke,
			prefixed("sk_", `sk_[a-f0-9]{48}`, 3.0),
			&pattern{
				keywords: []string{"xi-api-key", "xi_api_key", "elevenlabs", "eleven_labs"},
				re:       regexp.MustCompile(`(?i:xi[_-]api[_-]key|eleven_?labs[a-z0-9_-]*(?:key|token))` + assign + `([a-f0-9]{32})\b`),
				group:    1, minEntropy: 3.0, priority: prioContext,
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
			"A Hugging Face user access token (hf_ and 34 letters, digits in older tokens) or an older organisation API token (api_org_ and 34 letters and digits)."+revoke,
			prefixed("hf_", `hf_[A-Za-z0-9]{34}`, 3.8), prefixed("api_org_", `api_org_[A-Za-z0-9]{34}`, 3.8)).
			pos("HF_TOKEN=⟦hf_«letters:34»⟧", "HF_TOKEN=⟦hf_«alnum:34»⟧", "HUGGINGFACE_ORG_TOKEN=⟦api_org_«alnum:34»⟧").
			neg("HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("replicate-api-token", "Replicate API token",
			"A Replicate API token (r8_)."+revoke,
			prefixed("r8_", `r8_[A-Za-z0-9_-]{37}`, 3.8)).
			pos("REPLICATE_API_TOKEN=⟦r8_«alnum:37»⟧", "REPLICATE_API_TOKEN=⟦r8_«alnum:20»-«alnum:16»⟧").
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
		namedRule("cohere-api-key", "Cohere API key",
			"A Cohere API key (40 characters) assigned to a Cohere or CO_API_KEY name. It bills the account's usage.",
			[]string{"cohere", "co_api_key"}, `[A-Za-z0-9]{40}`, 4.0, "cohere", "«alnum:40»"),
		namedRule("mistral-api-key", "Mistral AI API key",
			"A Mistral AI API key (32 characters) assigned to a Mistral name. It bills the account's usage.",
			[]string{"mistral"}, `[A-Za-z0-9]{32}`, 3.5, "mistral", "«alnum:32»"),
		tok("langsmith-api-key", "LangSmith API key",
			"A LangSmith (LangChain) personal access token or service key (lsv2_pt_ / lsv2_sk_). It reads the organisation's traces, which hold prompts and outputs.",
			"lsv2_", `lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}`, 3.0).
			pos("LANGCHAIN_API_KEY=⟦lsv2_pt_«hex:32»_«hex:10»⟧", "LANGSMITH_API_KEY=⟦lsv2_sk_«hex:32»_«hex:10»⟧").
			neg("LANGCHAIN_API_KEY=lsv2_pt_..."),
		def("wandb-api-key", "Weights & Biases API key",
			"A Weights & Biases API key (40 hexadecimal characters, or the newer wandb_v1_ keys) assigned to a W&B name or written by wandb login to .netrc for api.wandb.ai."+revoke,
			named([]string{"wandb", "weights_and_biases", "weightsandbiases"}, `[a-f0-9]{40}|wandb_v1_[A-Za-z0-9_]{40,}`, 3.0),
			withPriority(near([]string{"api.wandb.ai"}, 2, `[a-f0-9]{40}`, 3.0), prioProvider)).
			pos(forms("wandb", "«hex:40»")...).
			pos("machine api.wandb.ai\n  login user\n  password ⟦«hex:40»⟧\n").
			neg(nonForms("wandb", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")...),
		tok("openrouter-api-key", "OpenRouter API key",
			"An OpenRouter API key (sk-or-v1-). It bills the account's credits.",
			"sk-or-v1-", `sk-or-v1-[a-f0-9]{64}`, 3.0).
			pos("OPENROUTER_API_KEY=⟦sk-or-v1-«hex:64»⟧").
			neg("OPENROUTER_API_KEY=sk-or-v1-<key>"),
		namedRule("deepseek-api-key", "DeepSeek API key",
			"A DeepSeek API key (sk- and 32 hexadecimal characters) assigned to a DeepSeek name.",
			[]string{"deepseek"}, `sk-[a-f0-9]{32}`, 3.0, "deepseek", "sk-«hex:32»"),
		tok("nvidia-api-key", "NVIDIA API key",
			"An NVIDIA NGC / build.nvidia.com API key (nvapi-). It calls hosted models and pulls private containers.",
			"nvapi-", `nvapi-[A-Za-z0-9_-]{64}`, 4.0).
			pos("NVIDIA_API_KEY=⟦nvapi-«b64url:64»⟧").
			neg("NVIDIA_API_KEY=nvapi-xxxx"),
		tok("huggingface-org-token", "Hugging Face organisation API token",
			"A Hugging Face organisation API token (api_org_, legacy).",
			"api_org_", `api_org_[A-Za-z]{34}`, 3.8).
			pos("HF_ORG_TOKEN=⟦api_org_«letters:34»⟧").
			neg("HF_ORG_TOKEN=api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		withPatterns(namedRule("assemblyai-api-key", "AssemblyAI API key",
			"An AssemblyAI API key (32 hexadecimal characters) assigned to or written soon after an AssemblyAI name.",
			[]string{"assemblyai", "assembly_ai", "assembly-ai"}, `[a-f0-9]{32}`, 3.0, "assemblyai", "«hex:32»"),
			ctxCheck(follows([]string{"assemblyai"}, `[a-z0-9]{32}`, 3.0), ctxAll(namedValueCheck, twoClasses))).
			pos("# assemblyai transcription\nclient = Client(\"⟦«hex:32»⟧\")"),
		namedRule("deepgram-api-key", "Deepgram API key",
			"A Deepgram API key (40 hexadecimal characters) assigned to a Deepgram name.",
			[]string{"deepgram"}, `[a-f0-9]{40}`, 3.0, "deepgram", "«hex:40»"),
		withPatterns(namedRule("azure-openai-api-key", "Azure OpenAI API key",
			"An Azure OpenAI (Azure AI services) key (32 hexadecimal characters, or the 84-character format) assigned to an Azure OpenAI name.",
			[]string{"azure_openai", "azureopenai", "azure-openai", "aoai_", "openai_api_key_azure"}, `[a-f0-9]{32}|[A-Za-z0-9]{84}`, 3.0, "azure_openai", "«hex:32»"),
			near([]string{"openai.azure.com"}, 4, `[a-f0-9]{32}`, 3.0)).
			pos("openai.api_base = \"https://rose-ai.openai.azure.com/\"\nopenai.api_key = \"⟦«hex:32»⟧\"\n"),
		namedRule("anyscale-api-key", "Fireworks, Anyscale, or OctoAI style API key",
			"An API key of a model host that issues keys without a fixed prefix (Fireworks fw_, Anyscale esecret_), assigned to its name.",
			[]string{"fireworks", "anyscale"}, `(?:fw_|esecret_)?[A-Za-z0-9]{24,48}`, 3.5, "fireworks", "fw_«alnum:24»"),
		namedRule("stability-api-key", "Stability AI API key",
			"A Stability AI API key (sk- and 48 characters) assigned to a Stability name.",
			[]string{"stability"}, `sk-[A-Za-z0-9]{48}`, 4.0, "stability", "sk-«alnum:48»"),
		namedRule("voyage-api-key", "Voyage AI API key",
			"A Voyage AI API key (pa- and 43 characters) assigned to a Voyage name.",
			[]string{"voyage"}, `pa-[A-Za-z0-9_-]{43}`, 4.0, "voyage", "pa-«b64url:43»"),
	}
}
