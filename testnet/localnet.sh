#!/usr/bin/env bash
# Local consortium: 4 hospital validators and 1 regulator full node.
#
#   testnet/localnet.sh start           resume the consortium in LOCALNET_HOME with its data, or
#                                       generate a new one if there is none; wait until it makes blocks
#   testnet/localnet.sh reset           stop, wipe and generate a fresh consortium, then start it
#   testnet/localnet.sh stop            stop every node (SIGTERM, SIGKILL after 10 s); data stays
#   testnet/localnet.sh status          height, app hash and peer count of every node
#   testnet/localnet.sh endpoints       one line per node: name host rpc grpc api p2p prometheus
#   testnet/localnet.sh generate        write a fresh consortium's homes and start nothing (with
#                                       LOCALNET_NETNS=1: the homes deploy/compose.yml runs, one per host)
#
# One node (NODE = hospital-a … hospital-d, regulator, or its index 0 … 4):
#   start-node NODE    start it (it catches up from its peers)
#   stop-node NODE     stop it gracefully (SIGTERM), as an operator does before patching
#   restart NODE       stop-node, then start-node
#   kill NODE          kill it at once (SIGKILL): a crash or a power cut
#   pause NODE         freeze it (SIGSTOP): a hung machine;  resume NODE continues it (SIGCONT)
#   partition NODE     cut its network (namespace mode only);  heal NODE restores it
#
# Governance (each validating hospital's operator signs its own votes):
#   join NAME          prepare the node of a hospital joining later (keys, node key, genesis, peers)
#   admit NAME         join NAME, propose its admission from hospital-a, vote it through, fund its
#                      operator and start its node: it validates from the next validator set
#   leave NAME         stop a node that joined later and drop it from the node list (a hospital
#                      after its suspension or removal, or a regulator node from statesync)
#   vote ID            every validating hospital votes yes on proposal ID until it is decided
#   upgrade NAME H     propose the software upgrade NAME at height H and vote it through; at H every
#                      node halts ("UPGRADE NEEDED"); restart them with MEDCHAIND set to the new binary
#
# A new regulator node by state sync:
#   statesync NAME     prepare NAME's home (its own node key, the consortium's genesis), have
#                      hospital-a propose adding its node ID to the regulator member and every
#                      hospital vote, write its [statesync] (hospital-a's and hospital-b's RPC, a
#                      trusted height and hash read from hospital-a's RPC) and start it: it restores
#                      the hospitals' latest snapshot, then follows blocks; returns once it caught up
#
# Environment:
#   MEDCHAIND             binary to run (default build/medchaind)
#   LOCALNET_HOME         homes, logs and pid files (default testnet/.localnet)
#   LOCALNET_PORT_OFFSET  added to every port (default 0), to run a second consortium
#   LOCALNET_CHAIN_ID     chain ID (default medchain-local)
#   LOCALNET_MIN_HEIGHT   height every new node must reach before start returns (default 3)
#   LOCALNET_TIMEOUT      seconds start waits for blocks, and statesync for its node (default 180)
#   LOCALNET_BALANCE      each member's operating balance in genesis (default 1000000000000umed)
#   LOCALNET_SNAPSHOT_INTERVAL  every node takes a state-sync snapshot every this many blocks
#                         (default 20; medchaind init writes 1000), keeping the 2 latest
#   LOCALNET_NETNS        1 = run every node in its own network namespace with its own IP on a
#                         bridge (root and iproute2 needed), as separate hosts; standard ports
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${MEDCHAIND:-$ROOT/build/medchaind}
NET=${LOCALNET_HOME:-$ROOT/testnet/.localnet}
OFFSET=${LOCALNET_PORT_OFFSET:-0}
CHAIN_ID=${LOCALNET_CHAIN_ID:-medchain-local}
MIN_HEIGHT=${LOCALNET_MIN_HEIGHT:-3}
TIMEOUT=${LOCALNET_TIMEOUT:-180}
BALANCE=${LOCALNET_BALANCE:-1000000000000umed}
SNAPSHOT_INTERVAL=${LOCALNET_SNAPSHOT_INTERVAL:-20}
NETNS=${LOCALNET_NETNS:-0}
KEYRING=(--keyring-backend test)

