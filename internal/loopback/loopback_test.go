package loopback_test

import (
	"errors"
	"net"
	"syscall"
	"testing"

	"github.com/rose/actions/internal/loopback"
)

func TestRefusedAddrRefuses(t *testing.T) {
	addr := loopback.RefusedAddr(t)
	conn, err := net.Dial("tcp", addr)
	if err == nil {
		conn.Close()
		t.Fatalf("a connection to %s was accepted", addr)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("dial %s: %v, want connection refused", addr, err)
	}
}
