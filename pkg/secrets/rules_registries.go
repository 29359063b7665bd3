package secrets

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"
)

// Package and container registries: publishing credentials are a
// supply-chain risk, whoever holds them can release code as the owner.
func registriesRules() []ruleDef {
	return []ruleDef{
		def("npm-access-token", "npm access token",
			"An npm access token (npm_) with a valid CRC32 checksum. It can publish packages as its owner: a supply-chain risk."+revoke,
			checksummed(withCheck(prefixed("npm_", `npm_[A-Za-z0-9]{36}`, 0), func(s string, _ []byte) bool { return validTokenChecksum(s, 4) }))).
			pos("//registry.npmjs.org/:_authToken=⟦npm_«crc:«alnum:30»»⟧").
			neg("//registry.npmjs.org/:_authToken=npm_«alnum:36»", "NPM_TOKEN: npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("pypi-upload-token", "PyPI API token",
			"A PyPI API token: a pypi- macaroon whose fixed header (AgEIcHlwaS5vcmc, base64 of the version byte and the location pypi.org) starts every token. It can upload releases of its projects."+revoke,
			prefixed("pypi-AgEIcHlwaS5vcmc", `pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`, 3.5)).
			pos("[pypi]\nusername = __token__\npassword = ⟦pypi-«macaroon:pypi.org»⟧\n").
			neg("password = pypi-AgEIcHlwaS5vcmc«alnum:8»", "password = pypi-AgEIcHlwaS5vcmcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("pypi-test-upload-token", "TestPyPI API token",
			"A TestPyPI API token (a pypi- macaroon for test.pypi.org). It uploads to the test index only, but is often the same account's.",
			"pypi-AgENdGVzdC5weXBpLm9yZw", `pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,}`, 3.5).
			pos("[testpypi]\npassword = ⟦pypi-«macaroon:test.pypi.org»⟧\n").
			neg("password = pypi-AgENdGVzdC5weXBpLm9yZw…"),
		def("docker-hub-pat", "Docker Hub personal access token",
			"A Docker Hub personal access token (dckr_pat_): it can push images as its owner."+revoke,
			prefixed("dckr_pat_", `dckr_pat_[A-Za-z0-9_-]{27}`, 3.5)).
			pos("echo ⟦dckr_pat_«b64url:27»⟧ | docker login -u rosebot --password-stdin").
			neg("DOCKER_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("docker-hub-oat", "Docker Hub organisation access token",
			"A Docker Hub organisation access token (dckr_oat_): it pushes and pulls the organisation's repositories.",
			"dckr_oat_", `dckr_oat_[A-Za-z0-9_-]{32}`, 3.5).
			pos("DOCKERHUB_TOKEN=⟦dckr_oat_«b64url:32»⟧").
			neg("DOCKERHUB_TOKEN=dckr_oat_<token>"),
		tok("rubygems-api-key", "RubyGems API key",
			"A RubyGems.org API key (rubygems_): it pushes and yanks gems as its owner.",
			"rubygems_", `rubygems_[A-Za-z0-9]{48}`, 3.0).
			pos("---\n:rubygems_api_key: ⟦rubygems_«hex:48»⟧\n").
			neg(":rubygems_api_key: rubygems_«hex:20»"),
		def("private-packagist-token", "Private Packagist token",
			"A Private Packagist authentication token: packagist_ort_ (organization, read-only), packagist_out_ (organization, update) or packagist_uut_ (user, update), then 60 hexadecimal characters and an 8-character checksum. It installs, and with update access publishes, the organization's private Composer packages. Revoke it in the organization's or user's Authentication Tokens settings, then remove it from the code (auth.json, COMPOSER_AUTH) and load it from a secret store or an environment variable.",
			prefixed("packagist_ort_", `packagist_ort_[a-f0-9]{68}`, 3.0),
			prefixed("packagist_out_", `packagist_out_[a-f0-9]{68}`, 3.0),
			prefixed("packagist_uut_", `packagist_uut_[a-f0-9]{68}`, 3.0)).
			pos("composer config --global --auth http-basic.repo.packagist.com token ⟦packagist_ort_«hex:68»⟧",
				"{\"http-basic\": {\"repo.packagist.com\": {\"username\": \"token\", \"password\": \"⟦packagist_uut_«hex:68»⟧\"}}}",
				"PACKAGIST_TOKEN=⟦packagist_out_«hex:68»⟧").
			neg("$token = 'packagist_ort_..........';", "PACKAGIST_TOKEN=packagist_uut_«hex:20»"),
		def("nuget-api-key", "NuGet API key",
			"A nuget.org API key (oy2 and 43 lower-case letters and digits, or 46 of them assigned to a NuGet name): it pushes packages as its owner."+revoke,
			prefixed("oy2", `oy2[a-z0-9]{43}`, 3.5),
			ctxCheck(named([]string{"nuget"}, `[a-z0-9]{46}`, 3.5), lowerKey)).
			pos("dotnet nuget push app.nupkg --api-key ⟦oy2«lownum:43»⟧ --source https://api.nuget.org/v3/index.json",
				"NUGET_API_KEY=⟦«lownum:46»⟧", "nuget key = ⟦«lownum:46»⟧").
			neg("proxy2configuration = oy2", "NUGET_API_KEY=${{ secrets.NUGET_API_KEY }}", "nuget_package_hash = «b64:43»="),
		tok("crates-io-api-token", "crates.io API token",
			"A crates.io API token (cio and 32 characters): it publishes crates as its owner.",
			"cio", `cio[A-Za-z0-9]{32}`, 4.0).
			pos("[registry]\ntoken = \"⟦cio«alnum:32»⟧\"\n").
			neg("ratio = cioccolata", "token = \"cioxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""),
		tok("clojars-api-token", "Clojars deploy token",
			"A Clojars deploy token (CLOJARS_): it deploys artifacts as its owner.",
			"CLOJARS_", `CLOJARS_[a-z0-9]{60}`, 3.5).
			pos("CLOJARS_PASSWORD=⟦CLOJARS_«lownum:60»⟧").
			neg("CLOJARS_PASSWORD=CLOJARS_USERNAME"),
		def("jfrog-api-key", "JFrog Artifactory API key or identity token",
			"A JFrog Artifactory API key (AKCp and 69 characters) or reference/identity token (base64 of reftkn). It reads and deploys artifacts as its owner."+revoke,
			prefixed("AKCp", `AKCp[A-Za-z0-9]{69}`, 4.0),
			prefixed("cmVmdGtu", `cmVmdGtu[A-Za-z0-9]{56}`, 4.0),
			named([]string{"jfrog", "artifactory", "bintray", "xray"}, `[A-Za-z0-9]{73}|[A-Za-z0-9]{64}`, 4.0)).
			pos("ARTIFACTORY_API_KEY=⟦AKCp«alnum:69»⟧", "jfrog config add --access-token ⟦cmVmdGtu«alnum:56»⟧", "artifactory_token: ⟦«lownum:64»⟧").
			neg("ARTIFACTORY_API_KEY=AKCp«alnum:20»"),
		def("docker-config-auth", "Docker registry credentials (config.json / .dockercfg auth)",
			"A Docker client auth value: base64 of user:password for a registry, as docker login writes it to ~/.docker/config.json or .dockercfg (and Kubernetes image pull secrets hold it); for Google's registries the user may be _json_key and the password a service account key file. Whoever holds it can pull and push as that user."+revoke,
			&pattern{
				keywords: []string{`"auth"`},
				re:       regexp.MustCompile(`"auth"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})"`),
				group:    1, priority: prioProvider, testStrict: true, userPass: true,
				check: basicAuthCheck,
			},
			// The same file escaped inside a string: DOCKER_AUTH_CONFIG in
			// a GitLab runner's config.toml, a manifest's JSON value.
			&pattern{
				keywords: []string{`\"auth\"`},
				re:       regexp.MustCompile(`\\+"auth\\+"\s*:\s*\\+"([A-Za-z0-9+/]{8,}={0,2})\\+"`),
				group:    1, priority: prioProvider, testStrict: true,
				check: basicAuthCheck,
			},
			// A Google service account key as the password of the _json_key
			// user (base64 "X2pzb25fa2V5"): a few kilobytes, longer than an
			// expression anchored on "auth" reads, so found by its own start.
			&pattern{
				keywords: []string{"x2pzb25fa2v5"},
				after:    1,
				re:       regexp.MustCompile(`X2pzb25fa2V5[A-Za-z0-9+/]{100,}={0,2}`),
				priority: prioProvider, bound: true, noPlaceholder: true,
				check: basicAuthCheck,
			}).
			pos(`environment = ["DOCKER_AUTH_CONFIG={\"auths\":{\"registry.rose.internal:5000\":{\"auth\":\"⟦«enc64:deploy:«pw:20»»⟧\"}}}"]`).
			pos(`{"auths": {"ghcr.io": {"auth": "⟦«enc64:rosebot:«pw:20»»⟧"}}}`,
				"{\n  \"auths\": {\n    \"https://index.docker.io/v1/\": {\n      \"auth\": \"⟦«enc64:deploy:«alnum:36»»⟧\",\n      \"email\": \"ops@rose.ai\"\n    }\n  }\n}\n").
			pos("{\n  \"auths\": {\n    \"https://gcr.io\": {\n      \"auth\": \"⟦«enc64:_json_key:{\"type\": \"service_account\", \"project_id\": \"rose-prod\", \"private_key\": \"«pemjson:rsa»\\n\", \"client_email\": \"puller@rose-prod.iam.gserviceaccount.com\"}»⟧\"\n    }\n  }\n}\n").
			posAt("home/ci/.dockercfg", "{\"https://index.docker.io/v1/\": {\"auth\": \"⟦«enc64:deploy:kestrel22\n»⟧\", \"email\": \"ci@rose.ai\"}}\n").
			negAt("home/ci/.dockercfg", "{\"https://index.docker.io/v1/\": {\"auth\": \"«enc64:deploy:password\n»\"}}\n").
			negAt("deploy/registry.json", "{\"auths\": {\"r.rose.internal\": {\"auth\": \"«enc64:deploy:kestrel22»\"}}}\n").
			neg(`{"auths": {"localhost:5000": {"auth": "«enc64:user:password»"}}}`, `{"auths": {"r.io": {"auth": "«enc64:${USER}:${PASS}»"}}}`,
				`{"auths": {"gcr.io": {"auth": "«enc64:_json_key:{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"}»"}}}`),
		def("npmrc-auth-token", "npm registry credentials in .npmrc",
			"An .npmrc _authToken, _auth (base64 of user:password) or _password value, or a Yarn .yarnrc.yml npmAuthIdent (user:password, in clear or base64), for a registry that does not use npm_ tokens (GitHub Packages, Artifactory, Nexus, Verdaccio, legacy npm UUID tokens)."+revoke,
			&pattern{
				keywords: []string{"npmauthident"},
				re:       regexp.MustCompile(`npmAuthIdent["']?[ \t]*:[ \t]*["']?([^\s"']{6,256})`),
				group:    1, testStrict: true,
				check: func(s string, line []byte) bool {
					if _, pw, ok := strings.Cut(s, ":"); ok {
						return !weakPasswords[strings.ToLower(pw)] && !isPlaceholder(pw) && (typedPassword(pw) || looksRandom(pw, 8))
					}
					return basicAuthCheck(s, line)
				},
			},
			&pattern{
				keywords: []string{"_authtoken"},
				re:       regexp.MustCompile(`:_authToken\s*=\s*["']?([^\s"'$]{16,})`),
				group:    1, testStrict: true,
				check: func(s string, _ []byte) bool {
					return !hasProviderPrefix(s) && (isUUIDString(s) || looksRandom(s, 16))
				},
			},
			&pattern{
				keywords: []string{"_auth", "_password"},
				re:       regexp.MustCompile(`(?:^|[:\s])_(auth|password)\s*=\s*["']?([A-Za-z0-9+/]{8,}={0,2})`),
				group:    2, testStrict: true,
				check: func(s string, line []byte) bool {
					if strings.Contains(string(line), "_auth") && !strings.Contains(string(line), "_password") {
						return basicAuthCheck(s, line)
					}
					dec, err := base64.StdEncoding.DecodeString(s)
					return err == nil && printable(dec) && !weakPasswords[strings.ToLower(string(dec))] && looksRandom(string(dec), 6)
				},
			}).
			pos("@rose:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=⟦«uuid»⟧\n",
				"//nexus.rose.internal/repository/npm/:_auth=⟦«enc64:ci:«pw:18»»⟧",
				"//nexus.rose.internal/repository/npm/:_password=⟦«enc64:«pw:18»»⟧").
			posAt(".yarnrc.yml", "npmRegistries:\n  \"//npm.rose.internal\":\n    npmAuthIdent: \"⟦ci:«alnum:24»⟧\"\n").
			posAt(".yarnrc.yml", "npmAuthIdent: ⟦«enc64:ci:«pw:18»»⟧\n").
			neg("//registry.npmjs.org/:_authToken=${NPM_TOKEN}", "//r.example/:_auth=«enc64:admin:admin»", "npmAuthIdent: \"${NPM_AUTH_IDENT}\"\n", "npmAuthIdent: \"ci:password\"\n"),
	}
}

// basicAuthCheck judges base64 of user:password by its password.
func basicAuthCheck(s string, _ []byte) bool {
	dec, err := base64.StdEncoding.DecodeString(s)
	if err != nil { // docker and others also write it unpadded
		dec, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return false
	}
	if key, ok := strings.CutPrefix(string(dec), "_json_key:"); ok {
		return serviceAccountKeyJSON(key)
	}
	if key, ok := strings.CutPrefix(string(dec), "_json_key_base64:"); ok {
		raw, err := base64.StdEncoding.DecodeString(key)
		return err == nil && serviceAccountKeyJSON(string(raw))
	}
	pw, ok := userPassword(dec)
	return ok && !weakPasswords[strings.ToLower(pw)] && !strings.Contains(pw, "$") && looksRandom(pw, 6)
}

// userPassword returns the password of a decoded user:password pair. A
// line ending is dropped: echo "user:pass" | base64 writes one, and the
// pair has leaked all the same.
func userPassword(dec []byte) (string, bool) {
	dec = bytes.TrimSuffix(bytes.TrimSuffix(dec, []byte("\n")), []byte("\r"))
	if !printable(dec) {
		return "", false
	}
	user, pw, ok := strings.Cut(string(dec), ":")
	return pw, ok && user != ""
}

// basicAuthPassword returns the password of s, base64 of user:password.
func basicAuthPassword(s string) (string, bool) {
	dec, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		dec, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return "", false
	}
	return userPassword(dec)
}

// serviceAccountKeyJSON reports whether s is a Google Cloud service account
// key file with a private key in it: the password of the _json_key (or
// _json_key_base64) user that Container Registry and Artifact Registry
// accept from docker login.
func serviceAccountKeyJSON(s string) bool {
	var key struct {
		Type       string `json:"type"`
		PrivateKey string `json:"private_key"`
	}
	if json.Unmarshal([]byte(s), &key) != nil || key.Type != "service_account" {
		return false
	}
	return strings.Contains(key.PrivateKey, "PRIVATE KEY-----") && privateKeyCheck(key.PrivateKey, nil)
}
