package clikit_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"
	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/clikit"
)

// badResource is a FHIR resource that cannot be written.
type badResource struct{}

func (badResource) MarshalJSON() ([]byte, error) { return nil, errors.New("no status") }

func consentOf(id string) fhir.Consent {
	return fhir.Consent{Id: &id, Status: fhir.ConsentStateActive}
}

// PrintFHIR maps every item, in order, into one collection Bundle whose
// total counts them.
func TestPrintFHIR(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, clikit.PrintFHIR(&out, []string{"g-1", "g-2"}, consentOf))
	var bundle struct {
		ResourceType string `json:"resourceType"`
		Type         string `json:"type"`
		Total        int    `json:"total"`
		Entry        []struct {
			Resource struct {
				ResourceType string `json:"resourceType"`
				ID           string `json:"id"`
				Status       string `json:"status"`
			} `json:"resource"`
		} `json:"entry"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &bundle), out.String())
	require.Equal(t, "Bundle", bundle.ResourceType)
	require.Equal(t, "collection", bundle.Type)
	require.Equal(t, 2, bundle.Total)
	require.Len(t, bundle.Entry, 2)
	for i, id := range []string{"g-1", "g-2"} {
		require.Equal(t, "Consent", bundle.Entry[i].Resource.ResourceType)
		require.Equal(t, id, bundle.Entry[i].Resource.ID)
		require.Equal(t, "active", bundle.Entry[i].Resource.Status)
	}
	require.Contains(t, out.String(), "\n  \"resourceType\": \"Bundle\"", "indented like every other export")
	require.Equal(t, byte('\n'), out.Bytes()[out.Len()-1])
}

// No item is an empty Bundle of total 0, still a Bundle.
func TestPrintFHIREmpty(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, clikit.PrintFHIR(&out, nil, consentOf))
	var bundle map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &bundle), out.String())
	require.Equal(t, "Bundle", bundle["resourceType"])
	require.EqualValues(t, 0, bundle["total"])
	require.Nil(t, bundle["entry"])
}

// A resource that cannot be written fails the whole Bundle: nothing half
// written reaches the output.
func TestPrintFHIRFailingResource(t *testing.T) {
	var out bytes.Buffer
	err := clikit.PrintFHIR(&out, []int{1, 2}, func(int) badResource { return badResource{} })
	require.EqualError(t, err, "no status")
	require.Empty(t, out.String())
}
