package deploy

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rose/actions/pkg/railway"
	"github.com/rose/actions/pkg/railway/railwaytest"
)

// BenchmarkDeployOverhead measures, on the real clock against the test server, how long a deploy takes
// beyond Railway's own time (SUCCESS 100ms or 500ms after the deployment is created), with a 20ms or 100ms poll interval.
// It reports the median, 95th percentile and largest overhead; the target is at most one poll interval.
func BenchmarkDeployOverhead(b *testing.B) {
	for _, c := range []struct{ railwayTime, poll time.Duration }{
		{100 * time.Millisecond, 20 * time.Millisecond},
		{500 * time.Millisecond, 100 * time.Millisecond},
	} {
		b.Run("poll="+c.poll.String(), func(b *testing.B) { benchOverhead(b, c.railwayTime, c.poll) })
	}
}

func benchOverhead(b *testing.B, railwayTime, poll time.Duration) {
	srv := railwaytest.New()
	defer srv.Close()
	client := railway.New(srv.GraphQLURL(), railway.Token{Kind: railway.ProjectToken, Value: srv.ProjectToken}, srv.Client())
	d := &Deployer{API: client}
	o := Options{Target: target, Mode: ModeCommit, Wait: true, Timeout: time.Minute, PollInterval: poll, Rollback: true}
	var overheads []time.Duration
	for b.Loop() {
		srv.Lock()
		srv.NextScripts = []railwaytest.Script{{{Status: "BUILDING"}, {Status: "SUCCESS", After: railwayTime}}}
		srv.Unlock()
		res, err := d.Run(context.Background(), o)
		if err != nil || res.Failed() {
			b.Fatalf("%v %s", err, res.Failure)
		}
		overheads = append(overheads, res.Duration-railwayTime)
	}
	slices.Sort(overheads)
	ms := func(q float64) float64 {
		return float64(overheads[int(q*float64(len(overheads)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "p50-overhead-ms")
	b.ReportMetric(ms(0.95), "p95-overhead-ms")
	b.ReportMetric(ms(1), "max-overhead-ms")
	b.ReportMetric(float64(poll.Milliseconds()), "poll-ms")
}
