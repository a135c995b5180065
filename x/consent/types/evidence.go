package types

import (
	"fmt"

	"github.com/medchain/medchain/internal/lightproof"
)

// Evidence kinds of the consent store.
var (
	// GrantEvidence is one grant, named by its id.
	GrantEvidence = lightproof.Kind{
		Name: "grant", Store: StoreKey, Subject: []string{"patient"},
		Key:    lightproof.SeqKey(GrantsKey),
		Decode: lightproof.ProtoJSON[Grant](),
		Match: func(subject map[string]string, value []byte) error {
			g, err := lightproof.ProtoValue[Grant](value)
			if err != nil {
				return err
			}
			return matchPatient(subject, g.Patient)
		},
	}
	// RequestEvidence is one consent request, named by its id.
	RequestEvidence = lightproof.Kind{
		Name: "consent_request", Store: StoreKey, Subject: []string{"patient"},
		Key:    lightproof.SeqKey(RequestsKey),
		Decode: lightproof.ProtoJSON[ConsentRequest](),
		Match: func(subject map[string]string, value []byte) error {
			r, err := lightproof.ProtoValue[ConsentRequest](value)
			if err != nil {
				return err
			}
			return matchPatient(subject, r.Patient)
		},
	}
)

func matchPatient(subject map[string]string, patient string) error {
	if p, ok := subject["patient"]; ok && p != patient {
		return fmt.Errorf("patient %s, not %s", patient, p)
	}
	return nil
}
