# A thin layer over CMake presets and a few node scripts. Every target runs the
# idempotent setup first (apt packages, Debian source packages, npm packages).
# OUT and DIST move the build and bundle folders (default build/ and dist/).
OUT ?= build
DIST ?= dist
PORT ?= 8080
JOBS ?= 2
export OUT DIST JOBS
export NODE_PATH := /usr/share/nodejs

.PHONY: setup test demo dist size bench native wasm screenshots clean
.DEFAULT_GOAL := test

setup:
	@bash scripts/setup.sh

native: setup
	cmake --preset native -B $(OUT)/native >/dev/null
	cmake --build $(OUT)/native -j$(JOBS)
	ln -sf $(OUT)/native/compile_commands.json compile_commands.json

wasm: setup
	cmake --preset wasm -B $(OUT)/wasm >/dev/null
	cmake --build $(OUT)/wasm -j$(JOBS)

## make test: native unit tests, the same as WASM under node, browser tests; ends with "N passed, N failed"
test: setup
	@bash scripts/test.sh

## make dist: the release bundle in $(DIST)/
dist: wasm
	node web/package.mjs --build $(OUT)/wasm --out $(DIST)

## make demo: build dist/ and serve the demo at http://127.0.0.1:$(PORT)/
demo: dist
	node scripts/serve.mjs --port $(PORT) --dist $(DIST)

## make size: raw, gzip -9 and brotli bytes of every dist file and the eager total
size: dist
	node scripts/size.mjs $(DIST)

## make bench: speed and size side by side with JS peers (tests/bench/)
bench: dist native
	@if ls tests/bench/*.mjs >/dev/null 2>&1; then for b in tests/bench/*.mjs; do node $$b || exit 1; done; \
	else echo "no benchmarks yet"; fi

## make screenshots: the README's screenshots (docs/screenshots/)
screenshots: dist
	node scripts/screenshots.mjs

clean:
	rm -rf $(OUT) $(DIST)
