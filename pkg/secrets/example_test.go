package secrets_test

import (
	"fmt"

	"github.com/rose/actions/pkg/secrets"
)

func Example() {
	d, err := secrets.NewDetector(secrets.Config{})
	if err != nil {
		panic(err)
	}
	text := []byte("DATABASE_URL=postgres://rose:hX7vQ2mK9pLw4Rt@db.internal:5432/rose\nAPI_KEY=${{ secrets.API_KEY }}\n")
	for _, f := range d.Scan(secrets.Fragment{Path: "deploy/.env", Text: text, StartLine: 1}) {
		fmt.Printf("%s:%d:%d %s %s\n", f.Path, f.Line, f.Column, f.RuleID, secrets.Redact(f.Secret))
	}
	// Output:
	// deploy/.env:1:30 url-credentials hX…
}

func ExampleFingerprint() {
	fmt.Println(secrets.Fingerprint("generic-secret", "hunter2hunter2"))
	// Output:
	// generic-secret:76880d60191af3b3f803a656b7716f0179928357fc32421ced973ed265e15718
}
