# medchain — common tasks. Every target works offline once Go modules are cached.
BINARY     := build/medchaind
GO         ?= go
TEST_FLAGS ?= -timeout 30m

.PHONY: build install test test-unit test-e2e localnet-start localnet-status localnet-stop proto-gen proto-check lint clean

build:
	$(GO) build -o $(BINARY) ./cmd/medchaind

install:
	$(GO) install ./cmd/medchaind

# Builds medchaind once; the end-to-end tests run that binary.
test: build
	MEDCHAIND=$(CURDIR)/$(BINARY) $(GO) test $(TEST_FLAGS) ./...

test-unit:
	$(GO) test $(TEST_FLAGS) $$($(GO) list ./... | grep -v /tests/e2e)

test-e2e: build
	MEDCHAIND=$(CURDIR)/$(BINARY) $(GO) test $(TEST_FLAGS) -v ./tests/e2e/...

localnet-start: build
	testnet/localnet.sh start

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
	test -z "$$(gofmt -l app cmd x tests testutil internal)"

clean:
	rm -rf build
