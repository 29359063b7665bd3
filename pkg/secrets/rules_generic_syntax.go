package secrets

import "regexp"

// genericSyntaxPatterns are assignment syntaxes the generic rule's main
// parser does not read, added to the generic-secret rule: PHP .=, Makefile
// ?= ::= :::= (not +=: appending in code is not a secret), a declared type between name and value (var apiToken
// string = …, String apiToken = …) and an XML element whose value sits on
// its own line. The value is judged exactly as the main pattern's.
func genericSyntaxPatterns() []*pattern {
	value := `([^[:space:]"'\x60,;()\[\]{}<>\\]{8,})`
	name := `([A-Za-z0-9_.$-]*` + genericNames + `)`
	return []*pattern{
		{
			keywords: genericKeywords,
			re: regexp.MustCompile(name + `(?:[ \t]*:[ \t]*[A-Za-z][A-Za-z0-9_.]*|[ \t]+[A-Za-z][A-Za-z0-9_.]*)?[ \t]*` +
				`(?:\.=|\?=|:{2,3}=|=)[ \t]*["'\x60]?` + value),
			group: 2, nameGroup: 1, priority: prioGeneric, testStrict: true,
			check: func(v string, line []byte) bool { return !nameIsValue(line, v) && genericCheck(v, line) },
		},
		{
			keywords: genericKeywords,
			after:    2,
			re:       regexp.MustCompile(`<` + name + `>[ \t]*\r?\n[ \t]*` + value + `[ \t]*\r?\n[ \t]*</`),
			group:    2, nameGroup: 1, priority: prioGeneric, testStrict: true,
			check: genericCheck,
		},
	}
}

// urlNoUserPattern is a URL with a password and no user name
// (redis://:password@host), as Redis, Valkey and some brokers take it,
// added to the url-credentials rule and judged as its passwords are.
func urlNoUserPattern() *pattern {
	return &pattern{
		password: true,
		keywords: []string{"://:"},
		re: regexp.MustCompile(`\b(?:rediss?|valkeys?|amqps?|mongodb(?:\+srv)?|postgres(?:ql)?|mysql|memcached?|nats|mqtts?)` +
			`://:([^\s/?#@"'\x60<>\\]{6,})@[A-Za-z0-9_.-]*[A-Za-z0-9]`),
		group: 1, priority: prioContext, noPlaceholder: true, testStrict: true,
		check: urlPasswordCheck,
	}
}
