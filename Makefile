# Thin wrappers over the Go tool; .ci/run is what CI runs.
GOLANGCI_LINT_VERSION ?= v2.15.0
IMAGE ?= ghcr.io/rose/actions:dev
BIN   ?= bin

.PHONY: test lint build docker local catalog bench

test:
	go test -race -shuffle=on ./...

lint:
	gofmt -l $$(git ls-files '*.go') | (! grep .)
	go vet ./...
	go run github.com/rhysd/actionlint/cmd/actionlint
	go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION) run ./...

build:
	CGO_ENABLED=0 go build -trimpath -o $(BIN)/ ./actions/...

docker:
	docker build -t $(IMAGE) .

local:
	bash scripts/run-local.sh

catalog:
	go test . -run TestCatalog -update

bench:
	go test -run '^$$' -bench . -benchmem ./pkg/...
