package app

import (
	"errors"
	"strings"
	"time"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// A gRPC query of the newest block that arrives while the node commits a
// block can find the SDK between two states — the new height committed, its
// check state not yet moved — and is refused with "context did not contain
// latest block height" (ErrInvalidHeight), though nothing is wrong with it.
// The node asks again after the commit finishes, so that the client never
// sees that refusal.
const (
	// commitRaceRetries is how many times a query refused so is asked again.
	commitRaceRetries = 3
	// commitRaceWait is the pause before each retry: a commit's last steps
	// take microseconds.
	commitRaceWait = time.Millisecond
)

// racedCommit says whether err is the SDK's refusal of a query that raced
// a commit.
func racedCommit(err error) bool {
	return errors.Is(err, sdkerrors.ErrInvalidHeight) && strings.Contains(err.Error(), "did not contain latest block height")
}

// retryCommitRace runs query, and again while it is refused for racing a
// commit, at most commitRaceRetries more times.
func retryCommitRace(query func() (any, error)) (any, error) {
	resp, err := query()
	for i := 0; i < commitRaceRetries && racedCommit(err); i++ {
		time.Sleep(commitRaceWait)
		resp, err = query()
	}
	return resp, err
}
