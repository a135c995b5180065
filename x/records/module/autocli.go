package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/internal/modulekit"
	"github.com/medchain/medchain/x/records/types"
)

// AutoCLIOptions describes the module's query and tx commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return modulekit.AutoCLI(types.Query_serviceDesc.ServiceName, []*autocliv1.RpcCommandOptions{
		// "version" is taken by the node's config keys.
		modulekit.RenameFlag(modulekit.Command("Record", "record [custodian] [record-id]",
			"Show a custodian's record (latest version, or --record-version N)", "custodian", "record_id"),
			"version", "record-version", "version to show (default: the latest)"),
		modulekit.Command("RecordHistory", "history [custodian] [record-id]", "List every version of a custodian's record", "custodian", "record_id"),
		modulekit.Command("RecordsByPatient", "by-patient [patient]", "List a patient's records", "patient"),
		modulekit.Command("RecordsByCustodian", "by-custodian [member]", "List the records a member holds", "custodian"),
		modulekit.Command("RecordsByHash", "by-hash", "List record versions with a content hash (--algorithm sha2-256 --digest BASE64)"),
		modulekit.Command("Batch", "batch [batch-id]", "Show an anchored batch", "batch_id"),
		modulekit.Skip("VerifyInclusion"), // `medchaind records batch verify` does this from a manifest
	}, types.Msg_serviceDesc.ServiceName,
		modulekit.Command("AnchorRecord", "anchor [record-id] [patient] [category] [uri]",
			"Anchor a new record's salted hash (--content-hash and, for restricted records, --category-commitment as printed by `medchaind records hash`)",
			"record_id", "patient", "category", "uri"),
		modulekit.Command("AmendRecord", "amend [record-id] [uri] [reason]",
			"Anchor a new version of a record your member holds (--content-hash as for anchor, --note-hash: sha-256 of your note, hex)",
			"record_id", "uri", "reason"),
		modulekit.Command("AnchorBatch", "anchor-batch [root-base64] [leaf-count] [manifest-uri]",
			"Anchor the Merkle root of a batch (see `medchaind records batch build`)", "root", "leaf_count", "manifest_uri"),
	)
}
