# Flink Studio. Two commands: `make serve` (try the studio) and `make test` (every check).
# Both install what they need first (scripts/setup.sh; idempotent, skips what is present;
# `make test` runs it as its first timed step).

SHELL := /bin/bash
export PATH := $(CURDIR)/scripts/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export TRUNK_OFFLINE := true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help setup setup-build serve dev build test ci fmt lint e2e

help:
	@echo "make serve   build the studio (release) and serve it on http://127.0.0.1:8080"
	@echo "make test    install what is missing, then run every check (fmt, clippy, tests, build, e2e)"
	@echo "make dev     debug build served on http://127.0.0.1:8080 (rebuilds on change; reload the page by hand)"
	@echo "make build   release build into dist/"
	@echo "make e2e     browser tests against dist/ (after make build)"

setup:
	@scripts/setup.sh all

setup-build:
	@scripts/setup.sh build

serve: setup-build
	trunk serve --release --address 127.0.0.1 --port 8080

dev: setup-build
	trunk serve --address 127.0.0.1 --port 8080

build: setup-build
	trunk build --release

test:
	@scripts/test.sh

ci: test

fmt:
	cargo fmt

lint:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features ui --lib --bins -- -D warnings

e2e:
	node tests/e2e/run.mjs
