# syntax=docker/dockerfile:1
# One image holds the programs of all six actions. The release workflow builds it once per release and
# publishes it; released action.yml files point at that image (internal/pinimage), so consumers only pull.
# On main, each action.yml builds this file (image: ../Dockerfile), so the repository's own CI runs the
# current code.

ARG GO_VERSION=1.26

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
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
