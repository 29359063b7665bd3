package secrets

// GitLab: every token type has its own prefix (since GitLab 14-17).
func gitlabRules() []ruleDef {
	return []ruleDef{
		def("gitlab-pat", "GitLab personal access token",
			"A GitLab personal, project or group access token (glpat-)."+revoke,
			prefixed("glpat-", `glpat-[A-Za-z0-9_-]{20,}`, 3.5)).
			pos("GITLAB_TOKEN=⟦glpat-«b64url:20»⟧", "GITLAB_TOKEN=⟦glpat-«b64url:38»⟧.01.«lownum:9»").
			neg("GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx", "GITLAB_TOKEN=glpat-«alnum:8»"),
		tok("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token",
			"A GitLab pipeline trigger token (glptt-): it starts pipelines of the project as the token's owner.",
			"glptt-", `glptt-[a-f0-9]{40}`, 3.0).
			pos("curl -X POST -F token=⟦glptt-«hex:40»⟧ -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline").
			neg("-F token=glptt-<trigger token>"),
		tok("gitlab-runner-registration-token", "GitLab runner registration token (deprecated)",
			"A GitLab runner registration token (GR1348941): it registers runners that then receive the project's or group's CI jobs and their secrets.",
			"GR1348941", `GR1348941[A-Za-z0-9_-]{20}`, 3.5).
			pos("gitlab-runner register --registration-token ⟦GR1348941«b64url:20»⟧").
			neg("--registration-token GR1348941xxxxxxxxxxxxxxxxxxxx"),
		tok("gitlab-runner-auth-token", "GitLab runner authentication token",
			"A GitLab runner authentication token (glrt-): it receives the CI jobs, with their variables and secrets, of the runner's projects.",
			"glrt-", `glrt-[A-Za-z0-9_.-]{20,}`, 3.5).
			pos("[[runners]]\n  token = \"⟦glrt-«b64url:20»⟧\"\n", "  token = \"⟦glrt-t1_«b64url:20»⟧\"").
			neg("  token = \"glrt-«alnum:6»\""),
		tok("gitlab-deploy-token", "GitLab deploy token",
			"A GitLab deploy token (gldt-): it reads, and may write, the project's repository, packages and registry.",
			"gldt-", `gldt-[A-Za-z0-9_-]{20,}`, 3.5).
			pos("CI_DEPLOY_PASSWORD=⟦gldt-«b64url:20»⟧").
			neg("CI_DEPLOY_PASSWORD=gldt-xxxxxxxxxxxxxxxxxxxx"),
		tok("gitlab-cicd-job-token", "GitLab CI/CD job token",
			"A GitLab CI/CD job token (glcbt-): valid while its job runs, with the job's access.",
			"glcbt-", `glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20,}`, 3.5).
			pos("CI_JOB_TOKEN=⟦glcbt-64_«b64url:20»⟧").
			neg("CI_JOB_TOKEN=glcbt-"),
		tok("gitlab-feed-token", "GitLab feed token",
			"A GitLab feed token (glft-): it reads the user's RSS and calendar feeds, which include private issue titles.",
			"glft-", `glft-[A-Za-z0-9_-]{20,}`, 3.5).
			pos("https://gitlab.com/dashboard/issues.atom?feed_token=⟦glft-«b64url:20»⟧").
			neg("?feed_token=glft-<feed token>"),
		tok("gitlab-incoming-mail-token", "GitLab incoming e-mail token",
			"A GitLab incoming e-mail token (glimt-): it creates issues and merge requests by e-mail as the user.",
			"glimt-", `glimt-[A-Za-z0-9_-]{25}`, 3.5).
			pos("GITLAB_INCOMING_EMAIL_TOKEN=⟦glimt-«b64url:25»⟧").
			neg("incoming+rose-app-1-glimt-xxxxxxxxxxxxxxxxxxxxxxxxx-issue@incoming.gitlab.com"),
		tok("gitlab-kubernetes-agent-token", "GitLab agent for Kubernetes token",
			"A GitLab agent for Kubernetes token (glagent-): it connects a cluster to the project and receives its deployments.",
			"glagent-", `glagent-[A-Za-z0-9_-]{50}`, 4.0).
			pos("helm upgrade --install gitlab-agent gitlab/gitlab-agent --set config.token=⟦glagent-«b64url:50»⟧").
			neg("--set config.token=glagent-${AGENT_TOKEN}"),
		tok("gitlab-oauth-app-secret", "GitLab OAuth application secret",
			"A GitLab OAuth application secret (gloas-): with the application ID it obtains tokens on behalf of users.",
			"gloas-", `gloas-[A-Za-z0-9_-]{64}`, 3.0).
			pos("GITLAB_OAUTH_SECRET=⟦gloas-«hex:64»⟧").
			neg("GITLAB_OAUTH_SECRET=gloas-"),
		tok("gitlab-scim-token", "GitLab SCIM token",
			"A GitLab SCIM OAuth token (glsoat-): it provisions and removes the group's users.",
			"glsoat-", `glsoat-[A-Za-z0-9_-]{20}`, 3.5).
			pos("SCIM_TOKEN=⟦glsoat-«b64url:20»⟧").
			neg("SCIM_TOKEN=glsoat-xxxxxxxxxxxxxxxxxxxx"),
		tok("gitlab-feature-flag-token", "GitLab feature flags client token",
			"A GitLab feature flags client token (glffct-): it reads the project's feature flags.",
			"glffct-", `glffct-[A-Za-z0-9_-]{20}`, 3.5).
			pos("UNLEASH_INSTANCE_ID=⟦glffct-«b64url:20»⟧").
			neg("UNLEASH_INSTANCE_ID=glffct-"),
		def("gitlab-session-cookie", "GitLab session cookie",
			"A GitLab web session cookie (_gitlab_session): it is the signed-in user's session in the browser."+revoke,
			prefixed("_gitlab_session=", `_gitlab_session=[0-9a-z]{32}`, 3.0)).
			pos("curl -H 'Cookie: ⟦_gitlab_session=«lownum:32»⟧' https://gitlab.com/api/v4/user").
			neg("Cookie: _gitlab_session=$SESSION"),
	}
}
