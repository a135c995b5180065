package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	consortiumtypes "github.com/medchain/medchain/x/consortium/types"
	"github.com/medchain/medchain/x/records/types"
)

// custodianRoles may hold records.
var custodianRoles = []consortiumtypes.Role{
	consortiumtypes.Role_ROLE_HOSPITAL, consortiumtypes.Role_ROLE_LAB, consortiumtypes.Role_ROLE_PHARMACY,
}

// Custodian returns the active custodian member that signer anchors for,
// with its operator address.
func (k Keeper) Custodian(ctx context.Context, signer sdk.AccAddress) (consortiumtypes.Member, sdk.AccAddress, error) {
	m, err := k.consortium.SignerMember(ctx, signer)
	if err != nil {
		return m, nil, errorsmod.Wrapf(types.ErrNotAllowed, "%s: %v", signer, err)
	}
	for _, r := range custodianRoles {
		if m.HasRole(r) {
			op, err := k.addressCodec.StringToBytes(m.Operator)
			return m, op, err
		}
	}
	return m, nil, errorsmod.Wrapf(types.ErrNotAllowed, "member %q is not a hospital, lab or pharmacy", m.Name)
}

// Anchor stores version 1 of a new record held by the signer's member, and
// makes the patient known (with an auth account) if this is their first
// record. Record ids are unique per custodian: two members may use one id.
func (k Keeper) Anchor(ctx context.Context, signer, patient sdk.AccAddress, v types.RecordVersion) error {
	if err := types.ValidateRecordFields(v.RecordId, v.Category, v.CategoryCommitment, &v.ContentHash, v.Uri); err != nil {
		return err
	}
	if len(patient) == 0 {
		return errorsmod.Wrap(types.ErrInvalidPatient, "patient is required")
	}
	custodian, op, err := k.Custodian(ctx, signer)
	if err != nil {
		return err
	}
	if has, err := k.Latest.Has(ctx, collections.Join(op, v.RecordId)); err != nil {
		return err
	} else if has {
		return errorsmod.Wrapf(types.ErrDuplicateRecord, "%s/%s", custodian.Operator, v.RecordId)
	}
	if err := k.consortium.RegisterPatient(ctx, patient); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidPatient, "%v", err)
	}
	if v.Patient, err = k.addressCodec.BytesToString(patient); err != nil {
		return err
	}
	v.Version, v.Custodian, v.AmendReason, v.NoteHash = 1, custodian.Operator, types.AmendReason_AMEND_REASON_UNSPECIFIED, nil
	if err := k.stamp(ctx, signer, &v); err != nil {
		return err
	}
	if err := k.storeVersion(ctx, op, v); err != nil {
		return err
	}
	if err := k.ByPatient.Set(ctx, collections.Join3(patient, op, v.RecordId)); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecordAnchored{
		Custodian: v.Custodian, RecordId: v.RecordId, Patient: v.Patient, Category: v.Category, ContentHash: &v.ContentHash,
	})
}

