// Package loopback gives tests loopback addresses with a known behaviour, such as one where every
// connection is refused.
package loopback

import (
	"net"
	"testing"
)

// RefusedAddr returns a loopback host:port that nothing listens on, so that connecting to it is refused. It
// prefers 127.0.0.2, where no other test's server can take the freed port (httptest listens on 127.0.0.1),
// and falls back to 127.0.0.1 where only that address is configured (macOS).
func RefusedAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}
