package action_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rose/actions/pkg/action"
)

// FuzzDecodeEvent feeds arbitrary payloads to the event decoder under the event names the actions handle.
// A payload it accepts must survive a round trip: encoding the decoded event and decoding it again gives
// the same encoding, so no field is invented or lost between what the runner wrote and what an action reads.
func FuzzDecodeEvent(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "events", "*.json"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		name, _, _ := strings.Cut(filepath.Base(p), ".")
		f.Add(name, b)
	}
	f.Add("pull_request_target", []byte(`{"action":"opened","number":1,"pull_request":{"title":"::set-output name=x::y"}}`))
	f.Add("push", []byte(`{"ref":"refs/heads/main","commits":[{"message":"fix: \u0000"}]}`))
	f.Add("workflow_dispatch", []byte(`{"inputs":{"a":"b"}}`))
	f.Fuzz(func(t *testing.T, name string, payload []byte) {
		ev, err := action.DecodeEvent(name, payload)
		if err != nil {
			if ev != nil {
				t.Fatalf("an error with an event: %v", err)
			}
			return
		}
		once, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("encode the decoded %s event: %v", name, err)
		}
		again, err := action.DecodeEvent(name, once)
		if err != nil {
			t.Fatalf("decode the re-encoded %s event: %v\n%s", name, err, once)
		}
		twice, err := json.Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("%s event changed in a round trip:\n%s\n%s", name, once, twice)
		}
	})
}
