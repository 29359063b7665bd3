package secrets

import (
	"bytes"
	"regexp"
)

// Amazon Web Services.
func awsRules() []ruleDef {
	return []ruleDef{
		def("aws-access-key-id", "AWS access key ID",
			"An AWS access key ID (AKIA long-term, ASIA temporary, ABIA, ACCA). The ID alone cannot sign requests, but its secret key is usually nearby; treat the pair as leaked."+revoke,
			&pattern{
				keywords:   []string{"akia", "asia", "abia", "acca"},
				re:         regexp.MustCompile(`\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`),
				group:      1,
				minEntropy: 3.0,
				gate:       awsKeyIDGate,
				check: func(id string, line []byte) bool {
					return !presignedKeyID(id, line) && !inCredentialScope(id, line)
				},
			}).
			pos("[default]\naws_access_key_id = ⟦AKIA«base32:16»⟧\nregion = eu-west-1\n", `{"AccessKeyId": "⟦ASIA«base32:16»⟧"}`).
			neg("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "id := \"AKIA0189018901890189\"", "akia«lower:16» is not a key",
				"url \"https://releases.s3.amazonaws.com/yarn.tgz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA«base32:16»%2F20160921%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=«hex:64»\"",
				"Authorization: AWS4-HMAC-SHA256 Credential=AKIA«base32:16»/20250130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=«hex:64»"),
		def("aws-secret-access-key", "AWS secret access key",
			"An AWS secret access key (40 characters), found next to an aws_secret_access_key name or an AWS access key ID. With its key ID it signs requests as the IAM user or role."+revoke,
			&pattern{
				keywords: []string{"secret_access_key", "secretaccesskey", "secret-access-key", "secret.access.key", "aws_secret", "awssecret", "aws-secret", "aws.secret", "secret_key", "secretkey", "secret-key", "secret.key"},
				re:       regexp.MustCompile(`(?i:secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?key)` + `[A-Za-z0-9_-]*` + assign + `([A-Za-z0-9+/]{40})(?:[^A-Za-z0-9+/=]|$)`),
				group:    1, minEntropy: 3.8, ownShape: true,
				check: awsSecretCheck,
			},
			&pattern{
				keywords: []string{"akia", "asia"},
				before:   4, after: 4,
				re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9+/=_-])([A-Za-z0-9+/]{40})(?:[^A-Za-z0-9+/=_-]|$)`),
				group: 1, minEntropy: 4.0, ownShape: true,
				check:  awsSecretCheck,
				anchor: awsKeyIDRe,
			}).
			pos("[default]\naws_secret_access_key = ⟦«b64:40»⟧\n",
				"aws.access.key.id=AKIA«base32:16»\naws.secret.access.key=⟦«b64:40»⟧\n",
				"s3 = boto3.client(\n    \"s3\",\n    \"AKIA«base32:16»\",\n    \"⟦«b64:40»⟧\",\n)\n").
			neg("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}"),
		tok("aws-session-token", "AWS temporary session token",
			"An AWS STS session token (the base64 blob that starts IQoJb3JpZ2lu or FwoGZXIvYXdz). With its key ID and secret it signs requests until it expires, for up to 36 hours.",
			"IQoJb3JpZ2lu", `IQoJb3JpZ2lu[A-Za-z0-9+/]{100,}={0,2}`, 4.5).
			pos("[default]\naws_session_token = ⟦IQoJb3JpZ2luX2Vj«b64:300»⟧\n").
			neg("aws_session_token = IQoJb3JpZ2lu«b64:20»"),
		tok("aws-session-token-legacy", "AWS temporary session token (older format)",
			"An AWS STS session token in the older format (FwoGZXIvYXdz…). With its key ID and secret it signs requests until it expires.",
			"FwoGZXIvYXdz", `FwoGZXIvYXdz[A-Za-z0-9+/]{100,}={0,2}`, 4.5).
			pos("AWS_SESSION_TOKEN=⟦FwoGZXIvYXdzE«b64:280»⟧").
			neg("AWS_SESSION_TOKEN=FwoGZXIvYXdz"),
		def("aws-bedrock-api-key", "Amazon Bedrock API key",
			"An Amazon Bedrock API key: long-term (ABSK, base64 of BedrockAPIKey-…) or short-term (bedrock-api-key-, base64 of a presigned bedrock.amazonaws.com URL). It calls Bedrock models billed to the account."+revoke,
			prefixed("ABSKQmVkcm9ja0FQSUtleS", `ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{90,260}={0,2}`, 4.0),
			prefixed("bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t", `bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%&=-]*`, 4.0)).
			pos("AWS_BEARER_TOKEN_BEDROCK=⟦ABSK«enc64:BedrockAPIKey-«alnum:8»-at-«digits:12»:«b64:60»»⟧",
				"AWS_BEARER_TOKEN_BEDROCK=⟦bedrock-api-key-«enc64:bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=ASIA«base32:16»&X-Amz-Signature=«hex:64»»⟧").
			neg("AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS0"),
		tok("amazon-mws-auth-token", "Amazon Marketplace Web Service auth token",
			"An Amazon MWS authorisation token (amzn.mws. and a UUID): it acts on a seller's Marketplace account.",
			"amzn.mws.", `amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, 3.0).
			pos("MWS_AUTH_TOKEN=⟦amzn.mws.«uuid»⟧").
			neg("MWS_AUTH_TOKEN=amzn.mws.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"),
	}
}

// inCredentialScope reports whether the key ID id on line opens the
// credential scope of a Signature Version 4 request (AKIA…/20250130/
// us-east-1/s3/aws4_request, the slashes perhaps escaped): a presigned URL
// or a logged Authorization header, which show the ID to whoever gets
// them. Its secret signs the request and is not there; where it is, the
// secret key's rule reports it.
func inCredentialScope(id string, line []byte) bool {
	for off := 0; ; {
		i := bytes.Index(line[off:], []byte(id))
		if i < 0 {
			return false
		}
		rest := line[off+i+len(id):]
		off += i + len(id)
		switch {
		case bytes.HasPrefix(rest, []byte("/")):
			rest = rest[1:]
		case len(rest) >= 3 && rest[0] == '%' && rest[1] == '2' && (rest[2] == 'F' || rest[2] == 'f'):
			rest = rest[3:]
		default:
			continue
		}
		if len(rest) >= 8 && isDigits(rest[:8]) {
			return true
		}
	}
}
