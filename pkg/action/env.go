package action

import (
	"crypto/rand"
	"io"
	"net/http"
	"os"
	"time"
)

// Env is everything an action takes from its process. Tests build one by hand; OSEnv gives the real one.
type Env struct {
	// LookupEnv reads an environment variable; nil means no variables at all.
	LookupEnv func(key string) (string, bool)
	// Stdout receives log lines and workflow commands.
	Stdout io.Writer
	// Stderr receives the final error message, if any.
	Stderr io.Writer
	// Dir is the working directory: the workspace in local mode.
	Dir string
	// Rand is the source of the output delimiters.
	Rand io.Reader
	// Now is the clock.
	Now func() time.Time
	// HTTPClient is the base client for network calls; tests inject an httptest server's client.
	HTTPClient *http.Client
	// Chown gives a file the action created to the workspace's owner; nil means os.Lchown when running as
	// root. Tests inject a recorder.
	Chown func(path string, uid, gid int) error
}

// OSEnv returns the Env of the running process.
func OSEnv() Env {
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	return Env{
		LookupEnv:  os.LookupEnv,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Dir:        dir,
		Rand:       rand.Reader,
		Now:        time.Now,
		HTTPClient: &http.Client{Timeout: 30 * time.Second},
	}
}

// withDefaults fills the fields a test left empty.
func (e Env) withDefaults() Env {
	if e.LookupEnv == nil {
		e.LookupEnv = func(string) (string, bool) { return "", false }
	}
	if e.Stdout == nil {
		e.Stdout = io.Discard
	}
	if e.Stderr == nil {
		e.Stderr = e.Stdout
	}
	if e.Dir == "" {
		e.Dir = "."
	}
	if e.Rand == nil {
		e.Rand = rand.Reader
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	if e.HTTPClient == nil {
		e.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	return e
}

func (e Env) getenv(key string) string {
	v, _ := e.LookupEnv(key)
	return v
}
