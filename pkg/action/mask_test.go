package action_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/action"
	"github.com/rose/actions/pkg/action/actiontest"
)

func TestMaskURLAndHeader(t *testing.T) {
	// Values are built here so no credential-shaped literal sits in the repository.
	tok := "tk-" + strings.Repeat("a1", 8)
	key := "ky-" + strings.Repeat("b2", 8)
	pw := "pw-" + strings.Repeat("c3", 8)
	bearer := "br-" + strings.Repeat("d4", 8)
	basicPW := "bp-" + strings.Repeat("e5", 8)
	basic := base64.StdEncoding.EncodeToString([]byte("user:" + basicPW))
	res := actiontest.Run(t, actiontest.Options{Action: testAction, Run: func(_ context.Context, rt *action.Runtime) error {
		rt.MaskURL("https://user:" + pw + "@api.example/health?format=json&token=" + tok + "&X-Api-Key=" + key)
		rt.MaskHeader("Bearer " + bearer)
		rt.MaskHeader("Basic " + basic)
		rt.Infof("token alone %s, key alone %s, password %s, bearer alone %s, basic password %s", tok, key, pw, bearer, basicPW)
		rt.Infof("format=json stays readable")
		return nil
	}})
	for _, s := range []string{tok, key, pw, bearer, basicPW} {
		if strings.Contains(res.Stdout, s) && !strings.Contains(res.Stdout, "::add-mask::"+s) {
			t.Errorf("%s printed unmasked: %s", s, res.Stdout)
		}
	}
	if !strings.Contains(res.Stdout, "format=json stays readable") {
		t.Errorf("a plain query value was masked: %s", res.Stdout)
	}
	if n := strings.Count(res.Stdout, "***"); n < 5 {
		t.Errorf("%d redactions, want 5: %s", n, res.Stdout)
	}
}
