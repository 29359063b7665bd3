package probe

import (
	"testing"
)

func TestParseStatuses(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		in200   bool
		in204   bool
		in404   bool
		wantErr bool
	}{
		{in: "200-399", want: "200-399", in200: true, in204: true},
		{in: "200,204", want: "200,204", in200: true, in204: true},
		{in: "200", want: "200", in200: true},
		{in: "2xx, 404", want: "200-299,404", in200: true, in204: true, in404: true},
		{in: "200\n404", want: "200,404", in200: true, in404: true},
		{in: "", wantErr: true},
		{in: "abc", wantErr: true},
		{in: "99", wantErr: true},
		{in: "600", wantErr: true},
		{in: "399-200", wantErr: true},
		{in: "200-", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseStatuses(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseStatuses(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if got.String() != tt.want {
				t.Errorf("String() = %q, want %q", got.String(), tt.want)
			}
			for code, want := range map[int]bool{200: tt.in200, 204: tt.in204, 404: tt.in404, 500: false} {
				if got.Contains(code) != want {
					t.Errorf("Contains(%d) = %v, want %v", code, !want, want)
				}
			}
		})
	}
}

func FuzzParseStatuses(f *testing.F) {
	for _, s := range []string{"200-399", "200,204", "2xx", "1-2-3", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		set, err := ParseStatuses(s)
		if err != nil {
			return
		}
		again, err := ParseStatuses(set.String())
		if err != nil || again.String() != set.String() {
			t.Fatalf("round trip of %q: %q, %v", s, again, err)
		}
		for _, r := range set {
			if r.Min < 100 || r.Max > 599 || r.Min > r.Max {
				t.Fatalf("bad range %+v from %q", r, s)
			}
		}
	})
}
