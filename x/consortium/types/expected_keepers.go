package types

import (
	"context"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AccountKeeper is the part of x/auth the consortium uses: it creates the
// auth account of a member or agent that has none, so that it can sign.
type AccountKeeper interface {
	HasAccount(ctx context.Context, addr sdk.AccAddress) bool
	NewAccountWithAddress(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
	SetAccount(ctx context.Context, acc sdk.AccountI)
}

// MsgRouter finds the handler of a message: the app's message service
// router, through which a passed proposal's messages execute.
type MsgRouter interface {
	Handler(msg sdk.Msg) baseapp.MsgServiceHandler
}
