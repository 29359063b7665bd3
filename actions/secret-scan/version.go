package main

import "runtime/debug"

// toolVersion is the module version of the binary ("dev" when built from a work tree).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
