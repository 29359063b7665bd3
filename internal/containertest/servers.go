package containertest

import (
	"context"
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
	// HTTPSImageCA serves the same over TLS, with a certificate for the gateway's address signed by the CA
	// that the test adds to the image's CA bundle.
	HTTPSImageCA string
	// HTTPSMountedCA does the same with a certificate signed by another CA, whose certificate is in CAFile
	// (PEM), for a step to mount.
	HTTPSMountedCA string
	CAFile         string

	addr    string
	health  http.Handler
	closers []func() error
}

// StartServers starts the servers on addr (the gateway), keeping the mounted CA's certificate under dir.
func StartServers(addr, dir string, imageCA *CA) (*Servers, error) {
	s := &Servers{addr: addr}
	health := http.NewServeMux()
	health.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	health.HandleFunc("/missing", http.NotFound)
	s.health = health

	ln, err := s.listen(addr)
	if err != nil {
		return nil, err
	}
	s.serve(ln, health)
	s.HTTP = "http://" + ln.Addr().String()

	// One HTTPS server has a certificate from the CA added to the image's bundle; the other from a CA that
	// only a mounted bundle knows.
	ip := net.ParseIP(addr)
	mountedCA, err := NewCA("mounted")
	if err != nil {
		s.Close()
		return nil, err
	}
	s.CAFile = filepath.Join(dir, "mounted-ca.pem")
	if err := os.WriteFile(s.CAFile, mountedCA.PEM, 0o644); err != nil {
		s.Close()
		return nil, err
	}
	for _, srv := range []struct {
		ca  *CA
		url *string
	}{{imageCA, &s.HTTPSImageCA}, {mountedCA, &s.HTTPSMountedCA}} {
		cert, err := srv.ca.ServerCert(ip)
		if err != nil {
			s.Close()
			return nil, err
		}
		if ln, err = s.listen(addr); err != nil {
			s.Close()
			return nil, err
		}
		s.serve(tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}), health)
		*srv.url = "https://" + ln.Addr().String()
	}
	return s, nil
}

func (s *Servers) listen(addr string) (net.Listener, error) {
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", net.JoinHostPort(addr, "0"))
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

// ServeHealth serves the health endpoints on another address of this machine until stop is called.
func (s *Servers) ServeHealth(addr string) (url string, stop func(), err error) {
	ln, err := s.listen(addr)
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: s.health, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
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

// CA is a certificate authority of the test's own.
type CA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	PEM  []byte // its certificate
}

// NewCA makes a CA valid for a day.
func NewCA(name string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "rose/actions container-test " + name + " CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &CA{cert: cert, key: key, PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}

// ServerCert makes a server certificate for ip, signed by the CA.
func (ca *CA) ServerCert(ip net.IP) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: ip.String()},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IPAddresses: []net.IP{ip}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
