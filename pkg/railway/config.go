package railway

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	spelling "github.com/rose/actions/pkg/suggest"
)

// ConfigFiles are the names Railway looks for in a service's root folder (config as code), in the order
// this package checks them.
var ConfigFiles = []string{"railway.json", "railway.toml"}

// ConfigProblem is one thing wrong with a config-as-code file.
type ConfigProblem struct {
	File    string // as given to ValidateConfig
	Key     string // dotted path, such as "deploy.healthcheckTimeout"; "" for the whole file
	Line    int    // 1-based; 0 when unknown
	Message string
}

func (p ConfigProblem) Error() string {
	where := p.File
	if p.Line > 0 {
		where += fmt.Sprintf(":%d", p.Line)
	}
	if p.Key != "" {
		return fmt.Sprintf("%s: %s: %s", where, p.Key, p.Message)
	}
	return fmt.Sprintf("%s: %s", where, p.Message)
}

// ConfigError lists the problems of a config-as-code file.
type ConfigError struct {
	Problems []ConfigProblem
}

func (e *ConfigError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "; ")
}

// Config is what a deploy needs from a valid config-as-code file.
type Config struct {
	File string
	// HealthcheckPath is deploy.healthcheckPath, per environment name ("" for the base config; an
	// environment without its own value inherits the base one).
	HealthcheckPath map[string]string
	// HealthcheckLine is the line of each HealthcheckPath.
	HealthcheckLine map[string]int
}

// HealthKeyFor is the key (and its line) that sets the healthcheck path for environment env.
func (c Config) HealthKeyFor(env string) (string, int) {
	if _, ok := c.HealthcheckPath[env]; ok && env != "" {
		return "environments." + env + ".deploy.healthcheckPath", c.HealthcheckLine[env]
	}
	return "deploy.healthcheckPath", c.HealthcheckLine[""]
}

// HealthPathFor is the healthcheck path Railway uses in environment env ("" when none is set).
func (c Config) HealthPathFor(env string) string {
	if p, ok := c.HealthcheckPath[env]; ok && env != "" {
		return p
	}
	return c.HealthcheckPath[""]
}

// The schema of railway.json / railway.toml: Railway's config-as-code reference (build and deploy sections,
// environment overrides), the keys Railway's CLI reads from these files, and the service-instance settings
// of Railway's API that the files can set.
type valueKind int

const (
	kString  valueKind = iota
	kPath              // a string that starts with "/"
	kInt               // a whole number >= min
	kIntLike           // a whole number or a string of digits (Railway's docs show "overlapSeconds": "60")
	kBool
	kEnum
	kStrings        // an array of strings
	kStringOrList   // a string or an array of strings
	kObject         // any object
	kRegions        // an object of region name -> {numReplicas}
	kCron           // a five-field cron expression
	kVersion        // a version such as 0.7.0
	kSchemaURL      // "$schema"
	kSection        // build or deploy
	kEnvironmentMap // environments
)

type field struct {
	kind   valueKind
	min    int
	values []string // kEnum, compared without case
}

var buildFields = map[string]field{
	"builder":            {kind: kEnum, values: []string{"RAILPACK", "DOCKERFILE", "NIXPACKS", "HEROKU", "PAKETO"}},
	"watchPatterns":      {kind: kStrings},
	"buildCommand":       {kind: kString},
	"dockerfilePath":     {kind: kString},
	"railpackVersion":    {kind: kVersion},
	"nixpacksConfigPath": {kind: kString},
	"nixpacksPlan":       {kind: kObject},
	"nixpacksVersion":    {kind: kVersion},
	"buildEnvironment":   {kind: kEnum, values: []string{"V2", "V3"}},
}

