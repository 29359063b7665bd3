# One image holds the programs of all six actions. The release workflow builds it once per release and
# publishes it; released action.yml files point at that image (internal/pinimage), so consumers only pull.
# On main, each action.yml builds this file (image: ../Dockerfile), so the repository's own CI runs the
# current code.
#
# It builds with BuildKit (buildx) and with the classic builder (Docker without buildx, such as Debian's
# docker.io): no `# syntax=` line, which would make BuildKit pull a frontend image, and a default for
# BUILDPLATFORM, which only BuildKit sets. With BuildKit the build stage runs on the builder's own platform
# and cross-compiles for TARGETOS/TARGETARCH; with the classic builder `linux` means Linux on the builder's
# architecture and the empty TARGETOS/TARGETARCH leave Go's defaults, so the image is for that architecture.
#
# The final stage is the released image. scripts/container-test.sh builds that same stage, taken from this
# file as it is, on binaries built on the host, and runs every action in it as the runner does: keep the
# binaries in /out, the root filesystem in /rootfs and the CA bundle at /etc/ssl/certs/ca-certificates.crt.

ARG GO_VERSION=1.26

FROM --platform=${BUILDPLATFORM:-linux} golang:${GO_VERSION}-alpine AS build
RUN apk add --no-cache ca-certificates
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG TARGETOS
ARG TARGETARCH
ARG VERSION=dev
# Static binaries (no cgo), reproducible paths, no debug symbols.
RUN mkdir -p /out /rootfs/tmp && chmod 1777 /rootfs/tmp && \
    for a in pr-lint secret-scan railway-deploy health-check semver-release changelog; do \
      CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
        go build -trimpath -ldflags="-s -w" -o /out/$a ./actions/$a || exit 1; \
    done

FROM scratch
ARG VERSION=dev
LABEL org.opencontainers.image.title="rose/actions" \
      org.opencontainers.image.description="Reusable GitHub Actions: pr-lint, secret-scan, railway-deploy, health-check, semver-release, changelog" \
      org.opencontainers.image.source="https://github.com/rose/actions" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}"
# CA certificates for HTTPS to api.github.com and Railway.
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /rootfs/ /
COPY --from=build /out/ /usr/local/bin/
ENV PATH=/usr/local/bin
# No ENTRYPOINT and no USER: each action.yml names its program (runs.args) and Docker actions run as root,
# which the runner needs to write the file-command files it mounts.
