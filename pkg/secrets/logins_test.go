package secrets

import (
	"strings"
	"testing"
)

func TestRepeatsLogin(t *testing.T) {
	for _, tc := range []struct {
		name, pw, line string
		want           bool
	}{
		{"user and database", "shop_tests", "Server=localhost;User ID=shop_tests;Password=shop_tests;Database=shop_tests", true},
		{"user name key", "shop_tests", "Host=db;Username=shop_tests;Password=shop_tests", true},
		{"case differs", "Shop_Tests", "server=db;user id=shop_tests;password=Shop_Tests", true},
		{"database only", "orders", "Server=db;Initial Catalog=orders;User Id=sa;Password=orders", true},
		{"stem and role word", "shoppass", "Server=db;User Id=shoptest;Password=shoppass;Database=shoptest", true},
		{"stem and digits", "shop2019", "Server=db;Database=shop;User Id=sa;Password=shop2019", true},
		{"pgpass", "shop_tests", "db:5432:shop_tests:shop_tests:shop_tests", true},
		{"pgpass user", "replicator", "*:*:*:replicator:replicator", true},
		{"url user", "keycloak", "postgres://keycloak:keycloak@db:5432/keycloak", true},
		{"yaml keys", "grafana", "user: grafana, password: grafana", true},
		{"another password", "Kx9fQ2mZ7pLw", "Server=db;User Id=shoptest;Password=Kx9fQ2mZ7pLw;Database=shoptest", false},
		{"stem then a typed rest", "shop-Tulip42", "Server=db;User Id=shop;Password=shop-Tulip42", false},
		{"short stem", "app123", "Server=db;User Id=app;Password=app123", false},
		{"pgpass other", "kestrel9", "db:5432:shop:shop_app:kestrel9", false},
		{"no login on the line", "shop_tests", "password = shop_tests", false},
		{"prefixed key", "wordpress", "MYSQL_USER=wordpress MYSQL_PASSWORD=wordpress", true},
		{"prefixed database", "orders", "POSTGRES_DB: orders, POSTGRES_PASSWORD: orders", true},
	} {
		if got := repeatsLogin(tc.pw, []byte(tc.line), []byte(tc.line)); got != tc.want {
			t.Errorf("%s: repeatsLogin(%q, %q) = %v, want %v", tc.name, tc.pw, tc.line, got, tc.want)
		}
	}
}

func TestRepeatsVarName(t *testing.T) {
	for _, tc := range []struct {
		pw, name string
		want     bool
	}{
		{"db2inst1", "DB2INST1_PASSWORD", true},
		{"keycloak", "KEYCLOAK_ADMIN_PASSWORD", true},
		{"rabbit_pass", "rabbitPassword", true},
		{"Tulip-Garden42", "DB_PASSWORD", false},
		{"Tulip-Garden42", "PASSWORD", false},
		{"orders-Tulip42", "orders_db_password", false},
	} {
		if got := repeatsVarName(tc.pw, tc.name); got != tc.want {
			t.Errorf("repeatsVarName(%q, %q) = %v, want %v", tc.pw, tc.name, got, tc.want)
		}
	}
}

func TestWeakPasswordPhrases(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"Oracle21", true},              // a product's name and digits
		{"sybase@16", true},             // idem
		{"Mariadb1", true},              // idem
		{"Keycloak2024!", true},         // idem
		{"MyVeryMongoPwd9!", true},      // my very mongo pwd
		{"Th1sIs@V3ryStr0ngP@ss", true}, // this is a very strong pass, in leetspeak
		{"yourpassword", true},          // your password
		{"Tulip-Garden42", false},
		{"Katydid#Pond7", false},
		{"D1fficult", false},
	} {
		if got := weakPassword(tc.pw); got != tc.want {
			t.Errorf("weakPassword(%q) = %v, want %v", tc.pw, got, tc.want)
		}
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"Oracle21", true}, {"sybase@16", true}, {"Hxehana9", true}, {"Huaweicloud1", false},
		{"kestrel9", false}, {"oracles-of-delphi", false},
	} {
		if got := vendorDefault(tc.pw); got != tc.want {
			t.Errorf("vendorDefault(%q) = %v, want %v", tc.pw, got, tc.want)
		}
	}
	for _, host := range []string{"cluster0-omitted.mongodb.net", "redacted.rds.amazonaws.com", "xxx.supabase.co", "your-cluster.mongodb.net", "pypi.company.com", "git.mycompany.com"} {
		if !placeholderHost(host) {
			t.Errorf("placeholderHost(%q) = false, want true", host)
		}
	}
	for _, host := range []string{"cluster0.ab1cd.mongodb.net", "registry.company.com.rose.ai.internal.net.example-company.co"} {
		if placeholderHost(host) {
			t.Errorf("placeholderHost(%q) = true, want false", host)
		}
	}
}

// TestRepeatsLoginNearby checks the whole path: a password that repeats the
// user of the lines around it is not reported, in a credential store
// either, and another password there is.
func TestRepeatsLoginNearby(t *testing.T) {
	d := newTestDetector(t, Config{})
	for _, tc := range []struct {
		path, text string
		want       bool
	}{
		{".env", "MYSQL_DATABASE=ledger\nMYSQL_USER=ledgerapp\nMYSQL_PASSWORD=ledgerapp\n", false},
		{"config/db.yml", "production:\n  username: ledger_ops\n  password: ledger_ops\n", false},
		{".env", "MYSQL_USER=ledgerapp\nMYSQL_PASSWORD=Katydid#Pond7\n", true},
		{"config/db.yml", "production:\n  username: ledger_ops\n  password: Katydid#Pond7\n", true},
		// A user five lines away belongs to another entry.
		{".env", "MYSQL_USER=ledgerapp\nA=1\nB=2\nC=3\nD=4\nMYSQL_PASSWORD=ledgerapp\n", true},
	} {
		got := d.Scan(Fragment{Path: tc.path, Text: []byte(tc.text), StartLine: 1})
		if (len(got) > 0) != tc.want {
			t.Errorf("%s %q: %d findings, want reported = %v", tc.path, tc.text, len(got), tc.want)
		}
	}
}

func TestValueRepeatsName(t *testing.T) {
	for _, tc := range []struct {
		value, name string
		want        bool
	}{
		{"encryptionKey1024", "encryptionKey", true},
		{"my-Encryption.Key!", "ENCRYPTION_KEY", true},
		{"Tulip-Garden42", "DB_PASSWORD", false},
		{"key", "key", false}, // names shorter than four letters say nothing
	} {
		if got := valueRepeatsName(tc.value, tc.name); got != tc.want {
			t.Errorf("valueRepeatsName(%q, %q) = %v, want %v", tc.value, tc.name, got, tc.want)
		}
	}
}

// A common password of five letters or more followed by up to three
// characters is weak, and so is nothing longer: weakPassword looks the
// value's prefixes up instead of trying every common password.
func TestWeakPasswordSuffix(t *testing.T) {
	n := 0
	for w := range commonPasswords {
		if len(w) < 5 || strings.ContainsAny(w, "0123456789") {
			continue
		}
		n++
		if !weakPassword(w + "zq") {
			t.Errorf("weakPassword(%q) = false, want true", w+"zq")
		}
		if weakPassword(w + "Zq9xT4vLp2") {
			t.Errorf("weakPassword(%q) = true, want false", w+"Zq9xT4vLp2")
		}
	}
	if n == 0 {
		t.Fatal("no common password of five letters")
	}
}
