package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/consortium/types"
)

// InitGenesis loads the consortium — members, agents, open invitations,
// former agents, known patients, proposals and votes — creates auth accounts for those that
// have none, and returns the initial validator set.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) ([]abci.ValidatorUpdate, error) {
	if err := gs.Validate(k.addressCodec); err != nil {
		return nil, err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return nil, err
	}
	addr := func(s string) (sdk.AccAddress, error) { return k.addressCodec.StringToBytes(s) }
	for _, m := range gs.Members {
		if err := k.SetMember(ctx, m); err != nil {
			return nil, fmt.Errorf("member %s: %w", m.Operator, err)
		}
		op, err := addr(m.Operator)
		if err != nil {
			return nil, err
		}
		k.EnsureAccount(ctx, op)
	}
	pair := func(opStr, agentStr string) (sdk.AccAddress, sdk.AccAddress, error) {
		a, err := modulekit.ParseAddresses(k.addressCodec, types.ErrInvalidAddress, "member", opStr, "agent", agentStr)
		if err != nil {
			return nil, nil, err
		}
		return a[0], a[1], nil
	}
	for _, a := range gs.Agents {
		op, agent, err := pair(a.Member, a.Address)
		if err != nil {
			return nil, err
		}
		if err := k.setAgent(ctx, op, agent, a); err != nil {
			return nil, err
		}
		if err := modulekit.AddCount(ctx, k.AgentCount, op, 1); err != nil {
			return nil, err
		}
		k.EnsureAccount(ctx, agent)
	}
	for _, inv := range gs.Invitations {
		op, agent, err := pair(inv.Member, inv.Agent)
		if err != nil {
			return nil, err
		}
		if err := k.Invitations.Set(ctx, collections.Join(agent, op), inv); err != nil {
			return nil, err
		}
		if err := k.InvitedBy.Set(ctx, collections.Join(op, agent)); err != nil {
			return nil, err
		}
		k.EnsureAccount(ctx, agent)
	}
	for _, sets := range []struct {
		addrs []string
		set   collections.KeySet[sdk.AccAddress]
	}{{gs.FormerAgents, k.FormerAgents}, {gs.Patients, k.Patients}} {
		for _, s := range sets.addrs {
			a, err := addr(s)
			if err != nil {
				return nil, err
			}
			if err := sets.set.Set(ctx, a); err != nil {
				return nil, err
			}
			k.EnsureAccount(ctx, a)
		}
	}
	if err := k.initIdentities(ctx, gs); err != nil {
		return nil, err
	}
	if err := k.initProposals(ctx, gs); err != nil {
		return nil, err
	}
	return k.ApplyValidatorSet(ctx)
}

// ExportGenesis returns the consortium: params, members, agents, open
// invitations, former agents and known patients.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if gs.Members, err = modulekit.Values(ctx, k.Members); err != nil {
		return nil, err
	}
	if gs.Agents, err = modulekit.Values(ctx, k.Agents); err != nil {
		return nil, err
	}
	if gs.Invitations, err = modulekit.Values(ctx, k.Invitations); err != nil {
		return nil, err
	}
	if gs.FormerAgents, err = k.addresses(ctx, k.FormerAgents); err != nil {
		return nil, err
	}
	if gs.Patients, err = k.addresses(ctx, k.Patients); err != nil {
		return nil, err
	}
	if err := k.exportIdentities(ctx, gs); err != nil {
		return nil, err
	}
	return gs, k.exportProposals(ctx, gs)
}

// addresses lists the members of an address set as bech32 strings.
func (k Keeper) addresses(ctx context.Context, set collections.KeySet[sdk.AccAddress]) ([]string, error) {
	var out []string
	err := set.Walk(ctx, nil, func(a sdk.AccAddress) (bool, error) {
		s, err := k.addressCodec.BytesToString(a)
		out = append(out, s)
		return false, err
	})
	return out, err
}
