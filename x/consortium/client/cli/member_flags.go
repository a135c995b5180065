package cli

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/consortium/types"
)

// Flags that describe a member, for genesis add-member and the admit-member
// and update-member proposals: its roles, its nodes, and its consensus key
// (see ReadPubKey).
const (
	flagRoles      = "roles"
	flagNodeID     = "node-id"
	flagPubKeyFile = "pubkey-file"
	flagPubKey     = "pubkey"
)

// addMemberFlags adds the required --roles, --node-id and the consensus key
// (--pubkey-file or --pubkey).
func addMemberFlags(cmd *cobra.Command) {
	cmd.Flags().StringSlice(flagRoles, nil, "Roles: hospital, lab, pharmacy, insurer, regulator, emergency (comma-separated)")
	cmd.Flags().StringSlice(flagNodeID, nil, "CometBFT node IDs of the member's nodes (comma-separated)")
	cmd.Flags().String(flagPubKeyFile, "", "priv_validator_key.json whose public key becomes the member's consensus key")
	cmd.Flags().String(flagPubKey, "", "Base64 ed25519 consensus public key (instead of --pubkey-file)")
	_ = cmd.MarkFlagRequired(flagRoles)
}

// memberFromFlags is a member with operator and the command's roles, node
// IDs and consensus key.
func memberFromFlags(cmd *cobra.Command, name, operator string) (types.Member, error) {
	roleNames, _ := cmd.Flags().GetStringSlice(flagRoles)
	roles, err := types.ParseRoles(strings.Join(roleNames, ","))
	if err != nil {
		return types.Member{}, err
	}
	nodeIDs, _ := cmd.Flags().GetStringSlice(flagNodeID)
	pubkey, err := ReadPubKey(cmd)
	if err != nil {
		return types.Member{}, err
	}
	return types.Member{Operator: operator, Name: name, Roles: roles, ConsensusPubkey: pubkey, NodeIds: nodeIDs,
		Status: types.MemberStatus_MEMBER_STATUS_ACTIVE}, nil
}

// privValidatorKey is the part of CometBFT's priv_validator_key.json we read.
type privValidatorKey struct {
	PubKey struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"pub_key"`
}

// ReadPubKey returns the consensus key given by --pubkey-file or --pubkey, or nil.
func ReadPubKey(cmd *cobra.Command) ([]byte, error) {
	file, _ := cmd.Flags().GetString(flagPubKeyFile)
	b64, _ := cmd.Flags().GetString(flagPubKey)
	if file != "" && b64 != "" {
		return nil, fmt.Errorf("give --%s or --%s, not both", flagPubKeyFile, flagPubKey)
	}
	if file != "" {
		bz, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var k privValidatorKey
		if err := json.Unmarshal(bz, &k); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if k.PubKey.Type != "tendermint/PubKeyEd25519" {
			return nil, errorsmod.Wrapf(types.ErrInvalidPubKey, "%s holds a %q key; medchain validators use ed25519", file, k.PubKey.Type)
		}
		b64 = k.PubKey.Value
	}
	if b64 == "" {
		return nil, nil
	}
	pk, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(pk) != ed25519.PublicKeySize {
		return nil, errorsmod.Wrapf(types.ErrInvalidPubKey, "want base64 of %d bytes", ed25519.PublicKeySize)
	}
	return pk, nil
}
