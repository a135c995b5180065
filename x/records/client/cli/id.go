package cli

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/records/types"
)

// KeySize is the size of a custodian's record-id key.
const KeySize = 32

// RecordID is the opaque on-chain id of a custodian's local record id (a
// FHIR id such as Observation/123): HMAC-SHA256 under the custodian's own
// key, 32 hex digits. Without the key, nobody can tell which local record it
// names, or guess ids; the custodian recomputes it whenever it needs to.
func RecordID(key []byte, localID string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(localID))
	return hex.EncodeToString(mac.Sum(nil)[:16])
}

// readKey reads a hex key file; with create, it makes a new random key
// (mode 0600) if the file does not exist yet.
func readKey(path string, create bool) ([]byte, error) {
	bz, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && create {
		key := make([]byte, KeySize)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		return key, os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600)
	}
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(bz)))
	if err != nil || len(key) < KeySize {
		return nil, fmt.Errorf("%s must hold at least %d bytes of hex", path, KeySize)
	}
	return key, nil
}

// IDCmd is `medchaind records id LOCAL_ID --key-file F`.
func IDCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "id LOCAL_ID --key-file KEY [--new-key]",
		Short: "Derive a record's opaque on-chain id from your local id with your key",
		Long: `Derive the opaque id a record is anchored under from the custodian's own id for
it (a FHIR id such as Observation/123): HMAC-SHA256 with the custodian's secret
key, 32 hex digits. The chain refuses ids a person could read; keep the key with
your record system (--new-key creates it).`,
		Example:      `  medchaind records id Observation/lab-42 --key-file record-id.key --new-key`,
		SilenceUsage: true,
		Args:         cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, _ := cmd.Flags().GetString(flagKeyFile)
			create, _ := cmd.Flags().GetBool(flagNewKey)
			key, err := readKey(path, create)
			if err != nil {
				return err
			}
			id := RecordID(key, args[0])
			if err := types.ValidateRecordID(id); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), id)
			return nil
		},
	}
	cmd.Flags().String(flagKeyFile, "", "File holding the custodian's record-id key (hex)")
	cmd.Flags().Bool(flagNewKey, false, "Create the key file with a new random key if it does not exist")
	_ = cmd.MarkFlagRequired(flagKeyFile)
	return cmd
}
