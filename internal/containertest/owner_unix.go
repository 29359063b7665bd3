//go:build unix

package containertest

import (
	"fmt"
	"os"
	"syscall"
)

func ownerOf(fi os.FileInfo) (int, error) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, fmt.Errorf("%s: no owner information", fi.Name())
	}
	return int(st.Uid), nil
}