var deployFields = map[string]field{
	"startCommand":            {kind: kString},
	"preDeployCommand":        {kind: kStringOrList},
	"numReplicas":             {kind: kInt, min: 0},
	"multiRegionConfig":       {kind: kRegions},
	"region":                  {kind: kString},
	"healthcheckPath":         {kind: kPath},
	"healthcheckTimeout":      {kind: kInt, min: 1},
	"restartPolicyType":       {kind: kEnum, values: []string{"ON_FAILURE", "ALWAYS", "NEVER"}},
	"restartPolicyMaxRetries": {kind: kInt, min: 0},
	"cronSchedule":            {kind: kCron},
	"sleepApplication":        {kind: kBool},
	"overlapSeconds":          {kind: kIntLike, min: 0},
	"drainingSeconds":         {kind: kIntLike, min: 0},
	"requiredMountPath":       {kind: kPath},
	"ipv6EgressEnabled":       {kind: kBool},
	"runtime":                 {kind: kEnum, values: []string{"V2", "LEGACY", "UNSPECIFIED"}},
	"limitOverride":           {kind: kObject},
	"useLegacyStacker":        {kind: kBool},
}

var topFields = map[string]field{
	"$schema":      {kind: kSchemaURL},
	"build":        {kind: kSection},
	"deploy":       {kind: kSection},
	"environments": {kind: kEnvironmentMap},
}

// ValidateConfig checks a railway.json or railway.toml (by the name's extension) against the schema:
// unknown keys (with the closest known one suggested), wrong types, values outside their enum or range. Every
// problem is reported, each with its key and line. name is used in the problems as given.
func ValidateConfig(name string, data []byte) (Config, error) {
	cfg := Config{File: name, HealthcheckPath: map[string]string{}, HealthcheckLine: map[string]int{}}
	var doc map[string]any
	var lines map[string]int
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		doc, lines, err = decodeJSON(data)
	case ".toml":
		doc, lines, err = decodeTOML(data)
	default:
		return cfg, &ConfigError{[]ConfigProblem{{File: name, Message: "not a .json or .toml file"}}}
	}
	if err != nil {
		var p ConfigProblem
		if !errors.As(err, &p) {
			p = ConfigProblem{Message: err.Error()}
		}
		p.File = name
		return cfg, &ConfigError{[]ConfigProblem{p}}
	}
	v := &validator{file: name, lines: lines, cfg: &cfg}
	v.object("", doc, topFields)
	if len(v.problems) > 0 {
		sort.SliceStable(v.problems, func(i, j int) bool { return v.problems[i].Line < v.problems[j].Line })
		return cfg, &ConfigError{v.problems}
	}
	return cfg, nil
}

type validator struct {
	file     string
	lines    map[string]int
	cfg      *Config
	problems []ConfigProblem
	env      string // the environment whose overrides are being read; "" for the base config
}

func (v *validator) add(key, format string, args ...any) {
	line := v.lines[key]
	for k := key; line == 0 && strings.Contains(k, "."); {
		k = k[:strings.LastIndex(k, ".")]
		line = v.lines[k]
	}
	v.problems = append(v.problems, ConfigProblem{File: v.file, Key: key, Line: line, Message: fmt.Sprintf(format, args...)})
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func (v *validator) object(prefix string, obj map[string]any, fields map[string]field) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := join(prefix, k)
		f, ok := fields[k]
		if !ok {
			v.add(key, "unknown key%s; accepted here: %s", suggest(k, fields), strings.Join(sortedFieldNames(fields), ", "))
			continue
		}
		v.value(key, k, obj[k], f)
	}
}

