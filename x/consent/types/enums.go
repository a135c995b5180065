package types

import (
	"strings"

	"github.com/medchain/medchain/internal/enums"
)

// Code is the purpose's HL7 v3 PurposeOfUse code: TREAT, ETREAT, HRESCH, ….
func (p Purpose) Code() string { return strings.ToUpper(enums.Short("PURPOSE_", Purpose_name, p)) }

// ParsePurposes reads comma-separated purposes of use (treat, ETREAT, …).
func ParsePurposes(s string) ([]Purpose, error) {
	return enums.ParseList[Purpose]("purpose", "PURPOSE_", Purpose_value, s)
}
