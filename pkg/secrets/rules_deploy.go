package secrets

import "regexp"

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
			prefixed("dp.pt.", `dp\.pt\.[A-Za-z0-9]{43}`, 3.5)).
			pos("DOPPLER_TOKEN=⟦dp.pt.«alnum:43»⟧").
			neg("DOPPLER_TOKEN=dp.pt.xxxx"),
		def("pulumi-access-token", "Pulumi access token",
			"A Pulumi access token (pul-)."+revoke,
			prefixed("pul-", `pul-[a-f0-9]{40}`, 3.0)).
			pos("PULUMI_ACCESS_TOKEN=⟦pul-«hex:40»⟧").
			neg("PULUMI_ACCESS_TOKEN=pul-<token>"),
		def("databricks-token", "Databricks personal access token",
			"A Databricks personal access token (dapi)."+revoke,
			prefixed("dapi", `dapi[a-f0-9]{32}(?:-[0-9])?`, 3.0)).
			pos("DATABRICKS_TOKEN = \"⟦dapi«hex:32»⟧\"").
			neg("DATABRICKS_TOKEN = \"dapi<token>\""),
		def("supabase-access-token", "Supabase personal access token",
			"A Supabase management API token (sbp_)."+revoke,
			prefixed("sbp_", `sbp_[a-f0-9]{40}`, 3.0)).
			pos("SUPABASE_ACCESS_TOKEN=⟦sbp_«hex:40»⟧").
			neg("SUPABASE_ACCESS_TOKEN=sbp_«hex:12»"),
	}
}
