// Command medchaind runs a medchain node and is its command-line client.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/medchain/medchain/cmd/medchaind/cmd"
)

func main() {
	if err := svrcmd.Execute(cmd.NewRootCmd(), "MEDCHAIN", cmd.DefaultNodeHome); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
