package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/medchain/medchain/x/records/types"
)

// AutoCLIOptions describes the module's query and tx commands.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Record", Use: "record [custodian] [record-id]", Short: "Show a custodian's record (latest version, or --record-version N)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "custodian"}, {ProtoField: "record_id"}},
					// "version" is taken by the node's config keys.
					FlagOptions: map[string]*autocliv1.FlagOptions{"version": {Name: "record-version", Usage: "version to show (default: the latest)"}},
				},
				{
					RpcMethod: "RecordHistory", Use: "history [custodian] [record-id]", Short: "List every version of a custodian's record",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "custodian"}, {ProtoField: "record_id"}},
				},
				{
					RpcMethod: "RecordsByPatient", Use: "by-patient [patient]", Short: "List a patient's records",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "patient"}},
				},
				{
					RpcMethod: "RecordsByCustodian", Use: "by-custodian [member]", Short: "List the records a member holds",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "custodian"}},
				},
				{RpcMethod: "RecordsByHash", Use: "by-hash", Short: "List record versions with a content hash (--algorithm sha2-256 --digest BASE64)"},
				{
					RpcMethod: "Batch", Use: "batch [batch-id]", Short: "Show an anchored batch",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "batch_id"}},
				},
				{RpcMethod: "VerifyInclusion", Skip: true}, // `medchaind records batch verify` does this from a manifest
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "AnchorRecord", Use: "anchor [record-id] [patient] [category] [uri]",
					Short: "Anchor a new record's salted hash (--content-hash and, for restricted records, --category-commitment as printed by `medchaind records hash`)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "record_id"}, {ProtoField: "patient"}, {ProtoField: "category"}, {ProtoField: "uri"},
					},
				},
				{
					RpcMethod: "AmendRecord", Use: "amend [record-id] [uri] [reason]",
					Short:          "Anchor a new version of a record your member holds (--content-hash as for anchor, --note-hash: sha-256 of your note, hex)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "record_id"}, {ProtoField: "uri"}, {ProtoField: "reason"}},
				},
				{
					RpcMethod: "AnchorBatch", Use: "anchor-batch [root-base64] [leaf-count] [manifest-uri]",
					Short:          "Anchor the Merkle root of a batch (see `medchaind records batch build`)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "root"}, {ProtoField: "leaf_count"}, {ProtoField: "manifest_uri"}},
				},
			},
		},
	}
}
