#!/usr/bin/env bash
# Local consortium on loopback: 4 hospital validators and 1 regulator full node.
#
#   testnet/localnet.sh start    generate a fresh consortium, start it, wait for height >= 3
#   testnet/localnet.sh status   height, app hash and peer count of every node
#   testnet/localnet.sh stop     stop exactly the processes `start` launched
#
# Environment:
#   MEDCHAIND             binary to run (default build/medchaind)
#   LOCALNET_HOME         homes, logs and pid files (default testnet/.localnet)
#   LOCALNET_PORT_OFFSET  added to every port (default 0), to run a second consortium
#   LOCALNET_CHAIN_ID     chain ID (default medchain-local)
#   LOCALNET_MIN_HEIGHT   height every node must reach before start returns (default 3)
#   LOCALNET_TIMEOUT      seconds start waits for that height (default 180)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${MEDCHAIND:-$ROOT/build/medchaind}
NET=${LOCALNET_HOME:-$ROOT/testnet/.localnet}
OFFSET=${LOCALNET_PORT_OFFSET:-0}
CHAIN_ID=${LOCALNET_CHAIN_ID:-medchain-local}
MIN_HEIGHT=${LOCALNET_MIN_HEIGHT:-3}
TIMEOUT=${LOCALNET_TIMEOUT:-180}
KEYRING=(--keyring-backend test)

NAMES=(hospital-a hospital-b hospital-c hospital-d regulator)
TITLES=("Hospital A" "Hospital B" "Hospital C" "Hospital D" "Health Regulator")
ROLES=(hospital,emergency hospital hospital hospital regulator)
VALIDATORS=4 # the first four nodes validate; the regulator only follows

