package secrets

import "regexp/syntax"

// progSize returns the number of instructions of the program that the
// regexp package compiles from tree (syntax.Compile of tree.Simplify()),
// without building either: the detector sizes hundreds of expressions at
// start-up (byteCost), and expanding their counted repetitions to count the
// instructions cost a tenth of a second and tens of megabytes of garbage.
// TestProgSize checks it against the compiler on every built-in expression.
func progSize(tree *syntax.Regexp) int {
	return 2 + sizeOf(tree).n // the failure and match instructions
}

// progSum is what progSize needs to know of a simplified node: its
// instructions, whether it matches the empty string, whether it can never
// match (the compiler drops such branches), and its operator and
// greediness (simplify folds x** into x*).
type progSum struct {
	n                     int
	nullable, fail, empty bool
	op                    syntax.Op
	nongreedy             bool
}

func sizeOf(re *syntax.Regexp) progSum {
	ng := re.Flags&syntax.NonGreedy != 0
	switch re.Op {
	case syntax.OpNoMatch:
		return progSum{fail: true, op: re.Op}
	case syntax.OpEmptyMatch:
		return progSum{n: 1, nullable: true, empty: true, op: re.Op}
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return progSum{n: 1, nullable: true, op: re.Op}
		}
		return progSum{n: len(re.Rune), op: re.Op}
	case syntax.OpCharClass, syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return progSum{n: 1, op: re.Op}
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary,
		syntax.OpNoWordBoundary:
		return progSum{n: 1, nullable: true, op: re.Op}
	case syntax.OpCapture:
		s := sizeOf(re.Sub[0])
		return progSum{n: 2 + s.n, nullable: s.nullable && !s.fail, fail: s.fail, op: re.Op}
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return unarySize(re.Op, ng, sizeOf(re.Sub[0]))
	case syntax.OpConcat:
		subs := make([]progSum, len(re.Sub))
		for i, s := range re.Sub {
			subs[i] = sizeOf(s)
		}
		return concatSize(subs...)
	case syntax.OpAlternate:
		out := progSum{op: re.Op, fail: true}
		for _, sub := range re.Sub {
			s := sizeOf(sub)
			out.n += s.n
			if s.fail {
				continue
			}
			if !out.fail {
				out.n++ // an alternation instruction joins it to the branches before
			}
			out.fail = false
			out.nullable = out.nullable || s.nullable
		}
		return out
	case syntax.OpRepeat:
		if re.Min == 0 && re.Max == 0 {
			return progSum{n: 1, nullable: true, empty: true, op: syntax.OpEmptyMatch}
		}
		sub := sizeOf(re.Sub[0])
		if re.Max == -1 {
			switch re.Min {
			case 0:
				return unarySize(syntax.OpStar, ng, sub)
			case 1:
				return unarySize(syntax.OpPlus, ng, sub)
			}
			subs := make([]progSum, 0, re.Min)
			for i := 0; i < re.Min-1; i++ {
				subs = append(subs, sub)
			}
			return concatSize(append(subs, unarySize(syntax.OpPlus, ng, sub))...)
		}
		if re.Min == 1 && re.Max == 1 {
			return sub
		}
		if re.Min > re.Max {
			return progSum{fail: true, op: syntax.OpNoMatch}
		}
		var subs []progSum
		for i := 0; i < re.Min; i++ {
			subs = append(subs, sub)
		}
		if re.Max > re.Min {
			suffix := unarySize(syntax.OpQuest, ng, sub)
			for i := re.Min + 1; i < re.Max; i++ {
				suffix = unarySize(syntax.OpQuest, ng, concatSize(sub, suffix))
			}
			if len(subs) == 0 {
				return suffix
			}
			subs = append(subs, suffix)
		}
		return concatSize(subs...)
	}
	return progSum{n: 1, op: re.Op}
}

// unarySize is simplify1 and the compiler's star, plus and quest.
func unarySize(op syntax.Op, nongreedy bool, sub progSum) progSum {
	if sub.empty || op == sub.op && nongreedy == sub.nongreedy {
		return sub
	}
	out := progSum{n: sub.n + 1, op: op, nongreedy: nongreedy}
	switch op {
	case syntax.OpStar:
		if sub.nullable && !sub.fail {
			out.n++ // (x+)? when x matches the empty string
		}
		out.nullable = true
	case syntax.OpPlus:
		out.nullable, out.fail = sub.nullable && !sub.fail, sub.fail
	case syntax.OpQuest:
		out.nullable = true
	}
	return out
}

func concatSize(subs ...progSum) progSum {
	if len(subs) == 0 {
		return progSum{n: 1, nullable: true, op: syntax.OpConcat}
	}
	out := progSum{nullable: true, op: syntax.OpConcat}
	for _, s := range subs {
		out.n += s.n
		out.nullable = out.nullable && s.nullable
		out.fail = out.fail || s.fail
	}
	if out.fail {
		out.nullable = false
	}
	return out
}
