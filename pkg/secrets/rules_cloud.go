package secrets

import (
	"bytes"
	"regexp"
	"strings"
)

// Cloud providers other than AWS and Google's API keys: Azure, Google Cloud
// credentials, Alibaba, Tencent, Yandex, Scaleway, Linode, Hetzner, Vultr,
// IBM, Cloudflare, Fastly, OpenShift.
func cloudRules() []ruleDef {
	return []ruleDef{
		def("azure-storage-account-key", "Azure storage or Cosmos DB account key",
			"An Azure storage account, Cosmos DB or Batch account key (88 base64 characters ending ==), in a connection string (AccountKey=) or assigned to an account-key name. It has full access to every blob, queue, table and file share of the account."+revoke,
			&pattern{
				keywords: []string{"accountkey="},
				re:       regexp.MustCompile(`(?i:AccountKey)=([A-Za-z0-9+/]{86}==)`),
				group:    1, minEntropy: 4.5,
				// devstoreaccount1 is the storage emulator's (Azurite's)
				// account, on localhost only.
				check: func(_ string, line []byte) bool { return indexFold(line, "accountname=devstoreaccount1;") < 0 },
			},
			named([]string{"accountkey", "account_key", "account-key", "storagekey", "storage_key", "storage-key", "azure_storage", "azurestorage", "cosmos"}, `[A-Za-z0-9+/]{86}==`, 4.5),
			// The key on the next line or inside a call or initialiser:
			// AccountKey{"…"}, ACCOUNT_KEY ||\n "…", ['AccountKey'], '…'.
			near([]string{"accountkey", "account_key", "account-key", "storagekey", "storage_key", "storage-key"}, 2, `[A-Za-z0-9+/]{86}==`, 4.5)).
			pos("static const std::string StorageAccountKey{\n    \"⟦«b64:86»==⟧\"};").
			pos("{\"Storage\": \"DefaultEndpointsProtocol=https;AccountName=rosedata;AccountKey=⟦«b64:86»==⟧;EndpointSuffix=core.windows.net\"}",
				"AccountEndpoint=https://rose.documents.azure.com:443/;AccountKey=⟦«b64:86»==⟧;",
				"AZURE_STORAGE_KEY=⟦«b64:86»==⟧").
			neg("DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=<key>;", "AZURE_STORAGE_KEY=${AZURE_STORAGE_KEY}",
				"TEST_BACKEND=azureblockblob://DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=«b64:86»==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"),
		def("azure-ad-client-secret", "Microsoft Entra ID (Azure AD) client secret",
			"A Microsoft Entra ID (Azure AD) application client secret: 3 characters, a digit, Q~ and 31 to 34 characters. With the tenant and client IDs it signs in as the application."+revoke,
			&pattern{
				keywords: []string{"q~"},
				re:       regexp.MustCompile(`(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)`),
				group:    1, minEntropy: 4.0,
			}).
			pos("AZURE_CLIENT_SECRET=⟦«alnum:3»8Q~«alnum:34»⟧", "az login --service-principal -u «uuid» -p '⟦«alnum:3»7Q~«b64url:31»⟧' --tenant «uuid»").
			neg("AZURE_CLIENT_SECRET=abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("azure-sas-token", "Azure shared access signature",
			"An Azure shared access signature (a URL or connection string with sv= and sig=): it grants what its permissions (sp=) allow on the storage account until it expires (se=)."+revoke,
			&pattern{
				keywords: []string{"sig="},
				gate: func(text []byte, start, _ int) bool {
					return bytes.Contains(text[max(0, start-512):start], []byte("sv=")) || bytes.Contains(text[start:min(len(text), start+512)], []byte("sv="))
				},
				gateScan: 1024,
				re:       regexp.MustCompile(`(?:^|[?&;"' ])sig=([A-Za-z0-9%+/]{40,}(?:%3D|%3d|=){0,2})`),
				group:    1, minEntropy: 4.0,
			}).
			pos("https://rosedata.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&spr=https&sig=⟦«alnum:43»%3D⟧",
				"BlobEndpoint=https://rose.blob.core.windows.net/;SharedAccessSignature=sv=2021-06-08&ss=b&sp=r&sig=⟦«alnum:44»⟧").
			neg("https://rose.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=<signature>"),
		def("azure-service-bus-key", "Azure Service Bus, Event Hubs or IoT Hub shared access key",
			"A shared access key in an Azure Service Bus, Event Hubs, Relay or IoT Hub connection string (SharedAccessKey=, 44 base64 characters). It sends, listens or manages as the policy allows."+revoke,
			&pattern{
				keywords: []string{"sharedaccesskey="},
				re:       regexp.MustCompile(`(?i:SharedAccessKey)=([A-Za-z0-9+/]{42,43}=)`),
				group:    1, minEntropy: 4.0,
			}).
			pos("Endpoint=sb://rose-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=⟦«b64:43»=⟧",
				"HostName=rose-iot.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=⟦«b64:43»=⟧").
			neg("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=<key>"),
		def("azure-app-configuration-secret", "Azure App Configuration connection string",
			"The secret of an Azure App Configuration connection string (Endpoint=https://….azconfig.io;Id=…;Secret=…): it reads, and may write, the store's settings."+revoke,
			&pattern{
				keywords: []string{"azconfig.io"},
				re:       regexp.MustCompile(`Endpoint=https://[A-Za-z0-9-]+\.azconfig\.io;Id=[A-Za-z0-9+/=:-]+;Secret=([A-Za-z0-9+/]{40,}={0,2})`),
				group:    1, minEntropy: 4.0,
			}).
			pos("APPCONFIG=Endpoint=https://rose-config.azconfig.io;Id=«alnum:4»-l0-s0:«b64:20»;Secret=⟦«b64:43»=⟧").
			neg("APPCONFIG=Endpoint=https://x.azconfig.io;Id=x;Secret=<secret>"),
		tok("azure-container-registry-password", "Azure Container Registry password",
			"An Azure Container Registry access key or token password (42 characters, +ACR and 6 characters): it pushes and pulls the registry's images.",
			"+ACR", `[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6}`, 4.0).
			pos("docker login roseacr.azurecr.io -u roseacr -p ⟦«b64:42»+ACR«alnum:6»⟧").
			neg("docker login roseacr.azurecr.io -u roseacr -p $ACR_PASSWORD"),
		def("azure-devops-pat", "Azure DevOps personal access token",
			"An Azure DevOps personal access token: 52 lower-case base32 characters assigned to an Azure DevOps name, or the 84-character format with the AZDO signature. It acts as its owner on the organisation's repositories, pipelines and boards."+revoke,
			named([]string{"azure_devops", "azuredevops", "azure-devops", "ado_pat", "ado_token", "azdo", "system_accesstoken", "vsts", "azure"}, `[a-z0-9]{52}`, 3.8),
			// The 52-character token beside an Azure DevOps host, without a
			// name: curl -u :<PAT> https://dev.azure.com/…, git URLs.
			ctxCheck(near([]string{"dev.azure.com", "visualstudio.com"}, 1, `[a-z2-7]{52}`, 3.8), mixedAlnum),
			// The 84-character format: 52 random characters, then fixed
			// and metadata fields (JQQJ99 and runs of A among them) and the
			// AZDO signature at offset 76. Only the random part is judged.
			&pattern{
				keywords: []string{"azdo"},
				re:       regexp.MustCompile(`(?:^|[^A-Za-z0-9])([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})(?:[^A-Za-z0-9]|$)`),
				group:    1, noPlaceholder: true,
				check: azdoPATCheck,
			}).
			pos("AZURE_DEVOPS_PAT=⟦«b32lower:52»⟧", "ADO_TOKEN=⟦«alnum:76»AZDO«alnum:4»⟧",
				"git clone https://pat:⟦«alnum:52»JQQJ99BEACAAAAAAAAAAAAASAZDO«alnum:4»⟧@dev.azure.com/rose/app/_git/app",
				"token = '⟦«alnum:52»JQQJ99BFACAAAAA«alnum:5»AAASAZDO«alnum:4»⟧'",
				"curl -u :⟦«b32lower:52»⟧ https://dev.azure.com/rose/_apis/projects?api-version=7.1").
			neg("AZURE_DEVOPS_PAT=$(System.AccessToken)", "AZURE_DEVOPS_PAT=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
				"ADO_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxJQQJ99BEACAAAAAAAAAAAAASAZDOxxxx",
				"ADO_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnoAZDOabcd"),
		def("gcp-service-account-key", "Google Cloud service account key (JSON)",
			"The private key of a Google Cloud service account key file (type service_account, private_key). It signs in as the service account with all its IAM roles until the key is deleted."+revoke,
			&pattern{
				keywords: []string{`"private_key"`},
				before:   12, after: 2,
				anchor: regexp.MustCompile(`"type"\s*:\s*"service_account"`),
				re:     regexp.MustCompile(`"private_key"\s*:\s*"(-----BEGIN (?:RSA )?PRIVATE KEY-----\\n[A-Za-z0-9+/=\\n]{64,}-----END (?:RSA )?PRIVATE KEY-----)(?:\\n)?"`),
				group:  1, priority: prioProvider + 1, noPlaceholder: true,
				check: func(s string, line []byte) bool { return privateKeyCheck(strings.ReplaceAll(s, `\n`, "\n"), line) },
			}).
			pos("{\n  \"type\": \"service_account\",\n  \"project_id\": \"rose-prod\",\n  \"private_key_id\": \"«hex:40»\",\n  \"private_key\": \"⟦«pemjson:ed25519»⟧\\n\",\n  \"client_email\": \"ci@rose-prod.iam.gserviceaccount.com\"\n}\n").
			neg("{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"\n}\n"),
		tok("google-oauth-access-token", "Google OAuth access token",
			"A Google OAuth 2.0 access token (ya29.): it acts with its scopes for about an hour.",
			"ya29.", `ya29\.[A-Za-z0-9_-]{30,}`, 4.0).
			pos("curl -H \"Authorization: Bearer ⟦ya29.a0A«b64url:150»⟧\" https://www.googleapis.com/drive/v3/files").
			neg("token = \"ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""),
		tok("google-oauth-refresh-token", "Google OAuth refresh token",
			"A Google OAuth 2.0 refresh token (1//0): it mints new access tokens with its scopes until revoked.",
			"1//0", `1//0[A-Za-z0-9_-]{40,}`, 4.0).
			pos("\"refresh_token\": \"⟦1//0«b64url:100»⟧\"").
			neg("\"refresh_token\": \"1//0\""),
		tok("firebase-cloud-messaging-key", "Firebase Cloud Messaging server key",
			"A Firebase Cloud Messaging legacy server key (AAAA…:APA91b…): it sends push notifications to every user of the app.",
			"APA91b", `AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}`, 4.0).
			pos("FCM_SERVER_KEY=⟦AAAA«b64url:7»:APA91b«b64url:134»⟧").
			neg("FCM_SERVER_KEY=AAAAxxxxxxx:APA91bxxxx"),
		tok("alibaba-access-key-id", "Alibaba Cloud AccessKey ID",
			"An Alibaba Cloud AccessKey ID (LTAI); its secret is usually beside it. Together they sign requests as the RAM user.",
			"LTAI", `LTAI[A-Za-z0-9]{12,24}`, 3.5).
			pos("ALIBABA_CLOUD_ACCESS_KEY_ID=⟦LTAI«alnum:20»⟧").
			neg("ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxxxxxx"),
		def("alibaba-access-key-secret", "Alibaba Cloud AccessKey secret",
			"An Alibaba Cloud AccessKey secret (30 characters) assigned to an Alibaba or Aliyun name, or next to an AccessKey ID (LTAI…)."+revoke,
			named([]string{"alibaba", "aliyun", "access_key_secret", "accesskeysecret"}, `[A-Za-z0-9]{30}`, 4.0),
			ctxCheck(near([]string{"ltai"}, 3, `[A-Za-z0-9]{30}`, 4.0), mixedAlnum)).
			pos(forms("alibaba", "«alnum:30»")...).
			pos("ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI«alnum:20»\nALIBABA_CLOUD_ACCESS_KEY_SECRET=⟦«alnum:30»⟧\n").
			neg(nonForms("alibaba", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")...),
		tok("tencent-secret-id", "Tencent Cloud SecretId",
			"A Tencent Cloud API SecretId (AKID and 32 characters); its SecretKey is usually beside it.",
			"AKID", `AKID[A-Za-z0-9]{32}`, 4.0).
			pos("TENCENTCLOUD_SECRET_ID=⟦AKID«alnum:32»⟧").
			neg("TENCENTCLOUD_SECRET_ID=AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		namedRule("tencent-secret-key", "Tencent Cloud SecretKey",
			"A Tencent Cloud API SecretKey (32 characters) assigned to a Tencent name.",
			[]string{"tencent", "tencentcloud"}, `[A-Za-z0-9]{32}`, 3.5, "tencentcloud", "«alnum:32»"),
		tok("yandex-api-key", "Yandex Cloud API key",
			"A Yandex Cloud API key (AQVN): it acts as its service account.",
			"AQVN", `AQVN[A-Za-z0-9_-]{35,38}`, 4.0).
			pos("YC_API_KEY=⟦AQVN«b64url:36»⟧").
			neg("YC_API_KEY=AQVNxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("yandex-iam-token", "Yandex Cloud IAM token",
			"A Yandex Cloud IAM token (t1.): it acts as its account for up to 12 hours.",
			"t1.", `t1\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]{86}={0,2}`, 4.0).
			pos("YC_TOKEN=⟦t1.«b64url:40».«b64url:86»⟧").
			neg("version = \"t1.2.3\""),
		def("yandex-static-key", "Yandex Cloud static access key",
			"A Yandex Cloud static access key for the S3-compatible APIs (YC and 38 characters) assigned to a Yandex name."+revoke,
			withPriority(named([]string{"yandex", "yc_"}, `YC[A-Za-z0-9_-]{38}`, 4.0), prioProvider+1)).
			pos("yandex_secret_key = \"⟦YC«b64url:38»⟧\"").
			neg("yandex_secret_key = \"YCxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""),
		def("scaleway-secret-key", "Scaleway secret key",
			"A Scaleway API secret key (a UUID) assigned to a Scaleway name, or an access key ID (SCW and 17 characters)."+revoke,
			named([]string{"scaleway", "scw_secret", "scw-secret"}, uuidRe, 3.0),
			prefixed("SCW", `SCW[A-Z0-9]{17}`, 3.0)).
			pos("SCW_SECRET_KEY=⟦«uuid»⟧", "SCW_ACCESS_KEY=⟦SCW«upnum:17»⟧").
			neg("SCW_SECRET_KEY=${SCW_SECRET_KEY}", "SCWXXXXXXXXXXXXXXXXX"),
		namedRule("linode-api-token", "Linode (Akamai) API token",
			"A Linode personal access token (64 hexadecimal characters) assigned to a Linode name. It manages the account's servers.",
			[]string{"linode"}, `[a-f0-9]{64}`, 3.0, "linode", "«hex:64»"),
		namedRule("hetzner-api-token", "Hetzner Cloud API token",
			"A Hetzner Cloud API token (64 characters) assigned to a Hetzner or HCLOUD name. It manages the project's servers.",
			[]string{"hetzner", "hcloud"}, `[A-Za-z0-9]{64}`, 4.5, "hcloud", "«alnum:64»"),
		namedRule("vultr-api-key", "Vultr API key",
			"A Vultr API key (36 upper-case characters) assigned to a Vultr name. It manages the account's servers.",
			[]string{"vultr"}, `[A-Z0-9]{36}`, 3.5, "vultr", "«upnum:36»"),
		namedRule("ibm-cloud-api-key", "IBM Cloud API key",
			"An IBM Cloud IAM API key (44 characters) assigned to an IBM Cloud name.",
			[]string{"ibmcloud", "ibm_cloud", "ibm-cloud", "ibm_api_key", "ibm-api-key", "ic_api_key", "iam_apikey", "ibm_platform", "ibm-platform", "ibmplatform"}, `[A-Za-z0-9_-]{44}`, 4.0, "ibmcloud", "«b64url:44»"),
		namedRule("oracle-cloud-auth-token", "Oracle Cloud auth token",
			"An Oracle Cloud Infrastructure auth token (20 characters with symbols) assigned to an OCI name.",
			[]string{"oci_auth_token", "oci-auth-token", "ociauthtoken"}, `[A-Za-z0-9+/()<>:;._#-]{20}`, 3.5, "oci_auth_token", "«b64:20»"),
		def("cloudflare-api-token", "Cloudflare API token",
			"A Cloudflare API token (40 characters) assigned to a Cloudflare name. It does what its permissions allow on the zones and accounts it was granted."+revoke,
			ctxCheck(named([]string{"cloudflare", "cf_api_token", "cf_token", "cf-api-token"}, `[A-Za-z0-9_-]{40}`, 4.0), mixedAlnum)).
			pos(forms("cloudflare", "«b64url:40»")...).
			pos("CF_API_TOKEN=⟦«b64url:40»⟧").
			neg(nonForms("cloudflare", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")...),
		namedRule("cloudflare-global-api-key", "Cloudflare global API key",
			"A Cloudflare global API key (37 hexadecimal characters) assigned to a Cloudflare name. It has full control of the account.",
			[]string{"cloudflare", "cf_api_key", "cf-api-key"}, `[a-f0-9]{37}`, 3.0, "cloudflare", "«hex:37»"),
		def("cloudflare-origin-ca-key", "Cloudflare Origin CA key",
			"A Cloudflare Origin CA key (v1.0- and 170 or more hexadecimal characters in two to four groups joined by -), sent as X-Auth-User-Service-Key: it issues and revokes origin certificates for the account's zones."+revoke,
			prefixed("v1.0-", `v1\.0-[a-f0-9]{24}-[a-f0-9]{146}`, 3.0),
			ctxCheck(prefixed("v1.0-", `v1\.0-[a-f0-9]{16,}(?:-[a-f0-9]{16,}){1,3}`, 3.0), atLeast(170))).
			pos("CF_ORIGIN_CA_KEY=⟦v1.0-«hex:24»-«hex:146»⟧", "X-Auth-User-Service-Key: ⟦v1.0-«hex:64»-«hex:128»-«hex:64»⟧").
			neg("version: v1.0-rc1"),
		namedRule("fastly-api-token", "Fastly API token",
			"A Fastly API token (32 characters) assigned to a Fastly name. It changes and purges the account's services.",
			[]string{"fastly"}, `[A-Za-z0-9_-]{32}`, 3.5, "fastly", "«b64url:32»"),
		tok("openshift-user-token", "OpenShift user token",
			"An OpenShift OAuth user token (sha256~): it acts as the user on the cluster.",
			"sha256~", `sha256~[A-Za-z0-9_-]{43}`, 4.0).
			pos("oc login --token=⟦sha256~«b64url:43»⟧ --server=https://api.rose.openshiftapps.com:6443").
			neg("oc login --token=sha256~<token>"),
	}
}

// azdoPATCheck judges an 84-character Azure DevOps token by its first 52
// characters, the random part: the fields after it are fixed or mostly A.
func azdoPATCheck(s string, _ []byte) bool {
	head := s[:52]
	return !isPlaceholder(head) && entropy(head) >= 4.0 && mixedAlnum(head, nil)
}
