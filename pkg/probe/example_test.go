package probe_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/rose/actions/pkg/probe"
)

func ExampleParseStatuses() {
	set, _ := probe.ParseStatuses("2xx, 304")
	fmt.Println(set, set.Contains(204), set.Contains(302))
	// Output: 200-299,304 true false
}

func ExampleDelay() {
	for n := 1; n <= 4; n++ {
		fmt.Print(probe.Delay(probe.Exponential, time.Second, 5*time.Second, n, 1), " ")
	}
	// Output: 1s 2s 4s 5s
}

func ExampleProber_Run() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	defer srv.Close()
	p := &probe.Prober{Client: srv.Client()}
	res := p.Run(context.Background(), probe.Config{URLs: []string{srv.URL}, MaxAttempts: 3, RetryDelay: time.Second, MaxTime: time.Minute})
	fmt.Println(res.Healthy, res.Attempts, res.Deciding().Status)
	// Output: true 1 200
}
