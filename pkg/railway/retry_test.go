package railway

import (
	"testing"
)

func TestOperationName(t *testing.T) {
	for q, want := range map[string]string{OpDeployment: "Deployment", OpRollback: "DeploymentRollback", "{ me { id } }": "operation"} {
		if got := operationName(q); got != want {
			t.Errorf("operationName(%.20q) = %q, want %q", q, got, want)
		}
	}
}

func FuzzHTMLExcerpt(f *testing.F) {
	f.Add("<html><head><title>Blocked</title></head><body><p>You are blocked</p><script>x()</script></body></html>")
	f.Add("<<<>>>")
	f.Fuzz(func(t *testing.T, s string) {
		if ex := htmlExcerpt([]byte(s)); len([]rune(ex)) > 400 {
			t.Fatalf("excerpt of %d runes", len([]rune(ex)))
		}
	})
}
