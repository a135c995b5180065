package types

import (
	"fmt"
	"time"

	"github.com/medchain/medchain/internal/lightproof"
)

// EventEvidence is one access event, named by its id. A bundle's subject may
// name the patient and a time range [from, to) in RFC 3339.
var EventEvidence = lightproof.Kind{
	Name: "access_event", Store: StoreKey, Subject: []string{"patient", "from", "to"},
	Key:    lightproof.SeqKey(EventsKey),
	Decode: lightproof.ProtoJSON[AccessEvent](),
	Match: func(subject map[string]string, value []byte) error {
		e, err := lightproof.ProtoValue[AccessEvent](value)
		if err != nil {
			return err
		}
		if p, ok := subject["patient"]; ok && p != e.Patient {
			return fmt.Errorf("patient %s, not %s", e.Patient, p)
		}
		for field, inside := range map[string]func(bound time.Time) bool{
			"from": func(b time.Time) bool { return !e.Time.Before(b) },
			"to":   func(b time.Time) bool { return e.Time.Before(b) },
		} {
			s, ok := subject[field]
			if !ok {
				continue
			}
			bound, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return fmt.Errorf("subject %s: %w", field, err)
			}
			if !inside(bound) {
				return fmt.Errorf("event at %s is outside the range (%s %s)", e.Time.Format(time.RFC3339Nano), field, s)
			}
		}
		return nil
	},
}
