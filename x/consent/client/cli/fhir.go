package cli

import (
	"fmt"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"github.com/medchain/medchain/internal/fhirmap"
	"github.com/medchain/medchain/x/consent/types"
)

// Code systems of the FHIR R4 Consent mapping, beyond fhirmap's.
const (
	systemScope    = "http://terminology.hl7.org/CodeSystem/consentscope"
	systemLOINC    = "http://loinc.org"
	systemActCode  = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	systemPartType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
)

// ToFHIR maps a grant to a FHIR R4 Consent: status, patient, dateTime, and a
// permit provision with period, actor (the grantee as information recipient),
// class (categories), data (record ids) and purpose (HL7 v3 PurposeOfUse).
func ToFHIR(g types.Grant) fhir.Consent {
	status := fhir.ConsentStateInactive // revoked or expired
	if g.Status == types.GrantStatus_GRANT_STATUS_ACTIVE {
		status = fhir.ConsentStateActive
	}
	p := &fhir.ConsentProvision{
		Type:   fhirmap.Ptr(fhir.ConsentProvisionTypePermit),
		Period: &fhir.Period{Start: fhirmap.Ptr(g.CreatedAt.UTC().Format(time.RFC3339)), End: fhirmap.Ptr(g.ExpiresAt.UTC().Format(time.RFC3339))},
		Actor: []fhir.ConsentProvisionActor{{
			Role:      fhirmap.Concept(systemPartType, "IRCP", "information recipient"),
			Reference: fhirmap.AddressRef(g.Grantee),
		}},
	}
	for _, c := range g.Categories {
		p.Class = append(p.Class, fhirmap.Coding(fhirmap.SystemCategory, c.Code()))
	}
	for _, r := range g.Records {
		p.Data = append(p.Data, fhir.ConsentProvisionData{
			Meaning:   fhir.ConsentDataMeaningInstance,
			Reference: fhirmap.Ref(fhirmap.SystemRecord, r.Key()),
		})
	}
	for _, pu := range g.Purposes {
		p.Purpose = append(p.Purpose, fhirmap.Coding(fhirmap.SystemActReason, pu.Code()))
	}
	if g.EndedAt != nil && g.EndedAt.Before(g.ExpiresAt) {
		p.Period.End = fhirmap.Ptr(g.EndedAt.UTC().Format(time.RFC3339)) // revoked early
	}
	return fhir.Consent{
		Id:         fhirmap.Ptr(fmt.Sprintf("medchain-grant-%d", g.Id)),
		Identifier: []fhir.Identifier{{System: fhirmap.Ptr(fhirmap.SystemGrant), Value: fhirmap.Ptr(fmt.Sprint(g.Id))}},
		Status:     status,
		Scope:      fhirmap.Concept(systemScope, "patient-privacy", "Privacy Consent"),
		Category:   []fhir.CodeableConcept{fhirmap.Concept(systemLOINC, "59284-0", "Patient Consent")},
		Patient:    fhirmap.Ptr(fhirmap.AddressRef(g.Patient)),
		DateTime:   fhirmap.Ptr(g.CreatedAt.UTC().Format(time.RFC3339)),
		PolicyRule: fhirmap.Ptr(fhirmap.Concept(systemActCode, "OPTIN", "opt-in")),
		Provision:  p,
	}
}
