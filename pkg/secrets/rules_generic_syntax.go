package secrets

import "regexp"

// genericSyntaxPatterns are assignment syntaxes the generic rule's main
// parser does not read, added to the generic-secret rule: PHP .=, Makefile
// ?= ::= :::= +=, a declared type between name and value (var apiToken
// string = …, String apiToken = …) and an XML element whose value sits on
// its own line. The value is judged exactly as the main pattern's.
func genericSyntaxPatterns() []*pattern {
	value := `([^[:space:]"'\x60,;()\[\]{}<>\\]{8,})`
	name := `([A-Za-z0-9_.$-]*` + genericNames + `)`
	return []*pattern{
		{
			keywords: genericKeywords,
			re: regexp.MustCompile(name + `(?:[ \t]*:[ \t]*[A-Za-z][A-Za-z0-9_.]*|[ \t]+[A-Za-z][A-Za-z0-9_.]*)?[ \t]*` +
				`(?:\.=|\?=|:{2,3}=|\+=|=)[ \t]*["'\x60]?` + value),
			group: 2, nameGroup: 1, priority: prioGeneric, testStrict: true,
			check: genericCheck,
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
