package main

import "testing"

func TestMemoryLimit(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name      string
		packBytes int64
		want      int64
	}{
		{"no packs", 0, minMemoryLimit},
		{"small history: the floor", 12 * mb, minMemoryLimit},
		{"mid-size history", 32 * mb, 56 * mb},
		{"large history", 4 << 30, 7 << 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := memoryLimit(tt.packBytes); got != tt.want {
				t.Errorf("memoryLimit(%d MB) = %d MB, want %d MB", tt.packBytes/mb, got/mb, tt.want/mb)
			}
		})
	}
}
