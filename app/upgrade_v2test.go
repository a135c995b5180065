//go:build testupgrade

package app

import "context"

// TestUpgradeName is the plan of the test upgrade that binaries built with
// the testupgrade tag carry: the end-to-end upgrade test halts the chain at
// it and restarts every node on such a binary.
const TestUpgradeName = "v2-test"

func init() {
	Upgrades = append(Upgrades, Upgrade{
		Name: TestUpgradeName,
		// The test upgrade raises proposal_end_limit by one, so a test sees
		// that the handler ran, on every node alike.
		Migrate: func(ctx context.Context, app *App) error {
			p, err := app.ConsortiumKeeper.Params.Get(ctx)
			if err != nil {
				return err
			}
			p.ProposalEndLimit++
			return app.ConsortiumKeeper.Params.Set(ctx, p)
		},
	})
}
