package cmd

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

// every repeats its work at each interval, not before the first one, and
// stops when the node's context ends, leaving the group without error.
func TestEveryRepeatsUntilTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	g, gctx := errgroup.WithContext(ctx)
	var runs atomic.Int32
	every(gctx, g, 10*time.Millisecond, func() { runs.Add(1) })
	require.Zero(t, runs.Load(), "nothing runs before the first interval")
	require.Eventually(t, func() bool { return runs.Load() >= 3 }, 5*time.Second, 5*time.Millisecond)
	cancel()
	require.NoError(t, g.Wait())
	stopped := runs.Load()
	time.Sleep(50 * time.Millisecond)
	require.Equal(t, stopped, runs.Load(), "no run after the context ended")
}
