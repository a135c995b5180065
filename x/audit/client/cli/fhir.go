// Package cli exports the audit trail for regulators and patients.
package cli

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/samply/golang-fhir-models/fhir-models/fhir"

	"github.com/medchain/medchain/internal/fhirmap"
	"github.com/medchain/medchain/x/audit/types"
)

// Code systems of the IHE BALP-style AuditEvent mapping.
const (
	systemDCM         = "http://dicom.nema.org/resources/ontology/DCM"
	systemRestful     = "http://hl7.org/fhir/restful-interaction"
	systemObjectRole  = "http://terminology.hl7.org/CodeSystem/object-role"
	systemAuditType   = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
	systemParticipant = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
	systemNoteHash    = "urn:medchain:note-sha256"
)

// ToFHIR maps an access event to a FHIR R4 AuditEvent in the IHE Basic Audit
// Log Patterns style: a patient-record read (DCM 110110, restful "read"), or
// for break-glass a security alert (DCM 110113) with "emergency override
// started" (DCM 110127). A denial is a minor failure (outcome 4).
func ToFHIR(e types.AccessEvent) fhir.AuditEvent {
	a := fhir.AuditEvent{
		Id:          fhirmap.Ptr(fmt.Sprintf("medchain-audit-%d", e.Id)),
		Type:        fhirmap.DisplayCoding(systemDCM, "110110", "Patient Record"),
		Subtype:     []fhir.Coding{fhirmap.DisplayCoding(systemRestful, "read", "read")},
		Action:      fhirmap.Ptr(fhir.AuditEventActionR),
		Recorded:    e.Time.UTC().Format(time.RFC3339Nano),
		Outcome:     fhirmap.Ptr(fhir.AuditEventOutcome0),
		OutcomeDesc: fhirmap.Ptr(fmt.Sprintf("%s: %s", e.Decision.Code(), e.Reason.Code())),
		PurposeOfEvent: []fhir.CodeableConcept{
			fhirmap.Concept(fhirmap.SystemActReason, e.Purpose.Code(), e.Purpose.Code()),
		},
		Agent: []fhir.AuditEventAgent{{
			Type:      fhirmap.Ptr(fhirmap.Concept(systemParticipant, "IRCP", "information recipient")),
			Who:       fhirmap.Ptr(fhirmap.AddressRef(e.Accessor)),
			Requestor: true,
		}},
		Source: fhir.AuditEventSource{
			Site:     fhirmap.Ptr("medchain"),
			Observer: fhirmap.Ref(fhirmap.SystemEvent, fmt.Sprintf("height/%d", e.Height)),
		},
		Entity: []fhir.AuditEventEntity{{
			What: fhirmap.Ptr(fhirmap.AddressRef(e.Patient)),
			Type: fhirmap.Ptr(fhirmap.DisplayCoding(systemAuditType, "1", "Person")),
			Role: fhirmap.Ptr(fhirmap.DisplayCoding(systemObjectRole, "1", "Patient")),
		}},
	}
	if e.Action == types.Action_ACTION_QUERY {
		a.Action, a.Subtype[0] = fhirmap.Ptr(fhir.AuditEventActionE), fhirmap.DisplayCoding(systemRestful, "search-type", "search")
	}
	if e.Decision == types.Decision_DECISION_DENIED {
		a.Outcome = fhirmap.Ptr(fhir.AuditEventOutcome4)
	}
	if e.Decision == types.Decision_DECISION_EMERGENCY {
		a.Type = fhirmap.DisplayCoding(systemDCM, "110113", "Security Alert")
		a.Subtype = []fhir.Coding{fhirmap.DisplayCoding(systemDCM, "110127", "Emergency Override Started")}
		a.Agent[0].PurposeOfUse = []fhir.CodeableConcept{fhirmap.Concept(fhirmap.SystemActReason, "ETREAT", e.BreakGlassReason.Code())}
		a.Entity = append(a.Entity, fhir.AuditEventEntity{
			What: fhirmap.Ptr(fhirmap.Ref(systemNoteHash, hex.EncodeToString(e.NoteHash))),
			Type: fhirmap.Ptr(fhirmap.DisplayCoding(systemAuditType, "2", "System Object")),
			Role: fhirmap.Ptr(fhirmap.DisplayCoding(systemObjectRole, "13", "Security Resource")),
			Name: fhirmap.Ptr("break-glass note (sha-256)"),
		})
	}
	if e.AccessorMember != "" {
		a.Agent = append(a.Agent, fhir.AuditEventAgent{
			Type: fhirmap.Ptr(fhirmap.Concept(systemDCM, "110153", "Source Role ID")),
			Who:  fhirmap.Ptr(fhirmap.AddressRef(e.AccessorMember)),
		})
	}
	target := fhir.AuditEventEntity{
		Type: fhirmap.Ptr(fhirmap.DisplayCoding(systemAuditType, "2", "System Object")),
		Role: fhirmap.Ptr(fhirmap.DisplayCoding(systemObjectRole, "4", "Domain Resource")),
		Name: fhirmap.Ptr(e.Category.Code()),
	}
	if e.RecordId != "" {
		target.What = fhirmap.Ptr(fhirmap.Ref(fhirmap.SystemRecord, e.Custodian+"/"+e.RecordId))
	}
	a.Entity = append(a.Entity, target)
	return a
}
