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
	end := g.ExpiresAt
	if g.EndedAt != nil && g.EndedAt.Before(g.ExpiresAt) {
		end = *g.EndedAt // revoked early
	}
	scope := types.Scope{Categories: g.Categories, Records: g.Records, Purposes: g.Purposes}
	return consent(fmt.Sprintf("medchain-grant-%d", g.Id), fhirmap.SystemGrant, g.Id, status, g.Patient, g.CreatedAt,
		provision(scope, g.Grantee, g.CreatedAt, end))
}

// RequestToFHIR maps a consent request to a FHIR R4 Consent: proposed while
// pending, active once approved, rejected when declined, inactive when it
// expired or was withdrawn. Its provision is what was asked, over the
// asked duration from the request's creation (an approval's grant has its
// own Consent with the exact period).
func RequestToFHIR(r types.ConsentRequest) fhir.Consent {
	status := fhir.ConsentStateInactive // expired or withdrawn
	switch r.Status {
	case types.RequestStatus_REQUEST_STATUS_PENDING:
		status = fhir.ConsentStateProposed
	case types.RequestStatus_REQUEST_STATUS_APPROVED:
		status = fhir.ConsentStateActive
	case types.RequestStatus_REQUEST_STATUS_DECLINED:
		status = fhir.ConsentStateRejected
	}
	return consent(fmt.Sprintf("medchain-request-%d", r.Id), fhirmap.SystemRequest, r.Id, status, r.Patient, r.CreatedAt,
		provision(r.AskedScope(), r.Requester, r.CreatedAt, r.CreatedAt.Add(r.Duration)))
}

// provision is a permit for actor over scope from start to end.
func provision(scope types.Scope, actor string, start, end time.Time) *fhir.ConsentProvision {
	p := &fhir.ConsentProvision{
		Type:   fhirmap.Ptr(fhir.ConsentProvisionTypePermit),
		Period: &fhir.Period{Start: fhirmap.Ptr(start.UTC().Format(time.RFC3339)), End: fhirmap.Ptr(end.UTC().Format(time.RFC3339))},
		Actor: []fhir.ConsentProvisionActor{{
			Role:      fhirmap.Concept(systemPartType, "IRCP", "information recipient"),
			Reference: fhirmap.AddressRef(actor),
		}},
	}
	for _, c := range scope.Categories {
		p.Class = append(p.Class, fhirmap.Coding(fhirmap.SystemCategory, c.Code()))
	}
	for _, r := range scope.Records {
		p.Data = append(p.Data, fhir.ConsentProvisionData{
			Meaning:   fhir.ConsentDataMeaningInstance,
			Reference: fhirmap.Ref(fhirmap.SystemRecord, r.Key()),
		})
	}
	for _, pu := range scope.Purposes {
		p.Purpose = append(p.Purpose, fhirmap.Coding(fhirmap.SystemActReason, pu.Code()))
	}
	return p
}

// consent is the Consent around a provision.
func consent(id, system string, n uint64, status fhir.ConsentState, patient string, at time.Time, p *fhir.ConsentProvision) fhir.Consent {
	return fhir.Consent{
		Id:         fhirmap.Ptr(id),
		Identifier: []fhir.Identifier{{System: fhirmap.Ptr(system), Value: fhirmap.Ptr(fmt.Sprint(n))}},
		Status:     status,
		Scope:      fhirmap.Concept(systemScope, "patient-privacy", "Privacy Consent"),
		Category:   []fhir.CodeableConcept{fhirmap.Concept(systemLOINC, "59284-0", "Patient Consent")},
		Patient:    fhirmap.Ptr(fhirmap.AddressRef(patient)),
		DateTime:   fhirmap.Ptr(at.UTC().Format(time.RFC3339)),
		PolicyRule: fhirmap.Ptr(fhirmap.Concept(systemActCode, "OPTIN", "opt-in")),
		Provision:  p,
	}
}
