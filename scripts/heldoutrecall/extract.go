package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
)

type tcase struct {
	Detector string   `json:"detector"`
	Name     string   `json:"name"`
	Input    string   `json:"input"`
	Want     []string `json:"want"`
}

// extractTrufflehog reads the pattern tests (TestX_Pattern) of trufflehog's
// detectors: each test case's input, and whether it wants results.
func extractTrufflehog(files []string) []tcase {
	var out []tcase
	for _, p := range files {
		fs := token.NewFileSet()
		f, err := parser.ParseFile(fs, p, nil, 0)
		if err != nil {
			continue
		}
		env := map[string]ast.Expr{}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range gd.Specs {
				vs, ok := s.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						env[n.Name] = vs.Values[i]
					}
				}
			}
		}
		det := filepath.Base(filepath.Dir(p))
		ast.Inspect(f, func(n ast.Node) bool {
			fn, ok := n.(*ast.FuncDecl)
			if !ok || !strings.HasSuffix(fn.Name.Name, "_Pattern") {
				return true
			}
			// local consts/vars in the function
			local := map[string]ast.Expr{}
			for k, v := range env {
				local[k] = v
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.AssignStmt:
					if len(x.Lhs) == len(x.Rhs) {
						for i, l := range x.Lhs {
							if id, ok := l.(*ast.Ident); ok {
								local[id.Name] = x.Rhs[i]
							}
						}
					}
				case *ast.CompositeLit:
					var name, input string
					var want []string
					var okIn, hasWant bool
					for _, e := range x.Elts {
						kv, ok := e.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						k, _ := kv.Key.(*ast.Ident)
						if k == nil {
							continue
						}
						switch k.Name {
						case "name":
							name, _ = eval(kv.Value, local, 0)
						case "input":
							input, okIn = eval(kv.Value, local, 0)
						case "want":
							hasWant = true
							if cl, ok := kv.Value.(*ast.CompositeLit); ok {
								for _, w := range cl.Elts {
									if s, ok := eval(w, local, 0); ok {
										want = append(want, s)
									}
								}
							}
						}
					}
					if okIn && hasWant && input != "" {
						out = append(out, tcase{det, name, input, want})
					}
				}
				return true
			})
			return false
		})
	}
	return out
}

func eval(e ast.Expr, env map[string]ast.Expr, depth int) (string, bool) {
	if depth > 10 {
		return "", false
	}
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			s, err := strconv.Unquote(x.Value)
			return s, err == nil
		}
		return x.Value, true
	case *ast.Ident:
		if v, ok := env[x.Name]; ok {
			return eval(v, env, depth+1)
		}
	case *ast.ParenExpr:
		return eval(x.X, env, depth+1)
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			a, ok1 := eval(x.X, env, depth+1)
			b, ok2 := eval(x.Y, env, depth+1)
			return a + b, ok1 && ok2
		}
	case *ast.CallExpr:
		sel, ok := x.Fun.(*ast.SelectorExpr)
		if !ok {
			return "", false
		}
		pkg, _ := sel.X.(*ast.Ident)
		if pkg == nil {
			return "", false
		}
		var args []any
		for _, a := range x.Args {
			s, ok := eval(a, env, depth+1)
			if !ok {
				return "", false
			}
			args = append(args, s)
		}
		switch pkg.Name + "." + sel.Sel.Name {
		case "fmt.Sprintf":
			if len(args) == 0 {
				return "", false
			}
			return fmt.Sprintf(args[0].(string), args[1:]...), true
		case "strings.Repeat":
			n, err := strconv.Atoi(args[1].(string))
			if err != nil {
				return "", false
			}
			return strings.Repeat(args[0].(string), n), true
		case "strings.Join":
			return "", false
		}
	}
	return "", false
}
