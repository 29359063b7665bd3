package secrets

import (
	"regexp"
	"strings"
)

// Deployment, CI and infrastructure platforms.
func deployRules() []ruleDef {
	return []ruleDef{
		def("railway-token", "Railway API or project token",
			"A Railway account, workspace or project token (a UUID) named for Railway or used against Railway's API."+revoke,
			&pattern{
				keywords: []string{"railway"},
				before:   4, after: 4,
				re:    regexp.MustCompile(`(?i:token|api[_-]?key|secret|bearer)` + `(?:["'\x60]?\s*(?:=|:=|:|=>|,)\s*["'\x60]?|\s+)` + `(` + uuidRe + `)\b`),
				group: 1, minEntropy: 3.0, priority: prioContext,
			},
			&pattern{
				keywords: []string{"project-access-token"},
				re:       regexp.MustCompile(`(?i:project-access-token)` + assign + `(` + uuidRe + `)\b`),
				group:    1, minEntropy: 3.0, priority: prioContext,
			}).
			pos("RAILWAY_TOKEN=⟦«uuid»⟧", "curl https://backboard.railway.com/graphql/v2 \\\n  -H \"Project-Access-Token: ⟦«uuid»⟧\" \\\n  -d @query.json\n").
			neg("RAILWAY_PROJECT_ID=«uuid»\nRAILWAY_SERVICE_ID=«uuid»\n", "RAILWAY_TOKEN: ${{ secrets.RAILWAY_TOKEN }}"),
		def("codecov-token", "Codecov upload token",
			"A Codecov repository or global upload token (a UUID) named for Codecov or passed to its uploader."+revoke,
			&pattern{
				keywords: []string{"codecov"},
				before:   4, after: 4,
				re:    regexp.MustCompile(`(?:(?i:token)` + assign + `|(?:^|\s)(?:-t|--token)[\s=]+["']?)` + `(` + uuidRe + `)\b`),
				group: 1, minEntropy: 3.0, priority: prioContext,
			}).
			pos("CODECOV_TOKEN=⟦«uuid»⟧", "./codecov -t ⟦«uuid»⟧ -f coverage.xml").
			neg("      - uses: codecov/codecov-action@v4\n        with:\n          files: coverage.xml\n      - run: echo «uuid»\n"),
		def("digitalocean-token", "DigitalOcean access token",
			"A DigitalOcean personal access token (dop_v1_)."+revoke,
			prefixed("dop_v1_", `dop_v1_[a-f0-9]{64}`, 3.0)).
			pos("do_token = \"⟦dop_v1_«hex:64»⟧\"").
			neg("do_token = \"dop_v1_«hex:20»\""),
		def("doppler-token", "Doppler service token",
			"A Doppler service token (dp.pt.)."+revoke,
			prefixed("dp.pt.", `dp\.pt\.[A-Za-z0-9]{40,44}`, 3.5)).
			pos("DOPPLER_TOKEN=⟦dp.pt.«alnum:43»⟧", "DOPPLER_TOKEN=⟦dp.pt.«alnum:42»⟧").
			neg("DOPPLER_TOKEN=dp.pt.xxxx"),
		def("pulumi-access-token", "Pulumi access token",
			"A Pulumi access token (pul-)."+revoke,
			prefixed("pul-", `pul-[a-z0-9]{40}`, 3.0)).
			pos("PULUMI_ACCESS_TOKEN=⟦pul-«hex:40»⟧", "pulumi login --token ⟦pul-«lownum:40»⟧").
			neg("PULUMI_ACCESS_TOKEN=pul-<token>"),
		def("databricks-token", "Databricks personal access token",
			"A Databricks personal access token (dapi)."+revoke,
			prefixed("dapi", `dapi[a-f0-9]{32}(?:-[0-9])?`, 3.0)).
			pos("DATABRICKS_TOKEN = \"⟦dapi«hex:32»⟧\"").
			neg("DATABRICKS_TOKEN = \"dapi<token>\""),
		def("supabase-access-token", "Supabase personal access token",
			"A Supabase management API token (sbp_)."+revoke,
			prefixed("sbp_", `sbp_[a-z0-9]{40}`, 3.0)).
			pos("SUPABASE_ACCESS_TOKEN=⟦sbp_«hex:40»⟧", "SUPABASE_ACCESS_TOKEN=⟦sbp_«lownum:40»⟧").
			neg("SUPABASE_ACCESS_TOKEN=sbp_«hex:12»"),
		tok("digitalocean-oauth-token", "DigitalOcean OAuth token",
			"A DigitalOcean OAuth access token (doo_v1_): it acts on the account with the app's scopes.",
			"doo_v1_", `doo_v1_[a-f0-9]{64}`, 3.0).
			pos("DIGITALOCEAN_ACCESS_TOKEN=⟦doo_v1_«hex:64»⟧").
			neg("DIGITALOCEAN_ACCESS_TOKEN=doo_v1_<token>"),
		tok("digitalocean-refresh-token", "DigitalOcean OAuth refresh token",
			"A DigitalOcean OAuth refresh token (dor_v1_): it mints new access tokens.",
			"dor_v1_", `dor_v1_[a-f0-9]{64}`, 3.0).
			pos("refresh_token: ⟦dor_v1_«hex:64»⟧").
			neg("refresh_token: dor_v1_..."),
		def("doppler-service-token-family", "Doppler CLI, service account, SCIM or audit token",
			"A Doppler token other than a personal one: CLI (dp.ct.), service (dp.st.), service account (dp.sa.), SCIM (dp.scim.) or audit (dp.audit.). It reads the secrets of the configs it is scoped to."+revoke,
			prefixed("dp.ct.", `dp\.ct\.[A-Za-z0-9]{40,44}`, 4.0),
			prefixed("dp.st.", `dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44}`, 4.0),
			prefixed("dp.sa.", `dp\.sa\.[A-Za-z0-9]{40,44}`, 4.0),
			prefixed("dp.scim.", `dp\.scim\.[A-Za-z0-9]{40,44}`, 4.0),
			prefixed("dp.audit.", `dp\.audit\.[A-Za-z0-9]{40,44}`, 4.0)).
			pos("DOPPLER_TOKEN=⟦dp.st.prd.«alnum:43»⟧", "DOPPLER_TOKEN=⟦dp.ct.«alnum:43»⟧", "DOPPLER_TOKEN=⟦dp.sa.«alnum:43»⟧").
			neg("DOPPLER_TOKEN=dp.st.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("heroku-api-key", "Heroku API key",
			"A Heroku API key or OAuth token: HRKU- and 60 characters, or a UUID assigned to a Heroku name. It controls every app of the account."+revoke,
			prefixed("HRKU-", `HRKU-[A-Za-z0-9_-]{60}`, 4.0),
			named([]string{"heroku"}, uuidRe, 3.0),
			// Heroku's Git over HTTPS takes the API key as the password of
			// any user name, an empty one included.
			&pattern{
				keywords: []string{"@git.heroku.com"},
				re:       regexp.MustCompile(`https?://[^:/@\s"'<>]*:(` + uuidRe + `|HRKU-[A-Za-z0-9_-]{60})@git\.heroku\.com`),
				group:    1, minEntropy: 3.0, priority: prioProvider + 1,
			}).
			pos("HEROKU_API_KEY=⟦HRKU-AA«b64url:58»⟧", "export HEROKU_API_KEY=⟦«uuid»⟧", "heroku:\n  api_key: ⟦«uuid»⟧\n",
				"git push https://:⟦«uuid»⟧@git.heroku.com/rose-app.git HEAD:main").
			neg("HEROKU_API_KEY=${HEROKU_API_KEY}", "heroku_app_id = \"«uuid»\"", "HEROKU_API_KEY=HRKU-xxxx",
				"git push https://heroku:$HEROKU_API_KEY@git.heroku.com/rose-app.git HEAD:main"),
		def("netlify-access-token", "Netlify personal access token",
			"A Netlify personal access token (nfp_, or 40 to 46 characters assigned to a Netlify name). It deploys and changes every site of the account."+revoke,
			prefixed("nfp_", `nfp_[A-Za-z0-9_]{36}`, 4.0),
			ctxCheck(named([]string{"netlify"}, `[A-Za-z0-9_-]{40,46}`, 4.0), mixedAlnum)).
			pos("NETLIFY_AUTH_TOKEN=⟦nfp_«alnum:36»⟧", "NETLIFY_AUTH_TOKEN=⟦«b64url:43»⟧").
			neg("NETLIFY_AUTH_TOKEN=${{ secrets.NETLIFY_AUTH_TOKEN }}", "netlify_site_id = \"«uuid»\""),
		def("vercel-token", "Vercel access token",
			"A Vercel access token (vca_ and similar prefixes, or 24 characters assigned to a Vercel name). It deploys and changes the projects of its scope."+revoke,
			prefixed("vca_", `vca_[A-Za-z0-9]{24,64}`, 4.0),
			ctxCheck(named([]string{"vercel"}, `[A-Za-z0-9]{24}`, 3.5), mixedAlnum),
			&pattern{
				keywords: []string{"vercel"},
				re:       regexp.MustCompile(`(?i:vercel)[^\n]{0,120}?\s(?:--token|-t)[= ]["']?([A-Za-z0-9]{24})(?:[^A-Za-z0-9]|$)`),
				group:    1, minEntropy: 3.5, priority: prioContext,
			}).
			pos("VERCEL_TOKEN=⟦«alnum:24»⟧", "vercel deploy --prod --token ⟦«alnum:24»⟧", "VERCEL_TOKEN=⟦vca_«alnum:40»⟧").
			neg("VERCEL_TOKEN=${VERCEL_TOKEN}", "VERCEL_ORG_ID=team_«alnum:24»", "vercel_project_name = \"roseCompanionWebApp\""),
		def("flyio-access-token", "Fly.io access token",
			"A Fly.io access token (fo1_, fm1a_/fm1r_ macaroons, fm2_, or the FlyV1 authorization form). It deploys and changes the organisation's apps."+revoke,
			prefixed("fo1_", `fo1_[A-Za-z0-9_-]{43}`, 4.0),
			prefixed("fm1a_", `fm1a_[A-Za-z0-9+/]{100,}={0,3}`, 4.0),
			prefixed("fm1r_", `fm1r_[A-Za-z0-9+/]{100,}={0,3}`, 4.0),
			prefixed("fm2_", `fm2_[A-Za-z0-9+/]{100,}={0,3}`, 4.0)).
			pos("FLY_API_TOKEN=⟦fo1_«b64url:43»⟧", "FLY_API_TOKEN=\"FlyV1 ⟦fm2_«b64:300»⟧\"").
			neg("FLY_API_TOKEN=fo1_xxxx", "FLY_API_TOKEN=$(fly tokens create deploy)"),
		tok("render-api-key", "Render API key",
			"A Render API key (rnd_): it deploys and changes the account's services.",
			"rnd_", `rnd_[A-Za-z0-9]{32}`, 4.0).
			pos("RENDER_API_KEY=⟦rnd_«alnum:32»⟧").
			neg("RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("scalingo-api-token", "Scalingo API token",
			"A Scalingo API token (tk-us-): it deploys and changes the account's apps.",
			"tk-us-", `tk-us-[A-Za-z0-9_-]{48}`, 4.0).
			pos("SCALINGO_API_TOKEN=⟦tk-us-«b64url:48»⟧").
			neg("SCALINGO_API_TOKEN=tk-us-xxxx"),
		def("circleci-personal-token", "CircleCI personal or project API token",
			"A CircleCI personal API token (CCIPAT_) or project API token (CCIPRJ_): the prefix, a base58 UUID (21 or 22 characters), _ and 40 hexadecimal characters. A personal token acts as the user on every project the user can reach; a project token reads or administers its project."+revoke,
			prefixed("CCIPAT_", `CCIPAT_[A-Za-z0-9]{21,24}_[A-Za-z0-9]{40}`, 4.0),
			prefixed("CCIPRJ_", `CCIPRJ_[A-Za-z0-9]{21,24}_[A-Za-z0-9]{40}`, 4.0)).
			pos("CIRCLECI_TOKEN=⟦CCIPAT_«alnum:22»_«hex:40»⟧", "CIRCLE_PROJECT_TOKEN=⟦CCIPRJ_«alnum:22»_«hex:40»⟧", "CIRCLECI_TOKEN=⟦CCIPAT_«alnum:24»_«lownum:40»⟧",
				"curl -H \"Circle-Token: ⟦CCIPAT_«alnum:21»_«hex:40»⟧\" https://circleci.com/api/v2/me").
			neg("CIRCLECI_TOKEN=CCIPAT_<token>", "CIRCLE_PROJECT_TOKEN=CCIPRJ_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
				"CIRCLECI_TOKEN=CCIPAT_«alnum:22»_«hex:12»"),
		namedRule("circleci-token", "CircleCI API token (legacy)",
			"A CircleCI personal or project API token (40 hexadecimal characters) assigned to a CircleCI name.",
			[]string{"circleci", "circle_token", "circle-token"}, `[a-f0-9]{40}`, 3.0, "circleci", "«hex:40»"),
		tok("buildkite-api-token", "Buildkite API access token",
			"A Buildkite user API access token (bkua_): it reads and changes the organisation's pipelines.",
			"bkua_", `bkua_[a-z0-9]{40}`, 3.0).
			pos("BUILDKITE_API_TOKEN=⟦bkua_«hex:40»⟧").
			neg("BUILDKITE_API_TOKEN=bkua_«hex:8»"),
		namedRule("buildkite-agent-token", "Buildkite agent token",
			"A Buildkite agent registration token (50 or more characters) assigned to a Buildkite agent token name.",
			[]string{"buildkite_agent_token", "buildkite-agent-token", "buildkiteagenttoken"}, `[a-f0-9]{50}|[A-Za-z0-9]{60,70}`, 3.0, "buildkite_agent_token", "«hex:50»"),
		namedRule("travisci-access-token", "Travis CI access token",
			"A Travis CI API access token (22 characters) assigned to a Travis name.",
			[]string{"travis"}, `[A-Za-z0-9_-]{22}`, 3.5, "travis", "«b64url:22»"),
		namedRule("droneci-access-token", "Drone CI access token",
			"A Drone CI personal token (32 characters) assigned to a Drone name.",
			[]string{"drone_token", "drone-token", "dronetoken", "droneci"}, `[A-Za-z0-9]{32}`, 3.5, "droneci", "«alnum:32»"),
		namedRule("snyk-api-token", "Snyk API token",
			"A Snyk API or service account token (a UUID) assigned to a Snyk name. It reads the organisation's projects and vulnerabilities.",
			[]string{"snyk"}, uuidRe, 3.0, "snyk", "«uuid»"),
		def("sonarqube-token", "SonarQube / SonarCloud token",
			"A SonarQube or SonarCloud token: user (squ_), project analysis (sqp_) or global analysis (sqa_), or a 40-character token assigned to a Sonar name (sonar.login, SONAR_TOKEN, $sonarLogin). It runs analyses and may read the code of private projects."+revoke,
			prefixed("squ_", `squ_[a-z0-9]{40}`, 3.0),
			prefixed("sqp_", `sqp_[a-z0-9]{40}`, 3.0),
			prefixed("sqa_", `sqa_[a-z0-9]{40}`, 3.0),
			prefixed("sqco_", `sqco_[A-Za-z0-9]{59}`, 4.0),
			ctxCheck(named([]string{"sonar"}, `[a-f0-9]{40}`, 3.0), notCommitName)).
			pos("SONAR_TOKEN=⟦squ_«hex:40»⟧", "SONAR_TOKEN=⟦sqp_«lownum:40»⟧", "SONAR_TOKEN=⟦sqco_«alnum:59»⟧", "sonar.token=⟦sqp_«hex:40»⟧", "mvn sonar:sonar -Dsonar.login=⟦«hex:40»⟧", "$sonarLogin = \"⟦«hex:40»⟧\"", "SONAR_TOKEN=⟦sqa_«hex:40»⟧").
			neg("sonar.login=${SONAR_TOKEN}", "SONAR_TOKEN=squ_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "mvn sonar:sonar -Dsonar.scm.revision=«hex:40»", "SONAR_COMMIT=«hex:40»"),
		def("sourcegraph-access-token", "Sourcegraph access token",
			"A Sourcegraph access token (sgp_, with an instance identifier or local, then 40 hexadecimal characters; or the older 40-character sgp_ form). It reads code the user can reach."+revoke,
			prefixed("sgp_", `sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}`, 3.0)).
			pos("SRC_ACCESS_TOKEN=⟦sgp_«hex:16»_«hex:40»⟧", "SRC_ACCESS_TOKEN=⟦sgp_local_«hex:40»⟧", "SRC_ACCESS_TOKEN=⟦sgp_«hex:40»⟧").
			neg("SRC_ACCESS_TOKEN=sgp_<token>"),
		tok("octopus-deploy-api-key", "Octopus Deploy API key",
			"An Octopus Deploy API key (API- and 26 upper-case characters or more): it deploys as its user.",
			"API-", `API-[A-Z0-9]{26,32}`, 3.5).
			pos("OCTOPUS_API_KEY=⟦API-«upnum:26»⟧").
			neg("OCTOPUS_API_KEY=API-XXXXXXXXXXXXXXXXXXXXXXXXXX", "X-API-VERSION-HEADER-NAME"),
		def("harness-api-key", "Harness API key or token",
			"A Harness personal (pat.) or service account (sat.) token: account ID, token ID and secret, dot-separated."+revoke,
			prefixed("pat.", `pat\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}`, 4.0),
			prefixed("sat.", `sat\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}`, 4.0)).
			pos("HARNESS_API_KEY=⟦pat.«b64url:22».«hex:24».«alnum:20»⟧").
			neg("HARNESS_API_KEY=pat.xxx.yyy.zzz"),
		tok("infracost-api-key", "Infracost API key",
			"An Infracost API key (ico-).",
			"ico-", `ico-[A-Za-z0-9]{32}`, 4.0).
			pos("INFRACOST_API_KEY=⟦ico-«alnum:32»⟧").
			neg("INFRACOST_API_KEY=ico-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "<img src=\"/assets/video_box.ico-«hex:32».png\">"),
		tok("prefect-api-key", "Prefect Cloud API key",
			"A Prefect Cloud API key (pnu_): it runs and changes the workspace's flows.",
			"pnu_", `pnu_[A-Za-z0-9]{36}`, 4.0).
			pos("PREFECT_API_KEY=⟦pnu_«alnum:36»⟧").
			neg("PREFECT_API_KEY=pnu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("pulumi-esc-token", "Pulumi organisation or team token",
			"A Pulumi organisation, team or ESC access token (pul- with a longer body).",
			"pul-", `pul-[a-f0-9]{41,64}`, 3.0).
			pos("PULUMI_ACCESS_TOKEN=⟦pul-«hex:48»⟧").
			neg("PULUMI_ACCESS_TOKEN=pul-«hex:8»"),
		tok("tailscale-key", "Tailscale auth or API key",
			"A Tailscale auth key, API access token or OAuth client secret (tskey-): it joins machines to, or manages, the tailnet.",
			"tskey-", `tskey-[a-z]+-[A-Za-z0-9_-]{30,}`, 4.0).
			pos("TS_AUTHKEY=⟦tskey-auth-«alnum:17»CNTRL-«alnum:33»⟧", "TS_API_KEY=⟦tskey-api-«alnum:17»CNTRL-«alnum:33»⟧").
			neg("TS_AUTHKEY=tskey-auth-xxxx"),
		def("kubernetes-bootstrap-token", "Kubernetes bootstrap token",
			"A Kubernetes node bootstrap token (6 and 16 lower-case characters, dot-separated) used with kubeadm join or in a bootstrap-token Secret. It joins nodes to the cluster."+revoke,
			near([]string{"kubeadm", "bootstrap-token", "bootstrap_token", "--token"}, 2, `[a-z0-9]{6}\.[a-z0-9]{16}`, 3.0)).
			pos("kubeadm join 10.0.0.10:6443 --token ⟦«lownum:6».«lownum:16»⟧ --discovery-token-ca-cert-hash sha256:«hex:64»").
			neg("kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef", "kubeadm token create --print-join-command"),
		tok("defined-networking-api-token", "Defined Networking API token",
			"A Defined Networking (managed Nebula) API token (dnkey-).",
			"dnkey-", `dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}`, 4.0).
			pos("DN_API_KEY=⟦dnkey-«b64url:26»-«b64url:52»⟧").
			neg("DN_API_KEY=dnkey-xxx"),
		def("apple-app-specific-password", "Apple ID app-specific password",
			"An Apple ID app-specific password (four groups of four lower-case letters, xxxx-xxxx-xxxx-xxxx) assigned to an app-specific password name or passed to altool or notarytool. It signs in as the Apple ID to what accepts such passwords: App Store Connect uploads, notarization, iCloud mail, contacts and calendars. Revoke it at appleid.apple.com (Sign-In and Security, App-Specific Passwords), then remove it from the code and prefer an App Store Connect API key kept in a secret store.",
			appleAppPasswordNamed(),
			// altool -p / notarytool --password on the command's own line:
			// read from the command, with a bounded reach.
			&pattern{
				keywords: []string{"altool", "notarytool"},
				re:       regexp.MustCompile(`(?:altool|notarytool)[^\n]{0,400}?[ \t](?:-p|--password)[ \t=]+["']?([a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4})(?:[^A-Za-z0-9_-]|$)`),
				group:    1, minEntropy: 3.0, priority: prioContext,
				check: appleAppPasswordCheck,
			},
			ctxCheck(near([]string{"app-specific password", "app specific password"}, 1, `[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}`, 3.0), appleAppPasswordCheck)).
			pos("FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD=⟦«lower:4»-«lower:4»-«lower:4»-«lower:4»⟧",
				"xcrun notarytool submit app.zip --apple-id dev@rose.ai --team-id ABCDE12345 --password ⟦«lower:4»-«lower:4»-«lower:4»-«lower:4»⟧ --wait",
				"APPLE_ID_PASSWORD: \"⟦«lower:4»-«lower:4»-«lower:4»-«lower:4»⟧\"",
				"xcrun altool --upload-app -f app.ipa -t ios -u dev@rose.ai -p ⟦«lower:4»-«lower:4»-«lower:4»-«lower:4»⟧",
				"# app-specific password for the release bot\nexport RELEASE_PW=⟦«lower:4»-«lower:4»-«lower:4»-«lower:4»⟧\n").
			neg("FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD=xxxx-xxxx-xxxx-xxxx",
				"xcrun notarytool submit app.zip --keychain-profile notary-profile --wait",
				"# app-specific password: looks like abcd-efgh-ijkl-mnop",
				"APPLE_ID_PASSWORD=${{ secrets.APPLE_ID_PASSWORD }}",
				"app_specific_password: make-sure-this-home"),
		def("jenkins-api-token", "Jenkins API token",
			"A Jenkins user API token (11 and 32 hexadecimal characters, the format of Jenkins 2.129 and later) near a Jenkins name. With the user name it calls the Jenkins API as that user: it starts jobs, reads their logs and credentials the user can see. Revoke it in the user's Security settings (API Token), then remove it from the code and load it from a secret store or an environment variable.",
			ctxCheck(near([]string{"jenkins"}, 3, `11[a-f0-9]{32}`, 3.3), mixedAlnum)).
			pos("export JENKINS_USER=ci-bot\nexport JENKINS_TOKEN=⟦11«hex:32»⟧\n",
				"jenkins_url = 'https://ci.rose.dev'\njenkins_passwd = '⟦11«hex:32»⟧'\n").
			neg("export JENKINS_TOKEN=11xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "jenkins_sha = '«hex:40»'",
				"JENKINS_TOKEN=${JENKINS_TOKEN}"),
		def("jenkins-initial-admin-password", "Jenkins initial admin password",
			"The password Jenkins generates for its first administrator (32 hexadecimal characters), printed in the setup log and stored in secrets/initialAdminPassword. Until setup is finished it unlocks the whole server; afterwards it stays the admin user's password unless changed. Change the admin password (or finish setup with a new admin and delete that user), then remove the log or file from the repository.",
			&pattern{
				keywords: []string{"initialadminpassword", "jenkins initial setup"},
				before:   5, after: 5,
				re:    regexp.MustCompile(`(?:^|[^A-Za-z0-9_+/.-])([a-f0-9]{32})(?:[^A-Za-z0-9_+/=-]|$)`),
				group: 1, minEntropy: 3.0, check: mixedAlnum,
			},
			// The file itself holds the password alone.
			&pattern{
				files: jenkinsPasswordFile,
				re:    regexp.MustCompile(`\A[ \t\r\n]*([a-f0-9]{32})[ \t\r\n]*\z`),
				group: 1, minEntropy: 3.0, check: mixedAlnum,
			}).
			posAt("jenkins_home/secrets/initialAdminPassword", "⟦«hex:32»⟧\n").
			pos("Jenkins initial setup is required. An admin user has been created and a password generated.\nPlease use the following password to proceed to installation:\n\n⟦«hex:32»⟧\n\nThis may also be found at: /var/jenkins_home/secrets/initialAdminPassword\n",
				"$ docker exec jenkins cat /var/jenkins_home/secrets/initialAdminPassword\n⟦«hex:32»⟧\n").
			neg("$ docker exec jenkins cat /var/jenkins_home/secrets/initialAdminPassword\n",
				"Jenkins initial setup is required.\nPlease use the following password to proceed to installation:\n\n<password>\n"),
		namedRule("ngrok-authtoken", "ngrok authtoken or API key",
			"An ngrok authtoken or API key (2, 25 or more characters, _ and 20 or more characters) assigned to an ngrok name. It opens tunnels, or manages the account, as its owner.",
			[]string{"ngrok"}, `[0-9A-Za-z]{25,32}_[0-9A-Za-z]{20,30}`, 4.0, "ngrok", "2«alnum:26»_«alnum:21»"),
	}
}

// appleAppPasswordNamed finds an app-specific password assigned to one of
// its names. Not a named pattern: those drop kebab-case values after a
// provider's name as names of code, and these passwords are kebab-case.
func appleAppPasswordNamed() *pattern {
	names := []string{"app_specific_password", "app-specific-password", "appspecificpassword", "application_specific_password", "applicationspecificpassword", "apple_id_password", "appleid_password", "apple_password", "ac_password", "notary_password", "notarization_password"}
	alt := make([]string, len(names))
	for i, n := range names {
		alt[i] = regexp.QuoteMeta(n)
	}
	return &pattern{
		keywords: names,
		re:       regexp.MustCompile(`(?i:` + strings.Join(alt, "|") + `)[A-Za-z0-9_.-]{0,40}["'\x60]?[ \t]*(?::=|=>|[:=])[ \t]*["'\x60]?([a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4})(?:[^A-Za-z0-9_-]|$)`),
		group:    1, minEntropy: 3.0, priority: prioContext,
		check: appleAppPasswordCheck,
	}
}

// appleAppPasswordCheck: Apple generates the 16 letters at random; groups
// that all read as words (make-sure-this-home) or count (abcd-efgh-…) were
// typed.
func appleAppPasswordCheck(s string, _ []byte) bool {
	words := 0
	for _, g := range strings.Split(s, "-") {
		if pronounceable(g) {
			words++
		}
	}
	run, _ := countRun(strings.ReplaceAll(s, "-", ""))
	return words < 4 && run < 5 && !isPlaceholder(s)
}

// jenkinsPasswordFile reports whether p is the file where Jenkins stores
// its initial admin password.
func jenkinsPasswordFile(p string) bool {
	return p == "initialAdminPassword" || strings.HasSuffix(p, "/initialAdminPassword")
}
