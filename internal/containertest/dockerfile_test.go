package containertest

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	actions "github.com/rose/actions"
)

func readDockerfile(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFinalStageIsTheDockerfiles checks that the test image's Dockerfile holds the real Dockerfile's prelude and
// final stage byte for byte: the test builds the released image's definition, not a copy that could drift.
func TestFinalStageIsTheDockerfiles(t *testing.T) {
	real := readDockerfile(t)
	df, err := ParseDockerfile(real)
	if err != nil {
		t.Fatal(err)
	}
	if err := df.CheckStages(); err != nil {
		t.Fatal(err)
	}
	final := df.Final().Text
	if !bytes.HasSuffix(real, []byte(final)) || !strings.HasPrefix(final, "FROM scratch") {
		t.Fatalf("the final stage is not the end of the Dockerfile:\n%s", final)
	}
	got, err := TestDockerfile(real, NoBreak)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, []byte(df.Prelude)) || !bytes.HasSuffix(got, []byte(final)) {
		t.Errorf("the test Dockerfile does not keep the prelude and final stage:\n%s", got)
	}
	test, err := ParseDockerfile(got)
	if err != nil {
		t.Fatal(err)
	}
	if err := test.CheckStages(); err != nil {
		t.Errorf("the test Dockerfile: %v", err)
	}
	if test.Stages[0].Image != "scratch" {
		t.Errorf("the test's build stage is FROM %s; it must pull nothing", test.Stages[0].Image)
	}
}

// TestBuildStagesAgree checks that the real build stage produces what the test's build stage copies from the
// host: every action's program in /out built with the same flags, /rootfs/tmp with mode 1777, the CA bundle.
func TestBuildStagesAgree(t *testing.T) {
	df, err := ParseDockerfile(readDockerfile(t))
	if err != nil {
		t.Fatal(err)
	}
	build := df.Stages[0].Text
	for _, want := range append([]string{"CGO_ENABLED=0", "-o " + BinDir + "$a ./actions/$a", "mkdir -p /out /rootfs/tmp", "chmod 1777 /rootfs/tmp", "ca-certificates"}, GoBuildFlags...) {
		want = strings.Replace(want, "-ldflags=-s -w", `-ldflags="-s -w"`, 1)
		if !strings.Contains(build, want) {
			t.Errorf("the build stage lacks %q", want)
		}
	}
	m := regexp.MustCompile(`for a in ([a-z -]+); do`).FindStringSubmatch(build)
	if m == nil {
		t.Fatal("the build stage has no `for a in ...; do` loop over the actions")
	}
	if got := slices.Sorted(slices.Values(strings.Fields(m[1]))); !slices.Equal(got, actions.Names()) {
		t.Errorf("the build stage builds %v; the repository's actions are %v", got, actions.Names())
	}
}

// TestGoVersion checks that the image is built with the Go of go.mod, as the host build is.
func TestGoVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	arg := regexp.MustCompile(`(?m)^ARG GO_VERSION=(\S+)`).FindSubmatch(readDockerfile(t))
	if goLine == nil || arg == nil || string(goLine[1]) != string(arg[1]) {
		t.Errorf("go.mod says go %s, the Dockerfile GO_VERSION=%s", goLine, arg)
	}
}

// TestBuildsWithoutBuildKit checks the two things that break the classic builder (Docker without buildx):
// a platform variable with no default (the classic builder leaves $BUILDPLATFORM empty and fails with
// `failed to parse platform : "" is an invalid component`), and a `# syntax=` line (BuildKit then pulls a
// frontend image, which fails where no registry is reachable).
func TestBuildsWithoutBuildKit(t *testing.T) {
	df := string(readDockerfile(t))
	if regexp.MustCompile(`(?im)^#\s*syntax\s*=`).MatchString(df) {
		t.Error("the Dockerfile has a # syntax= line")
	}
	platforms := regexp.MustCompile(`--platform=(\S+)`).FindAllStringSubmatch(df, -1)
	for _, p := range platforms {
		v := p[1]
		if strings.Contains(v, "$") && !regexp.MustCompile(`^\$\{[A-Z_]+:-[a-z0-9/]+\}$`).MatchString(v) {
			t.Errorf("--platform=%s: give the variable a default (${BUILDPLATFORM:-linux}) for the classic builder", v)
		}
	}
	if len(platforms) == 0 {
		t.Error("the build stage has no --platform: BuildKit would compile under emulation for other architectures")
	}
}

