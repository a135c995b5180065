# medchaind in a container: a static, reproducible release build (make release)
# on a small runtime image with the tools the local consortium script uses.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) \
#                --build-arg COMMIT=$(git rev-parse HEAD) -t medchain/medchaind .
#   docker compose -f deploy/compose.yml up     # 4 hospitals and a regulator, one host each
#
# The binary in the image is byte-for-byte the one `make release` builds from
# the same commit: compare `sha256sum` with build/release/SHA256SUMS.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=
RUN make release VERSION=$VERSION COMMIT=$COMMIT

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends bash ca-certificates curl jq \
	&& rm -rf /var/lib/apt/lists/* \
	&& useradd --system --uid 10001 --home-dir /home/medchain --create-home medchain \
	&& mkdir -p /net && chown medchain /net
COPY --from=build /src/build/release/medchaind /usr/local/bin/medchaind
COPY --from=build /src/testnet/localnet.sh /opt/medchain/testnet/localnet.sh
COPY --from=build /src/testnet/lib.sh /opt/medchain/testnet/lib.sh
USER medchain
WORKDIR /home/medchain
# p2p, CometBFT RPC, CometBFT Prometheus, gRPC, REST API (with /metrics)
EXPOSE 26656 26657 26660 9090 1317
VOLUME ["/home/medchain/.medchain"]
ENTRYPOINT ["medchaind"]
CMD ["start"]
