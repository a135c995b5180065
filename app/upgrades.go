package app

import (
	"context"
	"fmt"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
)

// Upgrade is what a new binary does at a software upgrade the consortium
// scheduled by proposal (x/upgrade MsgSoftwareUpgrade): at the plan's
// height every node halts with "UPGRADE NEEDED"; restarted on the binary
// that knows the plan's name, it runs the modules' store migrations and
// Migrate, and goes on.
type Upgrade struct {
	// Name is the plan name the proposal schedules.
	Name string
	// StoreUpgrades adds, renames or deletes module stores at the upgrade height.
	StoreUpgrades storetypes.StoreUpgrades
	// Migrate runs after the modules' own migrations (optional).
	Migrate func(ctx context.Context, app *App) error
}

// Upgrades are the upgrades this binary carries, oldest first.
var Upgrades []Upgrade

// registerUpgrades installs a handler for every known upgrade and, when the
// node restarts at an upgrade height, the store loader for its store changes.
// An app without a home (the CLI's) has no upgrade to read from disk.
func (app *App) registerUpgrades(configurator module.Configurator, home string) error {
	for _, u := range Upgrades {
		app.UpgradeKeeper.SetUpgradeHandler(u.Name, func(ctx context.Context, _ upgradetypes.Plan, from module.VersionMap) (module.VersionMap, error) {
			to, err := app.ModuleManager.RunMigrations(ctx, configurator, from)
			if err != nil {
				return nil, fmt.Errorf("upgrade %s: %w", u.Name, err)
			}
			if u.Migrate != nil {
				if err := u.Migrate(ctx, app); err != nil {
					return nil, fmt.Errorf("upgrade %s: %w", u.Name, err)
				}
			}
			return to, nil
		})
	}
	if home == "" {
		return nil
	}
	info, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		return err
	}
	if info.Name == "" || app.UpgradeKeeper.IsSkipHeight(info.Height) {
		return nil
	}
	for i := range Upgrades {
		if Upgrades[i].Name == info.Name {
			app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(info.Height, &Upgrades[i].StoreUpgrades))
		}
	}
	return nil
}