home() { echo "$NET/${NAMES[$1]}"; }
p2p_port() { echo $((26656 + 100 * $1 + OFFSET)); }
rpc_port() { echo $((26657 + 100 * $1 + OFFSET)); }
abci_port() { echo $((26658 + 100 * $1 + OFFSET)); }
grpc_port() { echo $((9090 + $1 + OFFSET)); }
api_port() { echo $((1317 + $1 + OFFSET)); }
pid_of() { cat "$(home "$1")/medchaind.pid" 2>/dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# set KEY = VALUE inside [SECTION] of a TOML file ("" = top level)
toml_set() {
	local file=$1 section=$2 key=$3 value=$4
	if [ -z "$section" ]; then
		sed -i "0,/^\[/ s|^$key = .*|$key = $value|" "$file"
	else
		sed -i "/^\[$section\]/,/^\[/ s|^$key = .*|$key = $value|" "$file"
	fi
	grep -q "^$key = $value" "$file" || { echo "could not set $key in $file" >&2; exit 1; }
}

height() { curl -fsS --max-time 2 "http://127.0.0.1:$(rpc_port "$1")/status" 2>/dev/null | jq -r '.result.sync_info.latest_block_height' 2>/dev/null || echo 0; }

generate() {
	rm -rf "$NET"
	mkdir -p "$NET"
	local i n=${#NAMES[@]} gen0
	for ((i = 0; i < n; i++)); do
		local h; h=$(home "$i")
		"$BIN" init "${NAMES[$i]}" --chain-id "$CHAIN_ID" --home "$h" >/dev/null 2>&1
		"$BIN" keys add operator "${KEYRING[@]}" --home "$h" >/dev/null 2>&1
	done
	gen0=$(home 0)/config/genesis.json
	for ((i = 0; i < n; i++)); do
		local h addr id key=()
		h=$(home "$i")
		addr=$("$BIN" keys show operator -a "${KEYRING[@]}" --home "$h")
		id=$("$BIN" comet show-node-id --home "$h")
		echo "$id" >"$h/node_id"
		if ((i < VALIDATORS)); then key=(--pubkey-file "$h/config/priv_validator_key.json"); fi
		"$BIN" genesis add-member "${TITLES[$i]}" "$addr" --roles "${ROLES[$i]}" --node-id "$id" \
			"${key[@]}" --home "$(home 0)" >/dev/null
	done
	"$BIN" genesis validate "$gen0" --home "$(home 0)" >/dev/null
	for ((i = 0; i < n; i++)); do
		local h peers="" j cfg app client
		h=$(home "$i")
		[ "$i" -eq 0 ] || cp "$gen0" "$h/config/genesis.json"
		for ((j = 0; j < n; j++)); do
			((j == i)) && continue
			peers+="${peers:+,}$(cat "$(home "$j")/node_id")@127.0.0.1:$(p2p_port "$j")"
		done
		cfg=$h/config/config.toml app=$h/config/app.toml client=$h/config/client.toml
		toml_set "$cfg" "" proxy_app "\"tcp://127.0.0.1:$(abci_port "$i")\""
		toml_set "$cfg" "" filter_peers true
		toml_set "$cfg" rpc laddr "\"tcp://127.0.0.1:$(rpc_port "$i")\""
		toml_set "$cfg" rpc pprof_laddr '""'
		toml_set "$cfg" p2p laddr "\"tcp://127.0.0.1:$(p2p_port "$i")\""
		toml_set "$cfg" p2p persistent_peers "\"$peers\""
		toml_set "$cfg" p2p addr_book_strict false
		toml_set "$cfg" p2p allow_duplicate_ip true
		toml_set "$cfg" consensus timeout_commit '"500ms"'
		toml_set "$app" api address "\"tcp://127.0.0.1:$(api_port "$i")\""
		toml_set "$app" grpc address "\"127.0.0.1:$(grpc_port "$i")\""
		toml_set "$client" "" chain-id "\"$CHAIN_ID\""
		toml_set "$client" "" keyring-backend '"test"'
		toml_set "$client" "" node "\"tcp://127.0.0.1:$(rpc_port "$i")\""
	done
}

start() {
	[ -x "$BIN" ] || { echo "no medchaind at $BIN: run 'make build'" >&2; exit 1; }
	local i n=${#NAMES[@]}
	for ((i = 0; i < n; i++)); do
		if alive "$i"; then echo "${NAMES[$i]} is already running (pid $(pid_of "$i")): run 'make localnet-stop' first" >&2; exit 1; fi
	done
	echo "generating a consortium of ${VALIDATORS} hospitals and 1 regulator in $NET"
	generate
	for ((i = 0; i < n; i++)); do
		local h; h=$(home "$i")
		nohup "$BIN" start --home "$h" >"$h/node.log" 2>&1 &
		echo $! >"$h/medchaind.pid"
		echo "started ${NAMES[$i]} (pid $!): rpc :$(rpc_port "$i") grpc :$(grpc_port "$i") api :$(api_port "$i") p2p :$(p2p_port "$i")"
	done
	local deadline=$((SECONDS + TIMEOUT))
	while :; do
		local line="" ready=1 hgt
		for ((i = 0; i < n; i++)); do
			if ! alive "$i"; then
				echo "${NAMES[$i]} exited; last log lines:" >&2
				tail -n 20 "$(home "$i")/node.log" >&2
				stop >/dev/null
				exit 1
			fi
			hgt=$(height "$i")
			line+=" ${NAMES[$i]}=$hgt"
			[[ "$hgt" =~ ^[0-9]+$ ]] && ((hgt >= MIN_HEIGHT)) || ready=0
		done
		echo "heights:$line"
		((ready)) && break
		if ((SECONDS > deadline)); then
			echo "the consortium did not reach height $MIN_HEIGHT within ${TIMEOUT}s; logs in $NET/*/node.log" >&2
			exit 1
		fi
		sleep 1
	done
	echo "local consortium is up (chain $CHAIN_ID); 'make localnet-status' to watch, 'make localnet-stop' to stop"
}

status() {
	local i n=${#NAMES[@]}
	printf '%-12s %-8s %-8s %-66s %s\n' NODE PID HEIGHT APP_HASH PEERS
	for ((i = 0; i < n; i++)); do
		local st peers pid=down
		alive "$i" && pid=$(pid_of "$i")
		st=$(curl -fsS --max-time 2 "http://127.0.0.1:$(rpc_port "$i")/status" 2>/dev/null || echo '{}')
		peers=$(curl -fsS --max-time 2 "http://127.0.0.1:$(rpc_port "$i")/net_info" 2>/dev/null | jq -r '.result.n_peers' 2>/dev/null || echo -)
		printf '%-12s %-8s %-8s %-66s %s\n' "${NAMES[$i]}" "$pid" \
			"$(jq -r '.result.sync_info.latest_block_height // "-"' <<<"$st")" \
			"$(jq -r '.result.sync_info.latest_app_hash // "-"' <<<"$st")" "$peers"
	done
}

stop() {
	local i n=${#NAMES[@]} pid
	for ((i = 0; i < n; i++)); do
		pid=$(pid_of "$i")
		[ -n "$pid" ] || continue
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid"
			for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
			kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
			echo "stopped ${NAMES[$i]} (pid $pid)"
		fi
		rm -f "$(home "$i")/medchaind.pid"
	done
}

case "${1:-}" in
start) start ;;
status) status ;;
stop) stop ;;
*) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
