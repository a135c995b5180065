package types

import (
	"strings"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"

	"github.com/medchain/medchain/internal/enums"
)

// MaxJustificationLength bounds a break-glass justification.
const MaxJustificationLength = 512

// ValidateAction checks a is a known action.
func ValidateAction(a Action) error {
	if !enums.Known(Action_name, a) {
		return errorsmod.Wrap(ErrInvalidAction, "one of read, copy, export, print, query")
	}
	return nil
}

// ValidateJustification checks a break-glass justification: required, bounded, printable.
func ValidateJustification(j string) error {
	if strings.TrimSpace(j) == "" || len(j) > MaxJustificationLength || !utf8.ValidString(j) {
		return errorsmod.Wrapf(ErrInvalidJustification, "a written justification of 1..%d bytes is required", MaxJustificationLength)
	}
	for _, c := range j {
		if c < ' ' && c != '\n' || c == 0x7f {
			return errorsmod.Wrap(ErrInvalidJustification, "must not contain control characters")
		}
	}
	return nil
}
