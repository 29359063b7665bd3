package secrets

// GitLab.
func gitlabRules() []ruleDef {
	return []ruleDef{
		def("gitlab-pat", "GitLab personal access token",
			"A GitLab personal, project or group access token (glpat-)."+revoke,
			prefixed("glpat-", `glpat-[A-Za-z0-9_-]{20,}`, 3.5)).
			pos("GITLAB_TOKEN=⟦glpat-«b64url:20»⟧").
			neg("GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx"),
	}
}
