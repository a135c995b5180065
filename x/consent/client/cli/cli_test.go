package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/fhirmap"
	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"7d": 7 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "12h": 12 * time.Hour, "1h30m": 90 * time.Minute,
	} {
		got, err := ParseDuration(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "0d", "-1h", "7x", "d"} {
		_, err := ParseDuration(bad)
		require.Error(t, err, bad)
	}
}

func TestGrantFlags(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cmd := GrantCmd()
	idA, idB := strings.Repeat("a", 32), "0f8fad5b-d9cb-469f-a165-70867728950e"
	require.NoError(t, cmd.ParseFlags([]string{"--categories", "lab,vital-signs", "--purposes", "treat,HRESCH", "--for", "7d",
		"--records", "med1hospital/" + idA + ",med1lab/" + idB}))
	msg, err := grantMsg(cmd, "med1patient", "med1doctor", now)
	require.NoError(t, err)
	require.Equal(t, []recordstypes.Category{recordstypes.Category_CATEGORY_LAB, recordstypes.Category_CATEGORY_VITAL_SIGNS}, msg.Categories)
	require.Equal(t, []types.Purpose{types.Purpose_PURPOSE_TREAT, types.Purpose_PURPOSE_HRESCH}, msg.Purposes)
	require.Equal(t, []recordstypes.RecordRef{{Custodian: "med1hospital", RecordId: idA}, {Custodian: "med1lab", RecordId: idB}}, msg.Records)
	require.Equal(t, now.Add(7*24*time.Hour), msg.ExpiresAt)

	for _, args := range [][]string{
		{"--purposes", "treat"}, // no end
		{"--purposes", "treat", "--for", "7d", "--until", "2027-01-01T00:00:00Z"}, // both ends
		{"--purposes", "shopping", "--for", "7d"},                                 // unknown purpose
		{"--categories", "x-ray", "--purposes", "treat", "--for", "1d"},           // unknown category
		{"--records", "lab-42", "--purposes", "treat", "--for", "1d"},             // no custodian
		{"--records", "med1h/lab-42", "--purposes", "treat", "--for", "1d"},       // a readable id
	} {
		cmd := GrantCmd()
		require.NoError(t, cmd.ParseFlags(args))
		_, err := grantMsg(cmd, "p", "g", now)
		require.Error(t, err, args)
	}
}

func TestConsentToFHIR(t *testing.T) {
	created := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	revoked := created.Add(48 * time.Hour)
	g := types.Grant{
		Id: 12, Patient: "med1patient", Grantee: "med1doctor",
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB},
		Records:    []recordstypes.RecordRef{{Custodian: "med1hospital", RecordId: "0f8fad5b-d9cb-469f-a165-70867728950e"}},
		Purposes:   []types.Purpose{types.Purpose_PURPOSE_TREAT},
		CreatedAt:  created, ExpiresAt: created.Add(7 * 24 * time.Hour), Status: types.GrantStatus_GRANT_STATUS_ACTIVE,
	}
	bz, err := json.Marshal(ToFHIR(g))
	require.NoError(t, err)
	c, err := fhir.UnmarshalConsent(bz)
	require.NoError(t, err)
	require.Contains(t, string(bz), `"resourceType":"Consent"`)
	require.Equal(t, fhir.ConsentStateActive, c.Status)
	require.Equal(t, "med1patient", *c.Patient.Identifier.Value)
	require.Equal(t, "2026-03-01T12:00:00Z", *c.DateTime)
	p := c.Provision
	require.Equal(t, fhir.ConsentProvisionTypePermit, *p.Type)
	require.Equal(t, "2026-03-08T12:00:00Z", *p.Period.End)
	require.Equal(t, "med1doctor", *p.Actor[0].Reference.Identifier.Value)
	require.Equal(t, "IRCP", *p.Actor[0].Role.Coding[0].Code)
	require.Equal(t, "lab", *p.Class[0].Code)
	require.Equal(t, "med1hospital/0f8fad5b-d9cb-469f-a165-70867728950e", *p.Data[0].Reference.Identifier.Value)
	require.Equal(t, "TREAT", *p.Purpose[0].Code)
	require.Equal(t, "http://terminology.hl7.org/CodeSystem/v3-ActReason", *p.Purpose[0].System)

	// Revoked: inactive, and the period ends when it was revoked.
	g.Status, g.EndedAt = types.GrantStatus_GRANT_STATUS_REVOKED, &revoked
	c = ToFHIR(g)
	require.Equal(t, fhir.ConsentStateInactive, c.Status)
	require.Equal(t, "2026-03-03T12:00:00Z", *c.Provision.Period.End)

	b, err := fhirmap.Collection([]fhir.Consent{c, ToFHIR(g)})
	require.NoError(t, err)
	raw, err := json.Marshal(b)
	require.NoError(t, err)
	back, err := fhir.UnmarshalBundle(raw)
	require.NoError(t, err)
	require.Len(t, back.Entry, 2)
}

// A request is a Consent whose status follows the request's: proposed,
// active, rejected, inactive; its actor is the requester and its period the
// asked duration.
func TestRequestToFHIR(t *testing.T) {
	created := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	r := types.ConsentRequest{
		Id: 4, Patient: "med1patient", Requester: "med1doctor", RequesterMember: "med1hospital",
		Categories: []recordstypes.Category{recordstypes.Category_CATEGORY_LAB}, Purposes: []types.Purpose{types.Purpose_PURPOSE_TREAT},
		Duration: 48 * time.Hour, NoteCode: types.RequestReason_REQUEST_REASON_REFERRAL, CreatedAt: created,
		ExpiresAt: created.Add(7 * 24 * time.Hour), Status: types.RequestStatus_REQUEST_STATUS_PENDING,
	}
	for status, want := range map[types.RequestStatus]fhir.ConsentState{
		types.RequestStatus_REQUEST_STATUS_PENDING:   fhir.ConsentStateProposed,
		types.RequestStatus_REQUEST_STATUS_APPROVED:  fhir.ConsentStateActive,
		types.RequestStatus_REQUEST_STATUS_DECLINED:  fhir.ConsentStateRejected,
		types.RequestStatus_REQUEST_STATUS_EXPIRED:   fhir.ConsentStateInactive,
		types.RequestStatus_REQUEST_STATUS_WITHDRAWN: fhir.ConsentStateInactive,
	} {
		r.Status = status
		bz, err := json.Marshal(RequestToFHIR(r))
		require.NoError(t, err)
		c, err := fhir.UnmarshalConsent(bz)
		require.NoError(t, err, string(bz))
		require.Equal(t, want, c.Status, status)
		require.Equal(t, "medchain-request-4", *c.Id)
		require.Equal(t, "urn:medchain:consent-request", *c.Identifier[0].System)
		require.Equal(t, "med1doctor", *c.Provision.Actor[0].Reference.Identifier.Value)
		require.Equal(t, "2026-03-03T12:00:00Z", *c.Provision.Period.End)
		require.Equal(t, "lab", *c.Provision.Class[0].Code)
		require.Equal(t, "TREAT", *c.Provision.Purpose[0].Code)
	}
}