NAMES=(hospital-a hospital-b hospital-c hospital-d regulator)
TITLES=("Hospital A" "Hospital B" "Hospital C" "Hospital D" "Health Regulator")
ROLES=(hospital,emergency hospital hospital hospital regulator)
VALIDATORS=4 # the first four nodes validate; the regulator only follows
# Hospitals that joined later (testnet/localnet.sh join NAME) follow, in order.
if [ -f "${LOCALNET_HOME:-$ROOT/testnet/.localnet}/joined" ]; then
	while read -r joined; do [ -n "$joined" ] && NAMES+=("$joined"); done <"${LOCALNET_HOME:-$ROOT/testnet/.localnet}/joined"
fi

# Namespace mode: subnet 10.210.S.0/24 with the bridge at .254 and node i at .(i+1).
S=$(((OFFSET / 100) % 250))
BRIDGE=mcbr$S

home() { echo "$NET/${NAMES[$1]}"; }
# In namespace mode every node is its own host and uses the standard ports.
slot() { if [ "$NETNS" = 1 ]; then echo 0; else echo $((100 * $1 + OFFSET)); fi; }
islot() { if [ "$NETNS" = 1 ]; then echo 0; else echo $(($1 + OFFSET)); fi; }
p2p_port() { echo $((26656 + $(slot "$1"))); }
rpc_port() { echo $((26657 + $(slot "$1"))); }
abci_port() { echo $((26658 + $(slot "$1"))); }
prom_port() { echo $((26660 + $(slot "$1"))); }
grpc_port() { echo $((9090 + $(islot "$1"))); }
api_port() { echo $((1317 + $(islot "$1"))); }
host() { if [ "$NETNS" = 1 ]; then echo "10.210.$S.$(($1 + 1))"; else echo 127.0.0.1; fi; }
bind() { if [ "$NETNS" = 1 ]; then echo 0.0.0.0; else echo 127.0.0.1; fi; }
ns() { echo "mc$S-${NAMES[$1]}"; }
veth() { echo "mc${S}v$1"; }
pid_of() { cat "$(home "$1")/medchaind.pid" 2>/dev/null || true; }
# alive I: node I's process runs (a zombie left by a kill does not count)
alive() {
	local pid; pid=$(pid_of "$1")
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != Z ]
}

# node NAME|INDEX -> index
node() {
	local i
	for i in "${!NAMES[@]}"; do
		if [ "$1" = "${NAMES[$i]}" ] || [ "$1" = "$i" ]; then echo "$i"; return; fi
	done
	echo "unknown node '$1': one of ${NAMES[*]} or 0..$((${#NAMES[@]} - 1))" >&2
	exit 2
}

height() { curl -fsS --max-time 2 "http://$(host "$1"):$(rpc_port "$1")/status" 2>/dev/null | jq -r '.result.sync_info.latest_block_height' 2>/dev/null || echo 0; }

# network_up creates the bridge and one namespace per node (namespace mode; idempotent).
network_up() {
	[ "$NETNS" = 1 ] || return 0
	if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
		ip link add "$BRIDGE" type bridge
		ip addr add "10.210.$S.254/24" dev "$BRIDGE"
		ip link set "$BRIDGE" up
	fi
	local i
	for i in "${!NAMES[@]}"; do
		ip netns list | grep -qw "$(ns "$i")" && continue
		ip netns add "$(ns "$i")"
		ip link add "$(veth "$i")" type veth peer name "mc${S}p$i"
		ip link set "mc${S}p$i" netns "$(ns "$i")"
		ip link set "$(veth "$i")" master "$BRIDGE" up
		ip -n "$(ns "$i")" link set lo up
		ip -n "$(ns "$i")" link set "mc${S}p$i" name eth0
		ip -n "$(ns "$i")" addr add "$(host "$i")/24" dev eth0
		ip -n "$(ns "$i")" link set eth0 up
	done
}

