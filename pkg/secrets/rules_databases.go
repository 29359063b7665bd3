package secrets

import "regexp"

// Databases, data platforms and search: their API keys and passwords.
// Connection URLs with a password are the url-credentials rule's.
func databaseRules() []ruleDef {
	return []ruleDef{
		tok("planetscale-api-token", "PlanetScale service token",
			"A PlanetScale service token (pscale_tkn_): it manages the organisation's databases and branches.",
			"pscale_tkn_", `pscale_tkn_[A-Za-z0-9_=.-]{32,64}`, 4.0).
			pos("PLANETSCALE_SERVICE_TOKEN=⟦pscale_tkn_«b64url:43»⟧").
			neg("PLANETSCALE_SERVICE_TOKEN=pscale_tkn_xxxx"),
		tok("planetscale-password", "PlanetScale database password",
			"A PlanetScale database branch password (pscale_pw_): it connects to the branch as its role.",
			"pscale_pw_", `pscale_pw_[A-Za-z0-9_=.-]{32,64}`, 4.0).
			pos("DATABASE_URL=mysql://rose:⟦pscale_pw_«b64url:43»⟧@aws.connect.psdb.cloud/rose?sslaccept=strict").
			neg("DATABASE_PASSWORD=pscale_pw_<password>"),
		tok("planetscale-oauth-token", "PlanetScale OAuth token",
			"A PlanetScale OAuth access token (pscale_oauth_).",
			"pscale_oauth_", `pscale_oauth_[A-Za-z0-9_=.-]{32,64}`, 4.0).
			pos("PLANETSCALE_TOKEN=⟦pscale_oauth_«b64url:43»⟧").
			neg("PLANETSCALE_TOKEN=pscale_oauth_"),
		tok("neon-api-key", "Neon API key",
			"A Neon (serverless Postgres) API key (napi_): it manages the account's projects and databases.",
			"napi_", `napi_[a-z0-9]{64}`, 4.0).
			pos("NEON_API_KEY=⟦napi_«lownum:64»⟧").
			neg("NEON_API_KEY=napi_xxxxxxxx"),
		tok("supabase-secret-key", "Supabase secret API key",
			"A Supabase secret API key (sb_secret_): it bypasses row-level security, like the service_role key. Publishable keys (sb_publishable_) are public.",
			"sb_secret_", `sb_secret_[A-Za-z0-9_-]{31,}`, 4.0).
			pos("SUPABASE_SECRET_KEY=⟦sb_secret_«b64url:31»⟧").
			neg("SUPABASE_PUBLISHABLE_KEY=sb_publishable_«b64url:31»", "SUPABASE_SECRET_KEY=sb_secret_..."),
		def("mongodb-atlas-api-key", "MongoDB Atlas API private key or service account secret",
			"A MongoDB Atlas programmatic API private key (a UUID) or service account secret (mdb_sa_sk_) assigned to an Atlas name. With its public key it manages the organisation's clusters and users."+revoke,
			prefixed("mdb_sa_sk_", `mdb_sa_sk_[A-Za-z0-9_-]{40,}`, 4.0),
			named([]string{"atlas_private_key", "atlasprivatekey", "atlas-private-key", "mongodb_atlas_private", "mongodbatlasprivate", "mongodb_atlas_api_private", "mongodb-atlas-private"}, uuidRe, 3.0)).
			pos("MONGODB_ATLAS_PRIVATE_KEY=⟦«uuid»⟧", "MDB_MCP_API_CLIENT_SECRET=⟦mdb_sa_sk_«b64url:40»⟧").
			neg("MONGODB_ATLAS_PRIVATE_KEY=${ATLAS_KEY}", "MONGODB_ATLAS_PUBLIC_KEY=«lower:8»"),
		def("pinecone-api-key", "Pinecone API key",
			"A Pinecone API key (pcsk_, a key ID, _ and the secret; or a UUID assigned to a Pinecone name). It reads and writes the project's vector indexes."+revoke,
			prefixed("pcsk_", `pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}`, 4.0),
			named([]string{"pinecone"}, uuidRe, 3.0)).
			pos("PINECONE_API_KEY=⟦pcsk_«alnum:6»_«alnum:63»⟧", "pinecone.init(api_key=\"⟦«uuid»⟧\", environment=\"us-west1-gcp\")").
			neg("PINECONE_API_KEY=pcsk_xxxxx", "pinecone_index_host = \"«uuid»\""),
		tok("clickhouse-cloud-api-secret", "ClickHouse Cloud API secret",
			"A ClickHouse Cloud API key secret (4b1d and 38 characters): with its key ID it manages the organisation's services.",
			"4b1d", `4b1d[A-Za-z0-9]{38}`, 4.0).
			pos("CLICKHOUSE_KEY_SECRET=⟦4b1d«alnum:38»⟧").
			neg("CLICKHOUSE_KEY_SECRET=4b1dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		def("confluent-api-secret", "Confluent Cloud API secret",
			"A Confluent Cloud (Kafka) API secret (64 characters, or cflt and 60) assigned to a Confluent, Kafka SASL or cluster-secret name. With its API key it reads and writes the cluster's topics."+revoke,
			named([]string{"confluent", "kafka_api_secret", "kafka-api-secret", "sasl_password", "sasl.password", "cluster_api_secret", "cloud_api_secret"}, `cflt[A-Za-z0-9+/]{60}|[A-Za-z0-9+/]{64}`, 4.5),
			&pattern{
				keywords: []string{"plainloginmodule"},
				re:       regexp.MustCompile(`PlainLoginModule\s+required\s+username\s*=\s*\\?["'][A-Z0-9]{16}\\?["']\s+password\s*=\s*\\?["']([A-Za-z0-9+/]{64})\\?["']`),
				group:    1, minEntropy: 4.5,
			}).
			pos("CONFLUENT_CLOUD_API_SECRET=⟦«b64:64»⟧", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"«upnum:16»\" password=\"⟦«b64:64»⟧\";").
			neg("sasl.password=${CONFLUENT_SECRET}", "confluent_cluster_id = \"lkc-«lownum:6»\""),
		namedRule("confluent-api-key", "Confluent Cloud API key",
			"A Confluent Cloud API key (16 upper-case characters) assigned to a Confluent name; its secret is usually beside it.",
			[]string{"confluent"}, `[A-Z0-9]{16}`, 3.0, "confluent", "«upnum:16»"),
		namedRule("elastic-cloud-api-key", "Elastic Cloud or Elasticsearch API key",
			"An Elastic Cloud or Elasticsearch API key (base64 of id:key, about 60 characters ending ==) assigned to an Elastic name.",
			[]string{"elastic", "es_api_key", "elasticsearch"}, `[A-Za-z0-9+/]{58,62}==|essu_[A-Za-z0-9+/]{40,}={0,2}`, 4.0, "elastic", "«enc64:«b64url:20»:«b64url:22»»"),
		namedRule("upstash-redis-token", "Upstash Redis REST token",
			"An Upstash Redis REST token (A and a long base64 body) assigned to an Upstash name.",
			[]string{"upstash"}, `A[A-Za-z0-9_=-]{50,}`, 4.0, "upstash", "AX«b64url:60»"),
		withCheckAll(namedRule("snowflake-password", "Snowflake password or key passphrase",
			"A Snowflake user password or private key passphrase (random-looking) assigned to a Snowflake name.",
			[]string{"snowflake"}, `[A-Za-z0-9+/_.~!@#%^&*=-]{16,64}`, 3.5, "snowflake", "«pw:20»"), randomPassword).
			neg("github.com/bwmarrin/snowflake,v0.0.0-20180412010544-68117e6bbede,h1:«b64:43»="),
		namedRule("cockroachdb-api-key", "CockroachDB Cloud API key",
			"A CockroachDB Cloud service account API key (CCDB1_ and two parts) assigned to a Cockroach name.",
			[]string{"cockroach", "ccdb"}, `CCDB1_[A-Za-z0-9]{22}_[A-Za-z0-9]{35,40}`, 4.0, "cockroach", "CCDB1_«alnum:22»_«alnum:38»"),
		namedRule("redis-cloud-api-key", "Redis Cloud API secret",
			"A Redis Cloud (Redis Enterprise) API user key or account key (about 50 characters) assigned to a Redis Cloud name.",
			[]string{"rediscloud", "redis_cloud", "redis-cloud"}, `[A-Za-z0-9]{48,52}`, 4.0, "rediscloud", "«alnum:50»"),
	}
}