func (v *validator) value(key, name string, val any, f field) {
	if val == nil {
		if f.kind == kSection || f.kind == kEnvironmentMap || f.kind == kSchemaURL {
			v.add(key, "is null; give an object (or leave the key out)")
		}
		return // Railway's reference: a setting set to null is unset
	}
	switch f.kind {
	case kSection:
		obj, ok := val.(map[string]any)
		if !ok {
			v.add(key, "is %s; want an object with the %s settings", describe(val), name)
			return
		}
		if name == "build" {
			v.object(key, obj, buildFields)
		} else {
			v.object(key, obj, deployFields)
		}
	case kEnvironmentMap:
		obj, ok := val.(map[string]any)
		if !ok {
			v.add(key, "is %s; want an object of environment name -> {build, deploy}", describe(val))
			return
		}
		for env, sec := range obj {
			envKey := join(key, env)
			o, ok := sec.(map[string]any)
			if !ok {
				v.add(envKey, "is %s; want an object with build and/or deploy", describe(sec))
				continue
			}
			v.env = env
			v.object(envKey, o, map[string]field{"build": {kind: kSection}, "deploy": {kind: kSection}})
			v.env = ""
		}
	case kSchemaURL:
		if s, ok := val.(string); !ok || !strings.HasPrefix(s, "http") {
			v.add(key, "is %s; want the schema's URL, https://railway.com/railway.schema.json", describe(val))
		}
	case kString:
		if _, ok := val.(string); !ok {
			v.add(key, "is %s; want a string", describe(val))
		}
	case kPath:
		s, ok := val.(string)
		switch {
		case !ok:
			v.add(key, "is %s; want a path that starts with \"/\"", describe(val))
		case !strings.HasPrefix(s, "/"):
			v.add(key, "is %q; want a path that starts with \"/\"", s)
		case name == "healthcheckPath":
			v.cfg.HealthcheckPath[v.env] = s
			v.cfg.HealthcheckLine[v.env] = v.lines[key]
		}
	case kInt, kIntLike:
		n, ok := wholeNumber(val)
		if !ok && f.kind == kIntLike {
			if s, isStr := val.(string); isStr && regexp.MustCompile(`^[0-9]{1,9}$`).MatchString(s) {
				n, ok = 0, true
				fmt.Sscan(s, &n)
			}
		}
		switch {
		case !ok:
			v.add(key, "is %s; want a whole number", describe(val))
		case n < int64(f.min):
			v.add(key, "is %d; want at least %d", n, f.min)
		}
	case kBool:
		if _, ok := val.(bool); !ok {
			v.add(key, "is %s; want true or false", describe(val))
		}
	case kEnum:
		s, ok := val.(string)
		if !ok || !slices.ContainsFunc(f.values, func(e string) bool { return strings.EqualFold(e, s) }) {
			v.add(key, "is %s; want one of %s", describe(val), strings.Join(f.values, ", "))
		}
	case kStrings:
		list, ok := val.([]any)
		if !ok {
			v.add(key, "is %s; want an array of strings", describe(val))
			return
		}
		for i, e := range list {
			if _, ok := e.(string); !ok {
				v.add(fmt.Sprintf("%s[%d]", key, i), "is %s; want a string", describe(e))
			}
		}
	case kStringOrList:
		if _, ok := val.(string); ok {
			return
		}
		v.value(key, name, val, field{kind: kStrings})
	case kObject:
		if _, ok := val.(map[string]any); !ok {
			v.add(key, "is %s; want an object", describe(val))
		}
	case kRegions:
		obj, ok := val.(map[string]any)
		if !ok {
			v.add(key, "is %s; want an object of region -> {\"numReplicas\": n}", describe(val))
			return
		}
		for region, cfg := range obj {
			rk := join(key, region)
			if cfg == nil {
				continue // null removes the region
			}
			o, ok := cfg.(map[string]any)
			if !ok {
				v.add(rk, "is %s; want {\"numReplicas\": n}", describe(cfg))
				continue
			}
			v.object(rk, o, map[string]field{"numReplicas": {kind: kInt, min: 0}})
		}
	case kCron:
		s, ok := val.(string)
		if !ok || !cronRE.MatchString(strings.TrimSpace(s)) {
			v.add(key, "is %s; want a cron expression of five fields, such as \"*/15 * * * *\"", describe(val))
		}
	case kVersion:
		s, ok := val.(string)
		if !ok || !versionRE.MatchString(s) {
			v.add(key, "is %s; want a version such as \"1.2.3\"", describe(val))
		}
	}
}

