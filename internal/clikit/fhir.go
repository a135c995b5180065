package clikit

import (
	"io"

	"github.com/medchain/medchain/internal/fhirmap"
)

// PrintFHIR writes items, each mapped to its FHIR resource by toFHIR, to w
// as one FHIR collection Bundle (see PrintJSON).
func PrintFHIR[T any, R interface{ MarshalJSON() ([]byte, error) }](w io.Writer, items []T, toFHIR func(T) R) error {
	resources := make([]R, len(items))
	for i, it := range items {
		resources[i] = toFHIR(it)
	}
	bundle, err := fhirmap.Collection(resources)
	if err != nil {
		return err
	}
	return PrintJSON(w, bundle)
}
