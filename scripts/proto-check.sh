#!/usr/bin/env bash
# Fails when the committed generated code differs from what proto/ generates.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/protocgen.sh
generated=('x/*/types/*.pb.go' 'x/*/types/*.pb.gw.go' docs/openapi)
if ! git diff --exit-code --stat -- "${generated[@]}" \
	|| [ -n "$(git status --porcelain -- "${generated[@]}")" ]; then
	echo "generated code is stale: run 'make proto-gen' and commit the result" >&2
	exit 1
fi
echo "generated code is up to date"
