// Package fhirmap holds what medchain's FHIR R4 exports share: code systems
// for chain identifiers and small constructors.
package fhirmap

import "github.com/samply/golang-fhir-models/fhir-models/fhir"

// Identifier systems for chain values.
const (
	SystemAddress  = "urn:medchain:address"         // pseudonymous chain accounts (patients, members, agents)
	SystemGrant    = "urn:medchain:grant"           // consent grant ids
	SystemRequest  = "urn:medchain:consent-request" // consent request ids
	SystemRecord   = "urn:medchain:record"          // anchored record ids
	SystemCategory = "urn:medchain:category"        // record categories
	SystemEvent    = "urn:medchain:audit"           // access event ids
	// SystemActReason holds HL7 v3 PurposeOfUse codes.
	SystemActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
)

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }

// Coding is a code of a system.
func Coding(system, code string) fhir.Coding {
	return fhir.Coding{System: Ptr(system), Code: Ptr(code)}
}

// DisplayCoding is a code of a system with its display text.
func DisplayCoding(system, code, display string) fhir.Coding {
	c := Coding(system, code)
	c.Display = Ptr(display)
	return c
}

// Concept is a one-coding CodeableConcept with text.
func Concept(system, code, text string) fhir.CodeableConcept {
	return fhir.CodeableConcept{Coding: []fhir.Coding{Coding(system, code)}, Text: Ptr(text)}
}

// Ref is a reference by identifier.
func Ref(system, value string) fhir.Reference {
	return fhir.Reference{Identifier: &fhir.Identifier{System: Ptr(system), Value: Ptr(value)}}
}

// AddressRef is a reference to a chain account.
func AddressRef(addr string) fhir.Reference { return Ref(SystemAddress, addr) }

// Collection wraps resources in a FHIR R4 collection Bundle.
func Collection[R interface{ MarshalJSON() ([]byte, error) }](resources []R) (fhir.Bundle, error) {
	b := fhir.Bundle{Type: fhir.BundleTypeCollection, Total: Ptr(len(resources))}
	for _, r := range resources {
		raw, err := r.MarshalJSON()
		if err != nil {
			return b, err
		}
		b.Entry = append(b.Entry, fhir.BundleEntry{Resource: raw})
	}
	return b, nil
}
