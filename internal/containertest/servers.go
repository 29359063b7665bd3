package containertest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/rose/actions/pkg/railway/railwaytest"
)

// Servers are the services the cases reach from the containers: they listen on the job network's gateway,
// the address through which a Docker action reaches a service on the runner.
type Servers struct {
	// HTTP serves /healthz (200 "ok") and /missing (404).
	HTTP string
	// HTTPS serves the same over TLS, with a certificate for the gateway's address signed by a CA of the
	// test's own, whose certificate is in CAFile (PEM).
	HTTPS   string
	CAFile  string
	addr    string
	closers []func() error
}

// StartServers starts the servers on addr (the gateway), keeping the CA certificate under dir.
func StartServers(addr, dir string) (*Servers, error) {
	s := &Servers{addr: addr}
	health := http.NewServeMux()
	health.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	health.HandleFunc("/missing", http.NotFound)

	ln, err := s.listen(addr)
	if err != nil {
		return nil, err
	}
	s.serve(ln, health)
	s.HTTP = "http://" + ln.Addr().String()

	caPEM, cert, err := testCertificates(net.ParseIP(addr))
	if err != nil {
		s.Close()
		return nil, err
	}
	s.CAFile = filepath.Join(dir, "test-ca.pem")
	if err := os.WriteFile(s.CAFile, caPEM, 0o644); err != nil {
		s.Close()
		return nil, err
	}
	if ln, err = s.listen(addr); err != nil {
		s.Close()
		return nil, err
	}
	s.serve(tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}), health)
	s.HTTPS = "https://" + ln.Addr().String()

	return s, nil
}

func (s *Servers) listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(addr, "0"))
	if err != nil {
		return nil, fmt.Errorf("listen on the gateway %s: %w", addr, err)
	}
	return ln, nil
}

func (s *Servers) serve(ln net.Listener, h http.Handler) {
	// The unknown-CA case makes the server log a failed handshake: expected, so not printed.
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go func() { _ = srv.Serve(ln) }()
	s.closers = append(s.closers, srv.Close)
}

// NewRailway starts a Railway API test server (which validates every request against Railway's schema) on
// the gateway, and returns it with its GraphQL endpoint. Each case gets its own: deployments start afresh.
func (s *Servers) NewRailway() (*railwaytest.Server, string, error) {
	srv := railwaytest.New()
	s.closers = append(s.closers, func() error { srv.Close(); return nil })
	ln, err := s.listen(s.addr)
	if err != nil {
		return nil, "", err
	}
	// The test server listens on loopback; serve the same handler on the gateway, and have the URLs it
	// returns name the gateway.
	s.serve(ln, srv)
	srv.URL = "http://" + ln.Addr().String()
	return srv, srv.GraphQLURL(), nil
}

// Close stops every server.
func (s *Servers) Close() {
	for _, c := range s.closers {
		_ = c()
	}
}

// testCertificates makes a CA and a server certificate for ip signed by it, valid for a day.
func testCertificates(ip net.IP) (caPEM []byte, cert tls.Certificate, err error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, cert, err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "rose/actions container-test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, cert, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, cert, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, cert, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: ip.String()},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IPAddresses: []net.IP{ip}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, cert, err
	}
	cert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), cert, nil
}
