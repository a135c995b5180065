#!/usr/bin/env bash
# Regenerates the Go code for proto/medchain from the .proto sources, offline.
# buf and the protoc plugins are pinned Go tools (tools/go.mod); third-party
# .proto files are vendored in third_party/proto.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=build/tools
mkdir -p "$tools"
(cd tools && go build -o "../$tools/" \
	github.com/bufbuild/buf/cmd/buf \
	github.com/cosmos/gogoproto/protoc-gen-gocosmos \
	github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway \
	github.com/grpc-ecosystem/grpc-gateway/protoc-gen-swagger)

out=build/proto-gen
rm -rf "$out"
"$tools/buf" lint --path proto/medchain
"$tools/buf" generate --template buf.gen.yaml --path proto/medchain

module=github.com/medchain/medchain
find "$out/$module" -name '*.go' | while read -r f; do
	dest=${f#"$out/$module/"}
	mkdir -p "$(dirname "$dest")"
	cp "$f" "$dest"
done
rm -rf "$out"

# The REST gateway's OpenAPI (Swagger 2.0) description, from the same
# protos, for integrators in other languages to generate clients from.
"$tools/buf" generate --template buf.gen.swagger.yaml --path proto/medchain/records/v1/query.proto \
	--path proto/medchain/consent/v1/query.proto --path proto/medchain/audit/v1/query.proto \
	--path proto/medchain/consortium/v1/query.proto
# One title, and operation ids unique across modules (each has a Query/Params).
mkdir -p docs/openapi
jq --indent 1 '.info = {title: "medchain REST gateway", description: "Queries of x/consortium, x/records, x/consent and x/audit; transactions go through the Cosmos SDK service cosmos.tx.v1beta1 (POST /cosmos/tx/v1beta1/txs).", version: "v1"}
	| .paths |= with_entries(.key as $p | .value |= map_values(.operationId = (($p | split("/"))[2] + "." + .operationId)))' \
	build/openapi-gen/medchain.swagger.json >docs/openapi/medchain.swagger.json
rm -rf build/openapi-gen
echo "generated Go code and docs/openapi from proto/medchain"
