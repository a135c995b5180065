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
	github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway)

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
echo "generated Go code from proto/medchain"
