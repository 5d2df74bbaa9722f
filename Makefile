# Promptvakt: `make run` builds and shows the demo, `make test` runs every check, `make build` builds dist/.
SHELL := /bin/bash
.DEFAULT_GOAL := build

WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p}' Cargo.lock 2>/dev/null)
TOOLS_DIR ?= $(CURDIR)/.tools
WASM_BINDGEN := $(TOOLS_DIR)/wasm-bindgen-$(WASM_BINDGEN_VERSION)/bin/wasm-bindgen
WASM_TARGET := wasm32-unknown-unknown
WASM_RAW := target/$(WASM_TARGET)/wasm/promptvakt.wasm
PKG := target/wasm-pkg
APT_PACKAGES := chromium chromium-l10n firefox-esr openssl

.PHONY: build run test deps tools wasm lint rust-test js-test e2e firefox-test bench bench-browser deploy-kit clean

## Set-up: everything a fresh Debian machine with Rust and Node lacks.
deps: tools node_modules/.installed system-packages

tools: $(WASM_BINDGEN)
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)

# The CLI must match the crate version in Cargo.lock exactly; installing it takes minutes, so it
# is cached under TOOLS_DIR keyed on the version. No --locked: its shipped lockfile is broken.
$(WASM_BINDGEN): Cargo.lock
	@if [ -z "$(WASM_BINDGEN_VERSION)" ]; then echo "wasm-bindgen version not found in Cargo.lock" >&2; exit 1; fi
	@if [ ! -x "$@" ] || ! "$@" --version | grep -q " $(WASM_BINDGEN_VERSION)$$"; then \
		echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into $(TOOLS_DIR) (takes several minutes once)"; \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root $(TOOLS_DIR)/wasm-bindgen-$(WASM_BINDGEN_VERSION); \
	fi
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## Build: the core as WebAssembly, then the extension for each browser.
wasm: tools node_modules/.installed
	cargo build --lib --target $(WASM_TARGET) --profile wasm --no-default-features
	rm -rf $(PKG) && $(WASM_BINDGEN) --target web --out-dir $(PKG) --out-name promptvakt $(WASM_RAW)
	@# Only strip: binaryen's -O/-Oz passes made building an Engine about twice as slow in Chromium
	@# (measured ~250 vs ~130 ms) and saved nothing after gzip.
	node_modules/.bin/wasm-opt --strip-debug --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext --enable-mutable-globals $(PKG)/promptvakt_bg.wasm -o $(PKG)/promptvakt_bg.wasm

build: wasm
	node scripts/build.mjs $(PKG)

## Run: the extension in Chromium on the local demo chat page (headless with a report if no display).
run: deps build
	node scripts/demo.mjs

## Test: every check, in the order that fails fastest.
test: deps lint rust-test build js-test e2e firefox-test
	@echo "make test: all checks passed"

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

rust-test:
	cargo test --all-targets

js-test: node_modules/.installed
	node --test $$(find extension scripts tests/unit -name "*.test.mjs" 2>/dev/null)

e2e: build
	node --test --test-concurrency=1 $$(find tests/e2e -name "*.test.mjs")

firefox-test: build
	node_modules/.bin/web-ext lint --source-dir dist/firefox --self-hosted
	node --test --test-concurrency=1 $$(find tests/firefox -name "*.test.mjs")

bench:
	cargo bench --bench scan

bench-browser: build
	node benches/browser.mjs

deploy-kit: build
	node scripts/deploy-kit.mjs

clean:
	rm -rf dist target/wasm-pkg target/demo
