package types

import (
	"fmt"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/proto"

	"github.com/medchain/medchain/internal/lightproof"
)

// Evidence kinds of the consent store, each named by its id; a bundle's
// subject may name the patient.
var (
	// GrantEvidence is one grant.
	GrantEvidence = patientKind("grant", GrantsKey, (*Grant).GetPatient)
	// RequestEvidence is one consent request.
	RequestEvidence = patientKind("consent_request", RequestsKey, (*ConsentRequest).GetPatient)
)

func patientKind[T any, P interface {
	*T
	proto.Message
}](name string, prefix collections.Prefix, patient func(P) string) lightproof.Kind {
	return lightproof.Kind{
		Name: name, Store: StoreKey, Subject: []string{"patient"},
		Key:    lightproof.SeqKey(prefix),
		Decode: lightproof.ProtoJSON[T, P](),
		Match: func(subject map[string]string, value []byte) error {
			v, err := lightproof.ProtoValue[T, P](value)
			if err != nil {
				return err
			}
			if p, ok := subject["patient"]; ok && p != patient(v) {
				return fmt.Errorf("patient %s, not %s", patient(v), p)
			}
			return nil
		},
	}
}
