package conventional

import "strings"

func parse(message string) Commit {
	message = strings.ReplaceAll(message, "\r\n", "\n")
	header, _, _ := strings.Cut(message, "\n")
	c, _ := parseHeader(header)
	return c
}

func parseHeader(header string) (Commit, error) {
	c := Commit{Header: header, Description: header}
	if header == "" {
		return c, ErrEmpty
	}
	return c, nil
}
