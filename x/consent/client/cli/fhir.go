package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Code systems of the FHIR R4 Consent mapping.
const (
	SystemAddress   = "urn:medchain:address"  // pseudonymous chain accounts (patients, grantees)
	SystemGrant     = "urn:medchain:grant"    // consent grant ids
	SystemRecord    = "urn:medchain:record"   // anchored record ids
	SystemCategory  = "urn:medchain:category" // record categories
	systemScope     = "http://terminology.hl7.org/CodeSystem/consentscope"
	systemLOINC     = "http://loinc.org"
	systemActCode   = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	systemActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
	systemPartType  = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
)

func ptr[T any](v T) *T { return &v }

func coding(system, code string) fhir.Coding {
	return fhir.Coding{System: ptr(system), Code: ptr(code)}
}

func concept(system, code, text string) fhir.CodeableConcept {
	return fhir.CodeableConcept{Coding: []fhir.Coding{coding(system, code)}, Text: ptr(text)}
}

func addressRef(addr string) fhir.Reference {
	return fhir.Reference{Identifier: &fhir.Identifier{System: ptr(SystemAddress), Value: ptr(addr)}}
}

// PurposeCode is the HL7 v3 PurposeOfUse code of p: TREAT, ETREAT, ….
func PurposeCode(p types.Purpose) string { return strings.TrimPrefix(p.String(), "PURPOSE_") }

// CategoryCode is the short name of a record category: lab, mental_health, ….
func CategoryCode(c recordstypes.Category) string {
	return strings.ToLower(strings.TrimPrefix(c.String(), "CATEGORY_"))
}

// ToFHIR maps a grant to a FHIR R4 Consent: status, patient, dateTime, and a
// permit provision with period, actor (the grantee as information recipient),
// class (categories), data (record ids) and purpose (HL7 v3 PurposeOfUse).
func ToFHIR(g types.Grant) fhir.Consent {
	status := fhir.ConsentStateInactive // revoked or expired
	if g.Status == types.GrantStatus_GRANT_STATUS_ACTIVE {
		status = fhir.ConsentStateActive
	}
	p := &fhir.ConsentProvision{
		Type:   ptr(fhir.ConsentProvisionTypePermit),
		Period: &fhir.Period{Start: ptr(g.CreatedAt.UTC().Format(time.RFC3339)), End: ptr(g.ExpiresAt.UTC().Format(time.RFC3339))},
		Actor: []fhir.ConsentProvisionActor{{
			Role:      concept(systemPartType, "IRCP", "information recipient"),
			Reference: addressRef(g.Grantee),
		}},
	}
	for _, c := range g.Categories {
		p.Class = append(p.Class, coding(SystemCategory, CategoryCode(c)))
	}
	for _, id := range g.RecordIds {
		p.Data = append(p.Data, fhir.ConsentProvisionData{
			Meaning:   fhir.ConsentDataMeaningInstance,
			Reference: fhir.Reference{Identifier: &fhir.Identifier{System: ptr(SystemRecord), Value: ptr(id)}},
		})
	}
	for _, pu := range g.Purposes {
		p.Purpose = append(p.Purpose, coding(systemActReason, PurposeCode(pu)))
	}
	if g.EndedAt != nil && g.EndedAt.Before(g.ExpiresAt) {
		p.Period.End = ptr(g.EndedAt.UTC().Format(time.RFC3339)) // revoked early
	}
	return fhir.Consent{
		Id:         ptr(fmt.Sprintf("medchain-grant-%d", g.Id)),
		Identifier: []fhir.Identifier{{System: ptr(SystemGrant), Value: ptr(fmt.Sprint(g.Id))}},
		Status:     status,
		Scope:      concept(systemScope, "patient-privacy", "Privacy Consent"),
		Category:   []fhir.CodeableConcept{concept(systemLOINC, "59284-0", "Patient Consent")},
		Patient:    ptr(addressRef(g.Patient)),
		DateTime:   ptr(g.CreatedAt.UTC().Format(time.RFC3339)),
		PolicyRule: ptr(concept(systemActCode, "OPTIN", "opt-in")),
		Provision:  p,
	}
}

// Bundle wraps consents in a FHIR R4 collection Bundle.
func Bundle(consents []fhir.Consent) (fhir.Bundle, error) {
	b := fhir.Bundle{Type: fhir.BundleTypeCollection, Total: ptr(len(consents))}
	for _, c := range consents {
		raw, err := c.MarshalJSON()
		if err != nil {
			return b, err
		}
		b.Entry = append(b.Entry, fhir.BundleEntry{Resource: json.RawMessage(raw)})
	}
	return b, nil
}