// Amend stores a new version of one of the signer's member's records, with
// a reason code and the hash of the note kept off chain.
func (k Keeper) Amend(ctx context.Context, signer sdk.AccAddress, recordID string, hash types.ContentHash, uri string, reason types.AmendReason, noteHash []byte) (uint32, error) {
	if err := types.ValidateRecordID(recordID); err != nil {
		return 0, err
	}
	if err := hash.Validate(); err != nil {
		return 0, err
	}
	if err := types.ValidateURI(uri); err != nil {
		return 0, err
	}
	if err := types.ValidateAmendment(reason, noteHash); err != nil {
		return 0, err
	}
	_, op, err := k.Custodian(ctx, signer)
	if err != nil {
		return 0, err
	}
	latest, err := k.GetVersion(ctx, op, recordID, 0)
	if errors.Is(err, types.ErrRecordNotFound) {
		return 0, errorsmod.Wrapf(types.ErrNotCustodian, "the signer's member holds no record %s", recordID)
	}
	if err != nil {
		return 0, err
	}
	if latest.ContentHash.Algorithm == hash.Algorithm && bytes.Equal(latest.ContentHash.Digest, hash.Digest) {
		return 0, errorsmod.Wrapf(types.ErrUnchanged, "%s version %d", recordID, latest.Version)
	}
	if latest.Version >= types.MaxVersions {
		return 0, errorsmod.Wrapf(types.ErrTooManyVersions, "%s has %d", recordID, latest.Version)
	}
	v := latest
	v.Version, v.ContentHash, v.Uri, v.AmendReason, v.NoteHash = latest.Version+1, hash, uri, reason, noteHash
	if err := k.stamp(ctx, signer, &v); err != nil {
		return 0, err
	}
	if err := k.storeVersion(ctx, op, v); err != nil {
		return 0, err
	}
	return v.Version, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecordAmended{
		Custodian: v.Custodian, RecordId: recordID, Version: v.Version, Patient: v.Patient, ContentHash: &hash, Reason: reason,
	})
}

// GetVersion returns one version of custodian's record; version 0 means the latest.
func (k Keeper) GetVersion(ctx context.Context, custodian sdk.AccAddress, recordID string, version uint32) (types.RecordVersion, error) {
	latest, err := k.Latest.Get(ctx, collections.Join(custodian, recordID))
	if errors.Is(err, collections.ErrNotFound) {
		return types.RecordVersion{}, errorsmod.Wrapf(types.ErrRecordNotFound, "%s/%s", custodian, recordID)
	}
	if err != nil {
		return types.RecordVersion{}, err
	}
	if version == 0 {
		version = latest
	}
	if version > latest {
		return types.RecordVersion{}, errorsmod.Wrapf(types.ErrVersionNotFound, "%s has versions 1..%d", recordID, latest)
	}
	return k.Versions.Get(ctx, collections.Join3(custodian, recordID, version))
}

// GetRecord returns the latest version of a record named by its custodian's
// bech32 address and its id.
func (k Keeper) GetRecord(ctx context.Context, ref types.RecordRef) (types.RecordVersion, error) {
	custodian, err := k.addressCodec.StringToBytes(ref.Custodian)
	if err != nil {
		return types.RecordVersion{}, errorsmod.Wrapf(types.ErrInvalidAddress, "custodian %q: %v", ref.Custodian, err)
	}
	return k.GetVersion(ctx, custodian, ref.RecordId, 0)
}

// stamp sets who anchored v, and when.
func (k Keeper) stamp(ctx context.Context, signer sdk.AccAddress, v *types.RecordVersion) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	by, err := k.addressCodec.BytesToString(signer)
	v.AnchoredBy, v.AnchoredAt, v.Height = by, sdkCtx.BlockTime(), sdkCtx.BlockHeight()
	return err
}

func (k Keeper) storeVersion(ctx context.Context, custodian sdk.AccAddress, v types.RecordVersion) error {
	if err := k.Versions.Set(ctx, collections.Join3(custodian, v.RecordId, v.Version), v); err != nil {
		return err
	}
	if err := k.Latest.Set(ctx, collections.Join(custodian, v.RecordId), v.Version); err != nil {
		return err
	}
	return k.ByHash.Set(ctx, collections.Join3(v.ContentHash.Key(), custodian, versionRef(v.RecordId, v.Version)))
}

// versionRef names a version of a record in the hash index: "record-id/version".
func versionRef(recordID string, version uint32) string {
	return fmt.Sprintf("%s/%d", recordID, version)
}

func parseVersionRef(ref string) (string, uint32, error) {
	i := strings.LastIndexByte(ref, '/')
	if i < 0 {
		return "", 0, fmt.Errorf("malformed version reference %q", ref)
	}
	v, err := strconv.ParseUint(ref[i+1:], 10, 32)
	return ref[:i], uint32(v), err
}
