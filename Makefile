# medchain — common tasks. Every target works offline once Go modules are cached.
BINARY     := build/medchaind
GO         ?= go
TEST_FLAGS ?= -timeout 30m
# staticcheck at an exact version, outside the app's module graph.
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: bench build build-upgrade release install test test-unit test-e2e test-e2e-alone test-faults test-sim fuzz fuzz-short localnet-start localnet-reset localnet-status localnet-stop proto-gen proto-check lint clean

# Fuzz targets as Name:package; `make fuzz` runs each for FUZZTIME.
FUZZ_TARGETS := FuzzCheckTx:./app FuzzAllowlist:./app \
	FuzzMsgValidation:./x/consortium/types FuzzMsgValidation:./x/records/types \
	FuzzMsgValidation:./x/consent/types FuzzMsgValidation:./x/audit/types \
	FuzzGenesis:./x/consortium/keeper FuzzGenesis:./x/records/keeper \
	FuzzGenesis:./x/consent/keeper FuzzGenesis:./x/audit/keeper \
	FuzzVerify:./x/records/merkle FuzzDecode:./internal/lightproof
FUZZTIME ?= 10m

# `medchaind version --long` reports these.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
SDKVER  := github.com/cosmos/cosmos-sdk/version
LDFLAGS := -X $(SDKVER).Name=medchain -X $(SDKVER).AppName=medchaind -X $(SDKVER).Version=$(VERSION) -X $(SDKVER).Commit=$(COMMIT)

# Every build is static and path-free, as the release is: tests, the binary
# they run and the release share one build cache.
export CGO_ENABLED := 0
export GOFLAGS := $(strip $(filter-out -trimpath,$(GOFLAGS)) -trimpath)

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BINARY) ./cmd/medchaind

# A binary that also carries the test upgrade (plan "v2-test"), for the
# end-to-end upgrade test and the local consortium's upgrade walkthrough.
build-upgrade:
	$(GO) build -tags testupgrade -ldflags '$(LDFLAGS) -X $(SDKVER).BuildTags=testupgrade' -o $(BINARY)-v2 ./cmd/medchaind

# The release: a static binary with no local path, no build ID and no symbol
# table, and its checksum. Two builds from the same commit are byte-for-byte
# equal (tests/release checks it), so anyone can rebuild a release and compare.
RELEASE := build/release
release:
	rm -rf $(RELEASE) && mkdir -p $(RELEASE)
	$(GO) build -ldflags '$(LDFLAGS) -s -w -buildid=' -o $(RELEASE)/medchaind ./cmd/medchaind
	cd $(RELEASE) && sha256sum medchaind > SHA256SUMS && cat SHA256SUMS

install:
	$(GO) install -ldflags '$(LDFLAGS)' ./cmd/medchaind

# Builds medchaind once; the end-to-end tests run that binary. Includes a
# short run of the fault suite, the simulation and every fuzz target's seeds.
test: build build-upgrade
	MEDCHAIND=$(CURDIR)/$(BINARY) MEDCHAIND_V2=$(CURDIR)/$(BINARY)-v2 $(GO) test $(TEST_FLAGS) ./...

# The fault suite with full durations (30 s pauses, halts and partitions).
test-faults: build
	MEDCHAIN_FAULTS=full MEDCHAIND=$(CURDIR)/$(BINARY) $(GO) test $(TEST_FLAGS) -run TestFaults -v ./tests/e2e

# The deterministic simulation, long: SIM_BLOCKS blocks for each of SIM_SEEDS seeds.
SIM_BLOCKS ?= 1000
SIM_SEEDS ?= 5
test-sim:
	MEDCHAIN_SIM_BLOCKS=$(SIM_BLOCKS) MEDCHAIN_SIM_SEEDS=$(SIM_SEEDS) $(GO) test $(TEST_FLAGS) -run Simulation -v ./app

# Every fuzz target for FUZZTIME each (make fuzz FUZZTIME=1h for a long run).
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; pkg=$${t#*:}; \
		echo "== $$name $$pkg ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 200x $$pkg || exit 1; \
	done

# Every fuzz target briefly, as CI runs them. The budget is a count of
# executions, not a duration: a duration races the fuzzing coordinator's
# deadline on a loaded machine and fails with "context deadline exceeded"
# having found nothing.
fuzz-short:
	$(MAKE) fuzz FUZZTIME=20000x

# Benchmarks measured side by side in one run, as ratios (scripts/bench.sh):
# A execution in process vs bank MsgSend and the bare floor, sequential and
# block-STM; B the local consortium under `medchaind load run` vs CometBFT's
# kvstore on the same configuration; C batches vs the bare sha-256 tree;
# D queries under load against a seeded store. ~25 minutes on 2 cores.
# BENCH_TIERS=a runs tier A alone. Tables, CSV and plots land in BENCH_OUT.
BENCH_OUT ?= build/bench
bench: build
	$(GO) build -o build/cometbft github.com/cometbft/cometbft/cmd/cometbft
	BENCH_OUT=$(BENCH_OUT) scripts/bench.sh

# Every end-to-end subtest alone, each on a fresh local consortium (~40 min).
test-e2e-alone: build build-upgrade
	MEDCHAIND=$(CURDIR)/$(BINARY) MEDCHAIND_V2=$(CURDIR)/$(BINARY)-v2 TEST_FLAGS='$(TEST_FLAGS)' scripts/e2e-alone.sh

test-unit:
	$(GO) test $(TEST_FLAGS) $$($(GO) list ./... | grep -v /tests/e2e)

test-e2e: build build-upgrade
	MEDCHAIND=$(CURDIR)/$(BINARY) MEDCHAIND_V2=$(CURDIR)/$(BINARY)-v2 $(GO) test $(TEST_FLAGS) -v ./tests/e2e/...

localnet-start: build
	testnet/localnet.sh start

localnet-reset: build
	testnet/localnet.sh reset

localnet-status:
	testnet/localnet.sh status

localnet-stop:
	testnet/localnet.sh stop

proto-gen:
	scripts/protocgen.sh

proto-check:
	scripts/proto-check.sh

lint:
	$(GO) vet ./...
	$(STATICCHECK) ./...
	test -z "$$(gofmt -l app cmd client examples x tests testutil internal deploy)"

clean:
	rm -rf build