var (
	cronRE    = regexp.MustCompile(`^[0-9A-Za-z*/,\-?]+(\s+[0-9A-Za-z*/,\-?]+){4}$`)
	versionRE = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+){0,2}([-+][0-9A-Za-z.\-]+)?$`)
)

func wholeNumber(val any) (int64, bool) {
	switch n := val.(type) {
	case int64:
		return n, true
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), true
		}
	}
	return 0, false
}

// describe names a value's type (and the value when short) for a problem message.
func describe(val any) string {
	switch x := val.(type) {
	case nil:
		return "null"
	case string:
		if len(x) > 40 {
			x = x[:40] + "…"
		}
		return fmt.Sprintf("the string %q", x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", val)
}

func sortedFieldNames(fields map[string]field) []string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// suggest returns ` (did you mean "x"?)` for the known key closest to k, when one is close.
func suggest(k string, fields map[string]field) string {
	best, bestD := "", 1<<30
	for name := range fields {
		d := spelling.Distance(strings.ToLower(k), strings.ToLower(name))
		if d < bestD || (d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	if best == "" || bestD > max(2, len(k)/3) {
		// A key of another section is a common slip: startCommand under build.
		for _, sec := range []struct {
			name   string
			fields map[string]field
		}{{"build", buildFields}, {"deploy", deployFields}} {
			if _, ok := sec.fields[k]; ok {
				if _, here := fields[k]; !here {
					return fmt.Sprintf(" (%q belongs in the %s section)", k, sec.name)
				}
			}
		}
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// decodeJSON decodes a JSON object and the line of each key (dotted path). Duplicate keys are an error,
// as the last one would silently win.
func decodeJSON(data []byte) (map[string]any, map[string]int, error) {
	lines := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(off int64) int { return bytes.Count(data[:min(int(off), len(data))], []byte("\n")) + 1 }
	var read func(path string) (any, error)
	read = func(path string) (any, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonProblem(data, dec, err)
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				obj := map[string]any{}
				for dec.More() {
					ktok, err := dec.Token()
					if err != nil {
						return nil, jsonProblem(data, dec, err)
					}
					k, _ := ktok.(string)
					key := join(path, k)
					line := lineAt(dec.InputOffset())
					if _, dup := obj[k]; dup {
						return nil, ConfigProblem{Key: key, Line: line, Message: "appears twice"}
					}
					lines[key] = line
					val, err := read(key)
					if err != nil {
						return nil, err
					}
					obj[k] = val
				}
				if _, err := dec.Token(); err != nil { // '}'
					return nil, jsonProblem(data, dec, err)
				}
				return obj, nil
			case '[':
				var list []any
				for i := 0; dec.More(); i++ {
					val, err := read(fmt.Sprintf("%s[%d]", path, i))
					if err != nil {
						return nil, err
					}
					list = append(list, val)
				}
				if _, err := dec.Token(); err != nil { // ']'
					return nil, jsonProblem(data, dec, err)
				}
				if list == nil {
					list = []any{}
				}
				return list, nil
			}
		case json.Number:
			if i, err := t.Int64(); err == nil {
				return i, nil
			}
			f, err := t.Float64()
			if err != nil {
				return nil, ConfigProblem{Key: path, Line: lineAt(dec.InputOffset()), Message: "not valid JSON: number " + t.String() + " is out of range"}
			}
			return f, nil
		}
		return tok, nil
	}
	val, err := read("")
	if err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, nil, ConfigProblem{Line: lineAt(dec.InputOffset()), Message: "not valid JSON: more after the top-level object"}
	}
	obj, ok := val.(map[string]any)
	if !ok {
		return nil, nil, ConfigProblem{Line: 1, Message: fmt.Sprintf("is %s; want a JSON object", describe(val))}
	}
	return obj, lines, nil
}

func jsonProblem(data []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		off = int64(len(data))
		err = errors.New("unexpected end of the file")
	}
	return ConfigProblem{Line: bytes.Count(data[:min(int(off), len(data))], []byte("\n")) + 1, Message: "not valid JSON: " + err.Error()}
}

// decodeTOML decodes a TOML document and the line of each key (dotted path).
func decodeTOML(data []byte) (map[string]any, map[string]int, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		p := ConfigProblem{Message: "not valid TOML: " + err.Error()}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			p.Line = row
			p.Message = "not valid TOML: " + de.Error()
		}
		return nil, nil, p
	}
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		var parts []string
		var partLines []int
		for it := e.Key(); it.Next(); {
			parts = append(parts, string(it.Node().Data))
			partLines = append(partLines, p.Shape(it.Node().Raw).Start.Line)
		}
		full := parts
		base := 0
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = parts
		case unstable.KeyValue:
			full = append(slices.Clone(table), parts...)
			base = len(table)
		default:
			continue
		}
		for i := base; i < len(full); i++ {
			k := strings.Join(full[:i+1], ".")
			if _, ok := lines[k]; !ok {
				lines[k] = partLines[i-base]
			}
		}
	}
	// Numbers decode as int64 or float64, like the JSON side.
	return doc, lines, nil
}
