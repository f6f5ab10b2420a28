# A thin layer over CMake presets and a few node scripts. Every target runs the
# idempotent setup first (apt packages, Debian source packages, npm packages).
# OUT and DIST move the build and bundle folders (default build/ and dist/).
OUT ?= build
DIST ?= dist
PORT ?= 8080
JOBS ?= 2
export OUT DIST JOBS
export NODE_PATH := /usr/share/nodejs

.PHONY: setup test fuzz demo dist size bench native wasm wasm-modules screenshots clean
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

# What dist/ needs: every WASM target except the unit tests (*_test) and
# CMake's own, i.e. the modules and the assets built beside them. `make test`
# builds the tests itself; `make dist` and `make demo` need not wait for them.
WASM_DIST_TARGETS = cmake --build $(OUT)/wasm --target help | sed -n 's/^\.\.\. \([A-Za-z][A-Za-z0-9_-]*\)$$/\1/p' \
	| grep -vE '_test$$|^(all|clean|depend|edit_cache|rebuild_cache|test|install|list_install_components|gtest|gtest_main|gmock|gmock_main)$$'
wasm-modules: setup
	cmake --preset wasm -B $(OUT)/wasm >/dev/null
	cmake --build $(OUT)/wasm -j$(JOBS) --target $$($(WASM_DIST_TARGETS))

## make test: native unit tests, the same as WASM under node, browser tests; ends with "N passed, N failed"
test: setup
	@bash scripts/test.sh

## make fuzz: every libFuzzer target (tests/fuzz/, clang + ASan + UBSan) for FUZZ_SECONDS each (default 60)
FUZZ_SECONDS ?= 60
fuzz: setup
	@bash scripts/fuzz.sh --seconds $(FUZZ_SECONDS)

## make dist: the release bundle in $(DIST)/
dist: wasm-modules
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

## make screenshots: the documentation's screenshots (docs/screenshots/)
screenshots: dist
	node scripts/screenshots.mjs

clean:
	rm -rf $(OUT) $(DIST)
