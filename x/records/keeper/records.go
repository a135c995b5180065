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

// Custodian returns the active custodian member that signer anchors for.
func (k Keeper) Custodian(ctx context.Context, signer sdk.AccAddress) (consortiumtypes.Member, error) {
	m, err := k.consortium.SignerMember(ctx, signer)
	if err != nil {
		return m, errorsmod.Wrapf(types.ErrNotAllowed, "%s: %v", signer, err)
	}
	for _, r := range custodianRoles {
		if m.HasRole(r) {
			return m, nil
		}
	}
	return m, errorsmod.Wrapf(types.ErrNotAllowed, "member %q is not a hospital, lab or pharmacy", m.Name)
}

// Anchor stores version 1 of a new record held by the signer's member, and
// makes the patient known (with an auth account) if this is their first record.
func (k Keeper) Anchor(ctx context.Context, signer, patient sdk.AccAddress, recordID string, category types.Category, hash types.ContentHash, uri string) error {
	if err := types.ValidateRecordFields(recordID, category, &hash, uri); err != nil {
		return err
	}
	if len(patient) == 0 {
		return errorsmod.Wrap(types.ErrInvalidPatient, "patient is required")
	}
	custodian, err := k.Custodian(ctx, signer)
	if err != nil {
		return err
	}
	if ok, err := k.consortium.IsAllowedSigner(ctx, patient); err != nil {
		return err
	} else if ok {
		return errorsmod.Wrapf(types.ErrInvalidPatient, "%s is a member operator or agent", patient)
	}
	if has, err := k.Latest.Has(ctx, recordID); err != nil {
		return err
	} else if has {
		return errorsmod.Wrapf(types.ErrDuplicateRecord, "%s", recordID)
	}
	patientStr, err := k.addressCodec.BytesToString(patient)
	if err != nil {
		return err
	}
	v := k.newVersion(ctx, signer, recordID, 1, hash, uri, "")
	v.Patient, v.Custodian, v.Category = patientStr, custodian.Operator, category
	if err := k.storeVersion(ctx, v); err != nil {
		return err
	}
	custodianAddr, err := k.addressCodec.StringToBytes(custodian.Operator)
	if err != nil {
		return err
	}
	if err := k.ByPatient.Set(ctx, collections.Join(patient, recordID)); err != nil {
		return err
	}
	if err := k.ByCustodian.Set(ctx, collections.Join(sdk.AccAddress(custodianAddr), recordID)); err != nil {
		return err
	}
	if err := k.makeKnown(ctx, patient, patientStr); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecordAnchored{
		RecordId: recordID, Patient: patientStr, Custodian: custodian.Operator, Category: category, ContentHash: &hash,
	})
}

// Amend stores a new version of a record held by the signer's member.
func (k Keeper) Amend(ctx context.Context, signer sdk.AccAddress, recordID string, hash types.ContentHash, uri, reason string) (uint32, error) {
	if err := types.ValidateRecordID(recordID); err != nil {
		return 0, err
	}
	if err := hash.Validate(); err != nil {
		return 0, err
	}
	if err := types.ValidateURI(uri); err != nil {
		return 0, err
	}
	if err := types.ValidateReason(reason); err != nil {
		return 0, err
	}
	custodian, err := k.Custodian(ctx, signer)
	if err != nil {
		return 0, err
	}
	latest, err := k.GetVersion(ctx, recordID, 0)
	if err != nil {
		return 0, err
	}
	if latest.Custodian != custodian.Operator {
		return 0, errorsmod.Wrapf(types.ErrNotCustodian, "%s is held by %s", recordID, latest.Custodian)
	}
	if latest.ContentHash.Algorithm == hash.Algorithm && bytes.Equal(latest.ContentHash.Digest, hash.Digest) {
		return 0, errorsmod.Wrapf(types.ErrUnchanged, "%s version %d", recordID, latest.Version)
	}
	if latest.Version >= types.MaxVersions {
		return 0, errorsmod.Wrapf(types.ErrTooManyVersions, "%s has %d", recordID, latest.Version)
	}
	v := k.newVersion(ctx, signer, recordID, latest.Version+1, hash, uri, reason)
	v.Patient, v.Custodian, v.Category = latest.Patient, latest.Custodian, latest.Category
	if err := k.storeVersion(ctx, v); err != nil {
		return 0, err
	}
	return v.Version, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventRecordAmended{
		RecordId: recordID, Version: v.Version, Custodian: v.Custodian, ContentHash: &hash, Reason: reason,
	})
}

// GetVersion returns one version of a record; version 0 means the latest.
func (k Keeper) GetVersion(ctx context.Context, recordID string, version uint32) (types.RecordVersion, error) {
	latest, err := k.Latest.Get(ctx, recordID)
	if errors.Is(err, collections.ErrNotFound) {
		return types.RecordVersion{}, errorsmod.Wrapf(types.ErrRecordNotFound, "%s", recordID)
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
	return k.Versions.Get(ctx, collections.Join(recordID, version))
}

// IsAllowedSigner admits known patients to the signer allowlist.
func (k Keeper) IsAllowedSigner(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	return k.KnownPatients.Has(ctx, addr)
}

func (k Keeper) newVersion(ctx context.Context, signer sdk.AccAddress, recordID string, version uint32, hash types.ContentHash, uri, reason string) types.RecordVersion {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	by, _ := k.addressCodec.BytesToString(signer)
	return types.RecordVersion{
		RecordId: recordID, Version: version, ContentHash: hash, Uri: uri, Reason: reason,
		AnchoredBy: by, AnchoredAt: sdkCtx.BlockTime(), Height: sdkCtx.BlockHeight(),
	}
}

func (k Keeper) storeVersion(ctx context.Context, v types.RecordVersion) error {
	if err := k.Versions.Set(ctx, collections.Join(v.RecordId, v.Version), v); err != nil {
		return err
	}
	if err := k.Latest.Set(ctx, v.RecordId, v.Version); err != nil {
		return err
	}
	return k.ByHash.Set(ctx, collections.Join(v.ContentHash.Key(), versionRef(v.RecordId, v.Version)))
}

func (k Keeper) makeKnown(ctx context.Context, patient sdk.AccAddress, patientStr string) error {
	known, err := k.KnownPatients.Has(ctx, patient)
	if err != nil || known {
		return err
	}
	if err := k.KnownPatients.Set(ctx, patient); err != nil {
		return err
	}
	k.consortium.EnsureAccount(ctx, patient)
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPatientKnown{Patient: patientStr})
}

// versionRef is "record-id/0000000001": record ids never contain '/', and
// the fixed width keeps versions in order.
func versionRef(recordID string, version uint32) string {
	return fmt.Sprintf("%s/%010d", recordID, version)
}

func parseVersionRef(ref string) (string, uint32, error) {
	i := strings.LastIndexByte(ref, '/')
	if i < 0 {
		return "", 0, fmt.Errorf("bad version reference %q", ref)
	}
	v, err := strconv.ParseUint(ref[i+1:], 10, 32)
	return ref[:i], uint32(v), err
}
