package fhirmap_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/fhirmap"
)

func TestConstructors(t *testing.T) {
	p := fhirmap.Ptr(3)
	*p = 4
	require.Equal(t, 4, *fhirmap.Ptr(4), "each call gives a new pointer")

	c := fhirmap.Concept(fhirmap.SystemActReason, "TREAT", "treatment")
	require.Equal(t, "TREAT", *c.Coding[0].Code)
	require.Equal(t, fhirmap.SystemActReason, *c.Coding[0].System)
	require.Equal(t, "treatment", *c.Text)

	d := fhirmap.DisplayCoding(fhirmap.SystemCategory, "lab", "Laboratory")
	require.Equal(t, "Laboratory", *d.Display)
	require.Equal(t, "lab", *d.Code)

	r := fhirmap.AddressRef("med1patient")
	require.Equal(t, fhirmap.SystemAddress, *r.Identifier.System)
	require.Equal(t, "med1patient", *r.Identifier.Value)
	require.Nil(t, r.Reference, "chain accounts are referenced by identifier, never by a resolvable URL")
}

// A collection Bundle that a FHIR library reads back, with its total.
func TestCollection(t *testing.T) {
	consents := []fhir.Consent{
		{Status: fhir.ConsentStateActive, Patient: fhirmap.Ptr(fhirmap.AddressRef("med1a"))},
		{Status: fhir.ConsentStateInactive, Patient: fhirmap.Ptr(fhirmap.AddressRef("med1b"))},
	}
	b, err := fhirmap.Collection(consents)
	require.NoError(t, err)
	bz, err := json.Marshal(b)
	require.NoError(t, err)
	back, err := fhir.UnmarshalBundle(bz)
	require.NoError(t, err)
	require.Equal(t, fhir.BundleTypeCollection, back.Type)
	require.Equal(t, 2, *back.Total)
	second, err := fhir.UnmarshalConsent(back.Entry[1].Resource)
	require.NoError(t, err)
	require.Equal(t, "med1b", *second.Patient.Identifier.Value)

	empty, err := fhirmap.Collection([]fhir.Consent{})
	require.NoError(t, err)
	require.Zero(t, *empty.Total)
	require.Empty(t, empty.Entry)

	_, err = fhirmap.Collection([]unmarshalable{{}})
	require.ErrorContains(t, err, "cannot encode")
}

type unmarshalable struct{}

func (unmarshalable) MarshalJSON() ([]byte, error) { return nil, errors.New("cannot encode") }