func TestParseDockerfile(t *testing.T) {
	tests := []struct {
		name, in   string
		stages     []string // image/name
		prelude    string
		wantErrSub string
	}{
		{"two stages", "ARG X=1\n# c\nFROM golang:1 AS build\nRUN x\nFROM scratch\nCOPY --from=build /a /b\n",
			[]string{"golang:1/build", "scratch/"}, "ARG X=1\n# c\n", ""},
		{"lower case and platform", "from --platform=${BUILDPLATFORM:-linux} alpine as b\nfrom scratch\n",
			[]string{"alpine/b", "scratch/"}, "", ""},
		{"FROM inside a continued RUN line", "FROM a AS build\nRUN echo \\\nFROM x\nFROM scratch\n",
			[]string{"a/build", "scratch/"}, "", ""},
		{"comment", "FROM a\n# FROM b\n", []string{"a/"}, "", ""},
		{"unreadable FROM", "FROM\n", nil, "", "unreadable FROM"},
		{"no FROM", "RUN x\n", nil, "", "no FROM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			df, err := ParseDockerfile([]byte(tt.in))
			if tt.wantErrSub != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrSub) {
					t.Fatalf("err = %v, want %q", err, tt.wantErrSub)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var text string
			for _, s := range df.Stages {
				got = append(got, s.Image+"/"+s.Name)
				text += s.Text
			}
			if !slices.Equal(got, tt.stages) || df.Prelude != tt.prelude || df.Prelude+text != tt.in {
				t.Errorf("stages %v prelude %q; want %v %q (text kept: %v)", got, df.Prelude, tt.stages, tt.prelude, df.Prelude+text == tt.in)
			}
		})
	}
}

// TestCheckStagesRefusesDrift changes the real Dockerfile the ways that would make the test's build stage
// stop matching, and expects each to be refused.
func TestCheckStagesRefusesDrift(t *testing.T) {
	real := string(readDockerfile(t))
	tests := []struct{ name, old, new, wantErr string }{
		{"a file the test stage lacks", "COPY --from=build /out/ /usr/local/bin/", "COPY --from=build /out/ /usr/local/bin/\nCOPY --from=build /etc/passwd /etc/passwd", "/etc/passwd"},
		{"a copy from the context", "ENV PATH=/usr/local/bin", "ENV PATH=/usr/local/bin\nCOPY LICENSE /LICENSE", "build context"},
		{"a base image", "\nFROM scratch\n", "\nFROM alpine:3\n", "FROM alpine:3"},
		{"a renamed build stage", " AS build\n", " AS compile\n", `"compile"`},
		{"a moved folder", "COPY --from=build /out/ /usr/local/bin/", "COPY --from=build /out/ /bin/", "want /usr/local/bin/"},
		{"a dropped CA bundle", "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n", "", "does not copy"},
		{"a third stage", "\nFROM scratch\n", "\nFROM scratch AS middle\nFROM scratch\n", "3 stages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(real, tt.old) {
				t.Fatalf("the Dockerfile has no %q", tt.old)
			}
			_, err := TestDockerfile([]byte(strings.Replace(real, tt.old, tt.new, 1)), NoBreak)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v; want one naming %q", err, tt.wantErr)
			}
		})
	}
}

func TestBreakUserAddsUserLine(t *testing.T) {
	got, err := TestDockerfile(readDockerfile(t), UserLine)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(got), "USER 65532\n") {
		t.Errorf("no USER line at the end:\n%s", got)
	}
}

// FuzzParseDockerfile checks that splitting never loses or reorders text: the prelude and the stages put
// back together are the input, byte for byte (with a final line end added when it lacks one), and every
// stage starts with its FROM line.
func FuzzParseDockerfile(f *testing.F) {
	f.Add(string(readDockerfileF(f)))
	f.Add("FROM a AS build\nRUN echo \\\nFROM x\nFROM scratch\n")
	f.Add("# c\nARG X\nfrom --platform=${BUILDPLATFORM:-linux} b as c\n")
	f.Fuzz(func(t *testing.T, in string) {
		df, err := ParseDockerfile([]byte(in))
		if err != nil {
			return
		}
		var got strings.Builder
		got.WriteString(df.Prelude)
		for _, s := range df.Stages {
			if !fromLine.MatchString(strings.TrimSpace(strings.SplitN(s.Text, "\n", 2)[0])) {
				t.Errorf("stage does not start with FROM: %q", s.Text)
			}
			got.WriteString(s.Text)
		}
		want := in
		if !strings.HasSuffix(want, "\n") {
			want += "\n"
		}
		if got.String() != want {
			t.Errorf("text changed:\n got %q\nwant %q", got.String(), want)
		}
	})
}

func readDockerfileF(f *testing.F) []byte {
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		f.Fatal(err)
	}
	return b
}