network_down() {
	[ "$NETNS" = 1 ] || return 0
	local i
	for i in "${!NAMES[@]}"; do
		ip netns del "$(ns "$i")" 2>/dev/null || true
		ip link del "$(veth "$i")" 2>/dev/null || true
	done
	ip link del "$BRIDGE" 2>/dev/null || true
}

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
		"$BIN" genesis add-genesis-account "$addr" "$BALANCE" --home "$(home 0)" >/dev/null
	done
	"$BIN" genesis validate "$gen0" --home "$(home 0)" >/dev/null
	for ((i = 0; i < n; i++)); do
		[ "$i" -eq 0 ] || cp "$gen0" "$(home "$i")/config/genesis.json"
		configure "$i"
	done
	echo "$CHAIN_ID" >"$NET/chain_id"
}

# configure I: node I's ports, peers (every other node), peer filter and
# client settings.
configure() {
	local i=$1 h peers="" j cfg app client
	h=$(home "$i")
	for ((j = 0; j < ${#NAMES[@]}; j++)); do
		((j == i)) && continue
		[ -f "$(home "$j")/node_id" ] || continue
		peers+="${peers:+,}$(cat "$(home "$j")/node_id")@$(host "$j"):$(p2p_port "$j")"
	done
	cfg=$h/config/config.toml app=$h/config/app.toml client=$h/config/client.toml
	toml_set "$cfg" "" proxy_app "\"tcp://127.0.0.1:$(abci_port "$i")\""
	toml_set "$cfg" "" filter_peers true
	toml_set "$cfg" rpc laddr "\"tcp://$(bind):$(rpc_port "$i")\""
	toml_set "$cfg" rpc pprof_laddr '""'
	toml_set "$cfg" p2p laddr "\"tcp://$(bind):$(p2p_port "$i")\""
	toml_set "$cfg" p2p persistent_peers "\"$peers\""
	toml_set "$cfg" p2p addr_book_strict false
	if [ "$NETNS" != 1 ]; then toml_set "$cfg" p2p allow_duplicate_ip true; fi
	toml_set "$cfg" consensus timeout_commit '"500ms"'
	# The local consortium restarts validators within seconds (its fault tests
	# do): a validator's own signature in the last blocks must not stop it. A
	# hospital's validator keeps the default (medchaind init: 10 blocks).
	toml_set "$cfg" consensus double_sign_check_height 0
	toml_set "$cfg" instrumentation prometheus_listen_addr "\"$(bind):$(prom_port "$i")\""
	toml_set "$app" api address "\"tcp://$(bind):$(api_port "$i")\""
	toml_set "$app" grpc address "\"$(bind):$(grpc_port "$i")\""
	# Snapshots every 1000 blocks are too rare for a consortium that lives minutes.
	toml_set "$app" state-sync snapshot-interval "$SNAPSHOT_INTERVAL"
	toml_set "$app" state-sync snapshot-keep-recent 2
	toml_set "$client" "" chain-id "\"$CHAIN_ID\""
	toml_set "$client" "" keyring-backend '"test"'
	toml_set "$client" "" node "\"tcp://$(host "$i"):$(rpc_port "$i")\""
}

start_node() {
	local i=$1 h; h=$(home "$i")
	if alive "$i"; then echo "${NAMES[$i]} is already running (pid $(pid_of "$i"))"; return; fi
	local run=("$BIN" start --home "$h")
	if [ "$NETNS" = 1 ]; then
		network_up
		run=(ip netns exec "$(ns "$i")" "${run[@]}")
	fi
	echo "--- start $(date -u +%FT%TZ)" >>"$h/node.log"
	nohup "${run[@]}" >>"$h/node.log" 2>&1 &
	echo $! >"$h/medchaind.pid"
	echo "started ${NAMES[$i]} (pid $!): $(host "$i") rpc :$(rpc_port "$i") grpc :$(grpc_port "$i") api :$(api_port "$i") p2p :$(p2p_port "$i")"
}

# stop_node I SIGNAL: send SIGNAL; after SIGTERM wait up to 10 s, then SIGKILL.
stop_node() {
	local i=$1 sig=${2:-TERM} pid
	pid=$(pid_of "$i")
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -CONT "$pid" 2>/dev/null || true # a paused node cannot stop
		kill -"$sig" "$pid"
		if [ "$sig" = TERM ]; then
			for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
			kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
		fi
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		echo "stopped ${NAMES[$i]} (pid $pid, SIG$sig)"
	fi
	rm -f "$(home "$i")/medchaind.pid"
}

# wait_blocks FRESH: every node reaches MIN_HEIGHT (FRESH=1), or, on a resumed
# consortium, 2 blocks past the highest height any node had when all first answered.
wait_blocks() {
	local fresh=$1 i n=${#NAMES[@]} deadline=$((SECONDS + TIMEOUT)) target=""
	((fresh)) && target=$MIN_HEIGHT
	while :; do
		local line="" ready=1 hgt h hs=() top=0 answered=1
		for ((i = 0; i < n; i++)); do
			if ! alive "$i"; then
				echo "${NAMES[$i]} exited; last log lines:" >&2
				tail -n 20 "$(home "$i")/node.log" >&2
				return 1
			fi
			hgt=$(height "$i")
			[[ "$hgt" =~ ^[0-9]+$ ]] || hgt=0
			((hgt > 0)) || answered=0
			((hgt > top)) && top=$hgt
			hs+=("$hgt")
			line+=" ${NAMES[$i]}=$hgt"
		done
		[ -z "$target" ] && ((answered)) && target=$((top + 2))
		[ -n "$target" ] || ready=0
		for h in "${hs[@]}"; do ((h >= ${target:-1})) || ready=0; done
		echo "heights:$line (waiting for ${target:-every node to answer})"
		((ready)) && break
		if ((SECONDS > deadline)); then
			echo "the consortium did not reach height ${target:-1} within ${TIMEOUT}s; logs in $NET/*/node.log" >&2
			return 1
		fi
		sleep 1
	done
}

start() {
	[ -x "$BIN" ] || { echo "no medchaind at $BIN: run 'make build'" >&2; exit 1; }
	local i n=${#NAMES[@]}
	local fresh=0
	if [ -f "$NET/chain_id" ] && [ -f "$(home 0)/config/genesis.json" ]; then
		echo "resuming the consortium in $NET (chain $(cat "$NET/chain_id")) with its data; 'reset' starts a fresh one"
	else
		echo "generating a consortium of ${VALIDATORS} hospitals and 1 regulator in $NET"
		generate
		fresh=1
	fi
	network_up
	for ((i = 0; i < n; i++)); do start_node "$i"; done
	if ! wait_blocks "$fresh"; then stop >/dev/null; exit 1; fi
	echo "local consortium is up (chain $(cat "$NET/chain_id")); 'make localnet-status' to watch, 'make localnet-stop' to stop"
}

status() {
	local i n=${#NAMES[@]}
	printf '%-12s %-8s %-8s %-66s %s\n' NODE PID HEIGHT APP_HASH PEERS
	for ((i = 0; i < n; i++)); do
		local st peers pid=down url
		alive "$i" && pid=$(pid_of "$i")
		url="http://$(host "$i"):$(rpc_port "$i")"
		st=$(curl -fsS --max-time 2 "$url/status" 2>/dev/null || echo '{}')
		peers=$(curl -fsS --max-time 2 "$url/net_info" 2>/dev/null | jq -r '.result.n_peers' 2>/dev/null || echo -)
		printf '%-12s %-8s %-8s %-66s %s\n' "${NAMES[$i]}" "$pid" \
			"$(jq -r '.result.sync_info.latest_block_height // "-"' <<<"$st")" \
			"$(jq -r '.result.sync_info.latest_app_hash // "-"' <<<"$st")" "$peers"
	done
}

endpoints() {
	local i
	for i in "${!NAMES[@]}"; do
		echo "${NAMES[$i]} $(host "$i") $(rpc_port "$i") $(grpc_port "$i") $(api_port "$i") $(p2p_port "$i") $(prom_port "$i")"
	done
}

stop() {
	local i
	for i in "${!NAMES[@]}"; do stop_node "$i" TERM; done
	network_down
}

# tx I ARGS...: node I's operator sends a transaction; wait until a block
# includes it and fail unless it succeeded. Prints the transaction as JSON.
tx() {
	local i=$1 out hash res
	shift
	out=$("$BIN" tx "$@" --from operator --home "$(home "$i")" -y --output json)
	hash=$(jq -r .txhash <<<"$out")
	[ "$(jq -r .code <<<"$out")" = 0 ] || { echo "refused: $out" >&2; return 1; }
	for _ in $(seq 1 60); do
		if res=$("$BIN" query tx "$hash" --home "$(home "$i")" --output json 2>/dev/null); then
			[ "$(jq -r .code <<<"$res")" = 0 ] || { echo "failed: $(jq -r .raw_log <<<"$res")" >&2; return 1; }
			echo "$res"
			return
		fi
		sleep 0.5
	done
	echo "transaction $hash was not included within 30 s" >&2
	return 1
}

operator_of() { "$BIN" keys show operator -a "${KEYRING[@]}" --home "$(home "$1")"; }

# new_home NAME: add NAME to the node list (last) with a home of its own:
# its node key, the consortium's genesis, ports and peers.
new_home() {
	local name=$1 i h
	if grep -qx "$name" "$NET/joined" 2>/dev/null || [[ " ${NAMES[*]} " == *" $name "* ]]; then
		echo "$name is already part of the local consortium" >&2; return 1
	fi
	NAMES+=("$name")
	i=$((${#NAMES[@]} - 1))
	h=$(home "$i")
	[ ! -e "$h" ] || { echo "$h exists (a node that left keeps its home): choose another name" >&2; return 1; }
	"$BIN" init "$name" --chain-id "$(cat "$NET/chain_id")" --home "$h" >/dev/null 2>&1
	"$BIN" comet show-node-id --home "$h" >"$h/node_id"
	cp "$(home 0)/config/genesis.json" "$h/config/genesis.json"
	echo "$name" >>"$NET/joined"
	configure "$i"
}

# join NAME: prepare the node of a hospital that joins the running
# consortium: its own keys and node key, the consortium's genesis, peers.
# It starts after a proposal admits it (admit NAME does both).
join() {
	local name=$1 i h
	new_home "$name"
	i=$((${#NAMES[@]} - 1))
	h=$(home "$i")
	"$BIN" keys add operator "${KEYRING[@]}" --home "$h" >/dev/null 2>&1
	echo "prepared $name in $h: operator $(operator_of "$i"), node $(cat "$h/node_id")"
}

# admit NAME: join NAME (unless prepared), have hospital-a propose to admit
# it with its consensus key and node, every validating hospital vote yes,
# hospital-a fund its operator, and start its node.
admit() {
	local name=$1 i h id
	grep -qx "$name" "$NET/joined" 2>/dev/null || join "$name"
	i=$(node "$name")
	h=$(home "$i")
	tx 0 consortium propose admit-member "${name^}" "$(operator_of "$i")" --roles hospital \
		--pubkey-file "$h/config/priv_validator_key.json" --node-id "$(cat "$h/node_id")" \
		--title "Admit ${name^}" --summary "Admits ${name^} as a validating hospital." >/dev/null
	id=$("$BIN" query consortium proposals --status voting --home "$(home 0)" --output json | jq -r '.proposals[-1].id')
	echo "proposal $id: admit $name"
	vote_all "$id"
	tx 0 bank send operator "$(operator_of "$i")" "${LOCALNET_JOIN_FUNDS:-100000000000umed}" >/dev/null
	start_node "$i"
}

# vote_all ID: every validating hospital votes yes until the proposal is decided.
vote_all() {
	local id=$1 i status
	for ((i = 0; i < ${#NAMES[@]}; i++)); do
		status=$("$BIN" query consortium proposal "$id" --home "$(home 0)" --output json | jq -r .proposal.status)
		[ "$status" = PROPOSAL_STATUS_VOTING ] || break
		[ "${NAMES[$i]}" = regulator ] && continue
		tx "$i" consortium vote "$id" yes >/dev/null 2>&1 && echo "  ${NAMES[$i]} voted yes" || true
	done
	status=$("$BIN" query consortium proposal "$id" --home "$(home 0)" --output json | jq -r '.proposal | .status + " " + .execution_error')
	echo "proposal $id: $status"
	[[ "$status" == PROPOSAL_STATUS_PASSED* ]]
}

# leave NAME: stop a joined hospital's node and drop it from the local
# consortium's node list (after its suspension or removal); its home stays.
leave() {
	local i
	i=$(node "$1")
	((i > 4)) || { echo "only a node that joined later can leave" >&2; return 1; }
	stop_node "$i" TERM
	grep -vx "$1" "$NET/joined" >"$NET/joined.next" || true
	mv "$NET/joined.next" "$NET/joined"
	echo "$1 left the local consortium's node list"
}

# upgrade NAME HEIGHT: propose the software upgrade NAME at HEIGHT and vote it through.
upgrade() {
	local id
	tx 0 consortium propose software-upgrade "$1" --height "$2" \
		--title "Upgrade to $1" --summary "Every node halts at height $2 and restarts on the $1 binary." >/dev/null
	id=$("$BIN" query consortium proposals --status voting --home "$(home 0)" --output json | jq -r '.proposals[-1].id')
	echo "proposal $id: upgrade $1 at height $2"
	vote_all "$id"
}

# statesync NAME: a new node of the regulator member that joins by state
# sync. Its node ID is added to the member's by a proposal every hospital
# votes through; it trusts a header read from hospital-a's RPC at or below
# the hospitals' latest snapshot, restores a snapshot from its peers, then
# follows blocks. Returns once it has caught up with hospital-a.
statesync() {
	local name=$1 i h cfg reg op member id ids roles latest snap trust hash prop
	reg=$(node regulator)
	op=$(operator_of "$reg")
	# The hospitals need a snapshot whose next two headers exist.
	wait_height 0 $((SNAPSHOT_INTERVAL + 2)) >/dev/null
	new_home "$name"
	i=$((${#NAMES[@]} - 1))
	h=$(home "$i")
	id=$(cat "$h/node_id")

	member=$("$BIN" query consortium member "$op" --home "$(home 0)" --output json)
	ids=$(jq -r '.member.node_ids | join(",")' <<<"$member")
	roles=$(jq -r '[.member.roles[] | ascii_downcase | sub("^role_"; "")] | join(",")' <<<"$member")
	tx 0 consortium propose update-member "$op" --name "$(jq -r .member.name <<<"$member")" --roles "$roles" \
		--node-id "${ids:+$ids,}$id" --title "A regulator node" \
		--summary "Adds a node of the regulator member, joining by state sync, to the peer allowlist." >/dev/null
	prop=$("$BIN" query consortium proposals --status voting --home "$(home 0)" --output json | jq -r '.proposals[-1].id')
	echo "proposal $prop: admit node $id for the regulator member"
	vote_all "$prop"

	# Trust a header a little below the latest snapshot, read from hospital-a.
	latest=$(height 0)
	snap=$((latest / SNAPSHOT_INTERVAL * SNAPSHOT_INTERVAL))
	trust=$((snap > 5 ? snap - 5 : 1))
	hash=$(curl -fsS --max-time 5 "http://$(host 0):$(rpc_port 0)/block?height=$trust" | jq -r .result.block_id.hash)
	[[ "$hash" =~ ^[0-9A-F]{64}$ ]] || { echo "no hash for block $trust from hospital-a: '$hash'" >&2; return 1; }
	cfg=$h/config/config.toml
	toml_set "$cfg" statesync enable true
	toml_set "$cfg" statesync rpc_servers "\"http://$(host 0):$(rpc_port 0),http://$(host 1):$(rpc_port 1)\""
	toml_set "$cfg" statesync trust_height "$trust"
	toml_set "$cfg" statesync trust_hash "\"$hash\""
	toml_set "$cfg" statesync trust_period '"168h0m0s"'
	# The least CometBFT accepts: snapshots here last about 20 s.
	toml_set "$cfg" statesync discovery_time '"5s"'
	echo "$name trusts block $trust ($hash); the hospitals' latest snapshot is at $snap or later"
	start_node "$i"
	wait_synced "$i"
}

# wait_height I H: wait until node I reaches height H; print its height.
wait_height() {
	local i=$1 want=$2 hgt deadline=$((SECONDS + TIMEOUT))
	while :; do
		hgt=$(height "$i")
		[[ "$hgt" =~ ^[0-9]+$ ]] && ((hgt >= want)) && { echo "$hgt"; return; }
		if ((SECONDS > deadline)); then
			echo "${NAMES[$i]} did not reach height $want within ${TIMEOUT}s" >&2
			return 1
		fi
		sleep 1
	done
}

# wait_synced I: wait until node I, started by state sync, has restored a
# snapshot and caught up with hospital-a (within 2 blocks).
wait_synced() {
	local i=$1 st hgt base top deadline=$((SECONDS + TIMEOUT))
	while :; do
		if ! alive "$i"; then
			echo "${NAMES[$i]} exited; last log lines:" >&2
			tail -n 30 "$(home "$i")/node.log" >&2
			return 1
		fi
		st=$(curl -fsS --max-time 2 "http://$(host "$i"):$(rpc_port "$i")/status" 2>/dev/null || echo '{}')
		hgt=$(jq -r '.result.sync_info.latest_block_height // 0' <<<"$st")
		base=$(jq -r '.result.sync_info.earliest_block_height // 0' <<<"$st")
		top=$(height 0)
		echo "${NAMES[$i]}: height $hgt (earliest block $base), hospital-a: $top"
		if ((hgt > 0 && hgt + 2 >= top)) && [ "$(jq -r .result.sync_info.catching_up <<<"$st")" = false ]; then
			echo "${NAMES[$i]} restored a snapshot and follows the chain from block $base"
			return
		fi
		if ((SECONDS > deadline)); then
			echo "${NAMES[$i]} did not catch up within ${TIMEOUT}s; log in $(home "$i")/node.log" >&2
			return 1
		fi
		sleep 1
	done
}

partition() {
	[ "$NETNS" = 1 ] || { echo "partition needs LOCALNET_NETNS=1" >&2; exit 2; }
	ip link set "$(veth "$1")" "$2"
	echo "${NAMES[$1]}: network $2"
}

cmd=${1:-}
case "$cmd" in
start) start ;;
reset) stop >/dev/null; rm -rf "$NET"; start ;;
generate) generate; echo "generated the consortium's homes in $NET" ;;
stop) stop ;;
status) status ;;
endpoints) endpoints ;;
join) [ $# -eq 2 ] || { echo "usage: $0 join NAME" >&2; exit 2; }; join "$2" ;;
admit) [ $# -eq 2 ] || { echo "usage: $0 admit NAME" >&2; exit 2; }; admit "$2" ;;
leave) [ $# -eq 2 ] || { echo "usage: $0 leave NAME" >&2; exit 2; }; leave "$2" ;;
vote) [ $# -eq 2 ] || { echo "usage: $0 vote PROPOSAL_ID" >&2; exit 2; }; vote_all "$2" ;;
upgrade) [ $# -eq 3 ] || { echo "usage: $0 upgrade NAME HEIGHT" >&2; exit 2; }; upgrade "$2" "$3" ;;
statesync) [ $# -eq 2 ] || { echo "usage: $0 statesync NAME" >&2; exit 2; }; statesync "$2" ;;
start-node | stop-node | restart | kill | pause | resume | partition | heal)
	[ $# -eq 2 ] || { echo "usage: $0 $cmd NODE" >&2; exit 2; }
	i=$(node "$2")
	case "$cmd" in
	start-node) start_node "$i" ;;
	stop-node) stop_node "$i" TERM ;;
	restart) stop_node "$i" TERM; start_node "$i" ;;
	kill) stop_node "$i" KILL ;;
	pause) kill -STOP "$(pid_of "$i")"; echo "paused ${NAMES[$i]}" ;;
	resume) kill -CONT "$(pid_of "$i")"; echo "resumed ${NAMES[$i]}" ;;
	partition) partition "$i" down ;;
	heal) partition "$i" up ;;
	esac
	;;
*)
	echo "usage: $0 start|reset|stop|status|endpoints|generate, join|admit|leave|statesync NAME, vote ID, upgrade NAME HEIGHT," \
		"or start-node|stop-node|restart|kill|pause|resume|partition|heal NODE" >&2
	exit 2
	;;
esac
