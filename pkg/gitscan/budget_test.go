package gitscan

import "testing"

func TestBudgetFor(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name      string
		packBytes int
		workers   int
		want      cacheBudget
	}{
		// On 2 cores, the sizes that were measured per worker (docs/actions/secret-scan.md).
		{"large history, 2 workers", 200 * mb, 2, cacheBudget{diff: 4 * mb, blob: 2 * mb, big: 16 * mb, free: mb, treeEntries: 16 << 10}},
		{"vue core, 2 workers", 80 * mb, 2, cacheBudget{diff: 4 * mb, blob: 2 * mb, big: 10 * mb, free: mb, treeEntries: 16 << 10}},
		{"small history, 2 workers", 8 * mb, 2, cacheBudget{diff: mb, blob: mb, big: mb, free: mb, treeEntries: 16 << 10}},
		// More workers share the same totals, down to a floor each.
		{"large history, 8 workers", 200 * mb, 8, cacheBudget{diff: mb, blob: mb / 2, big: 4 * mb, free: mb / 4, treeEntries: 4 << 10}},
		{"large history, 64 workers", 200 * mb, 64, cacheBudget{diff: minCache, blob: minCache, big: mb / 2, free: minCache, treeEntries: minTreeEntries}},
		{"one worker", 200 * mb, 1, cacheBudget{diff: 8 * mb, blob: 4 * mb, big: 32 * mb, free: 2 * mb, treeEntries: 32 << 10}},
		{"no packs", 0, 2, cacheBudget{diff: mb, blob: mb, big: 0, free: mb, treeEntries: 16 << 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := budgetFor(tt.packBytes, tt.workers); got != tt.want {
				t.Errorf("budgetFor(%d MB, %d) = %+v, want %+v", tt.packBytes/mb, tt.workers, got, tt.want)
			}
		})
	}
}
