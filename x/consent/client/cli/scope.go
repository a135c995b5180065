package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/medchain/medchain/x/consent/types"
	recordstypes "github.com/medchain/medchain/x/records/types"
)

// Flags of the scope of access a grant gives, a request asks for and an
// approval narrows.
const (
	flagCategories = "categories"
	flagRecords    = "records"
	flagPurposes   = "purposes"
)

// addScopeFlags adds --categories, --records and --purposes.
func addScopeFlags(cmd *cobra.Command) {
	cmd.Flags().StringSlice(flagCategories, nil, "Record categories: lab, imaging, medication, allergy, ... (restricted records are granted only with --records)")
	cmd.Flags().StringSlice(flagRecords, nil, "Records, each CUSTODIAN/RECORD_ID")
	cmd.Flags().StringSlice(flagPurposes, nil, "HL7 v3 purposes of use: treat, etreat, hpaymt, hoperat, hresch, patrqt, pubhlth, ...")
}

// scopeFlags reads --categories, --records and --purposes.
func scopeFlags(cmd *cobra.Command) (types.Scope, error) {
	var scope types.Scope
	cats, _ := cmd.Flags().GetStringSlice(flagCategories)
	var err error
	if scope.Categories, err = recordstypes.ParseCategories(strings.Join(cats, ",")); err != nil {
		return scope, err
	}
	refs, _ := cmd.Flags().GetStringSlice(flagRecords)
	for _, s := range refs {
		ref, err := recordstypes.ParseRecordRef(s)
		if err != nil {
			return scope, err
		}
		scope.Records = append(scope.Records, ref)
	}
	purposes, _ := cmd.Flags().GetStringSlice(flagPurposes)
	scope.Purposes, err = types.ParsePurposes(strings.Join(purposes, ","))
	return scope, err
}

// flagFor is how long a grant lasts, or would once a request is approved.
const flagFor = "for"

// ParseDuration reads human durations: 7d, 2w, and Go's 12h, 90m, 1h30m.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.ParseUint(n, 10, 32)
			if err != nil || v == 0 {
				return 0, fmt.Errorf("invalid duration %q", s)
			}
			return time.Duration(v) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid duration %q: use 7d, 2w, 12h or 30m", s)
	}
	return d, nil
}
