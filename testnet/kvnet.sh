#!/usr/bin/env bash
# CometBFT's own kvstore app on the local consortium's CometBFT configuration:
# the baseline `make bench` compares medchain with.
#
#   testnet/kvnet.sh start   generate (from the consortium's homes) and start the network
#   testnet/kvnet.sh stop    stop every node; kvnet.sh rpcs   print the RPC addresses
#
# Every node copies config.toml from the medchain node of the same index in
# KVNET_FROM (the local consortium's homes, which must exist): same
# timeouts, mempool, peers topology and node count (4 validators and a
# follower); only ports, the ABCI app (kvstore, in process), peer filtering
# and node keys differ. The genesis has the consortium's block byte limit
# and no gas limit (kvstore asks 1 gas per transaction).
#
# Environment:
#   COMETBFT           the cometbft binary (default build/cometbft; make bench builds it)
#   KVNET_FROM         homes to copy configuration from (default testnet/.localnet)
#   KVNET_HOME         homes, logs and pid files (default testnet/.kvnet)
#   KVNET_PORT_OFFSET  added to every port (default 4000; below the ephemeral ports)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${COMETBFT:-$ROOT/build/cometbft}
FROM=${KVNET_FROM:-$ROOT/testnet/.localnet}
NET=${KVNET_HOME:-$ROOT/testnet/.kvnet}
OFFSET=${KVNET_PORT_OFFSET:-4000}
NAMES=(hospital-a hospital-b hospital-c hospital-d regulator)
VALIDATORS=4

home() { echo "$NET/${NAMES[$1]}"; }
port() { echo $(($2 + 100 * $1 + OFFSET)); } # port I BASE
rpc() { echo "tcp://127.0.0.1:$(port "$1" 26657)"; }

generate() {
	rm -rf "$NET"
	mkdir -p "$NET"
	local i n=${#NAMES[@]} vals="[]" peers=()
	for ((i = 0; i < n; i++)); do
		[ -f "$FROM/${NAMES[$i]}/config/config.toml" ] || { echo "no consortium home $FROM/${NAMES[$i]}: start it first" >&2; exit 1; }
		"$BIN" init --home "$(home "$i")" >/dev/null 2>&1
		peers+=("$("$BIN" show-node-id --home "$(home "$i")")@127.0.0.1:$(port "$i" 26656)")
		if ((i < VALIDATORS)); then
			vals=$(jq --argjson v "$vals" --arg name "${NAMES[$i]}" \
				'$v + [{address: .address, pub_key: .pub_key, power: "10", name: $name}]' \
				"$(home "$i")/config/priv_validator_key.json")
		fi
	done
	local maxbytes gen0
	maxbytes=$(jq -r '.consensus.params.block.max_bytes' "$FROM/${NAMES[0]}/config/genesis.json")
	gen0=$(home 0)/config/genesis.json
	jq --argjson v "$vals" --arg mb "$maxbytes" '.chain_id = "kvstore-local" | .validators = $v |
		.consensus_params.block.max_bytes = $mb | .consensus_params.block.max_gas = "-1"' "$gen0" >"$gen0.new"
	mv "$gen0.new" "$gen0"
	for ((i = 0; i < n; i++)); do
		local h cfg others="" j
		h=$(home "$i") cfg=$(home "$i")/config/config.toml
		[ "$i" -eq 0 ] || cp "$gen0" "$h/config/genesis.json"
		cp "$FROM/${NAMES[$i]}/config/config.toml" "$cfg"
		for ((j = 0; j < n; j++)); do ((j == i)) || others+="${others:+,}${peers[$j]}"; done
		toml_set "$cfg" "" proxy_app '"kvstore"'
		toml_set "$cfg" "" moniker "\"kv-${NAMES[$i]}\""
		toml_set "$cfg" "" filter_peers false
		toml_set "$cfg" rpc laddr "\"$(rpc "$i")\""
		toml_set "$cfg" p2p laddr "\"tcp://127.0.0.1:$(port "$i" 26656)\""
		toml_set "$cfg" p2p persistent_peers "\"$others\""
		toml_set "$cfg" instrumentation prometheus_listen_addr "\"127.0.0.1:$(port "$i" 26660)\""
	done
	# A follower has no say in consensus: its key is not in the genesis.
}

start() {
	generate
	local i
	for ((i = 0; i < ${#NAMES[@]}; i++)); do
		nohup "$BIN" start --home "$(home "$i")" >>"$(home "$i")/node.log" 2>&1 &
		echo $! >"$(home "$i")/cometbft.pid"
	done
	for _ in $(seq 1 120); do
		local h
		h=$(curl -fsS --max-time 2 "http://127.0.0.1:$(port 4 26657)/status" 2>/dev/null | jq -r '.result.sync_info.latest_block_height' 2>/dev/null || echo 0)
		if [ "${h:-0}" -ge 3 ]; then echo "kvstore network is up (height $h)"; return; fi
		sleep 0.5
	done
	echo "kvstore network made no blocks; last log lines:" >&2
	tail -n 20 "$(home 0)/node.log" >&2
	exit 1
}

stop() {
	local i pid
	for ((i = 0; i < ${#NAMES[@]}; i++)); do
		pid=$(cat "$(home "$i")/cometbft.pid" 2>/dev/null || true)
		[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	done
	for ((i = 0; i < ${#NAMES[@]}; i++)); do
		pid=$(cat "$(home "$i")/cometbft.pid" 2>/dev/null || true)
		for _ in $(seq 1 50); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
		rm -f "$(home "$i")/cometbft.pid"
	done
}

case "${1:-}" in
start) start ;;
stop) stop ;;
rpcs) for ((i = 0; i < VALIDATORS; i++)); do rpc "$i"; done | paste -sd, ;;
*) sed -n '2,19p' "$0" >&2; exit 2 ;;
esac
