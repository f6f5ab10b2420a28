#!/usr/bin/env bash
# make test: every test, in order of speed, then the summary: "N skipped", and
# last "N passed, N failed" (skipped tests count in neither).
#   1. native unit tests (GoogleTest under ctest)
#   2. the same native tests under AddressSanitizer + UBSan (the debug preset)
#   3. each libFuzzer target for 10 s (at least 10,000 inputs, no finding)
#   4. the same unit tests as WASM under node (ctest with node as emulator)
#   5. dist/ packaging, then the node and browser tests (tests/web/*.test.mjs)
# A stage that cannot build counts as one failure; later stages still run
# where they can. Exits non-zero on any failure.
# OUT (default build) and DIST (default dist) let several checkouts' worth of
# builds live side by side.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-build}
DIST=${DIST:-dist}
JOBS=${JOBS:-2}
export NODE_PATH=/usr/share/nodejs
passed=0
failed=0
skipped=0
declare -a failures=()

count_ctest() {  # count_ctest <stage> <logfile>
  local counts p f k
  if ! counts=$(bash scripts/ctest-counts.sh "$2"); then
    failed=$((failed + 1)); failures+=("$1: ctest did not run"); return
  fi
  read -r p f k <<<"$counts"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
  [ "$f" -eq 0 ] || failures+=("$1: $f failed (see above)")
}

stage() { echo; echo "=== $*"; }

stage "native unit tests"
if cmake --preset native -B "$OUT/native" >/dev/null && cmake --build "$OUT/native" -j"$JOBS"; then
  ln -sf "$OUT/native/compile_commands.json" compile_commands.json  # for editors, as make native does
  ctest --test-dir "$OUT/native" -j"$JOBS" --output-on-failure 2>&1 | tee "$OUT/native/ctest.log" | tail -n 5
  count_ctest native "$OUT/native/ctest.log"
else
  failed=$((failed + 1)); failures+=("native: build failed")
fi

stage "native unit tests under AddressSanitizer + UBSan (leaks detected)"
# The debug preset: -O0 with ASan and UBSan, every native test prefixed asan.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
if cmake --preset debug -B "$OUT/debug" >/dev/null && cmake --build "$OUT/debug" -j"$JOBS" >"$OUT/debug-build.log" 2>&1; then
  ctest --test-dir "$OUT/debug" -j"$JOBS" --output-on-failure 2>&1 | tee "$OUT/debug/ctest.log" | tail -n 5
  count_ctest asan "$OUT/debug/ctest.log"
else
  tail -n 30 "$OUT/debug-build.log"
  failed=$((failed + 1)); failures+=("asan: build failed")
fi
unset ASAN_OPTIONS UBSAN_OPTIONS

stage "fuzzing: every libFuzzer target for ${PW_TEST_FUZZ_SECONDS:-10} s (make fuzz runs longer)"
fuzz_counts="$OUT/fuzz-counts.txt"
rm -f "$fuzz_counts"
bash scripts/fuzz.sh --seconds "${PW_TEST_FUZZ_SECONDS:-10}" --min-execs 10000 --counts "$fuzz_counts"
p=$(grep -c '^pass$' "$fuzz_counts" 2>/dev/null); f=$(grep -c '^fail$' "$fuzz_counts" 2>/dev/null)
p=${p:-0}; f=${f:-0}
[ "$p" -gt 0 ] || [ "$f" -gt 0 ] || f=1
passed=$((passed + p)); failed=$((failed + f))
[ "$f" -eq 0 ] || failures+=("fuzz: $f target(s) failed (see above)")

stage "unit tests as WASM under node"
wasm_built=0
if cmake --preset wasm -B "$OUT/wasm" >/dev/null && cmake --build "$OUT/wasm" -j"$JOBS"; then
  wasm_built=1
  ctest --test-dir "$OUT/wasm" -j"$JOBS" --output-on-failure 2>&1 | tee "$OUT/wasm/ctest.log" | tail -n 5
  count_ctest wasm "$OUT/wasm/ctest.log"
else
  failed=$((failed + 1)); failures+=("wasm: build failed")
fi

stage "dist/ and browser tests"
if [ "$wasm_built" = 1 ] && node web/package.mjs --build "$OUT/wasm" --out "$DIST"; then
  mkdir -p "$OUT/web"
  counts="$OUT/web/counts.txt"
  rm -f "$counts"
  # --test-force-exit and the outer timeout: a file that leaves a browser or
  # server open must not stall the run.
  DIST="$DIST" OUT="$OUT" PW_TEST_COUNTS="$counts" timeout 2400 node --test --test-concurrency=1 --test-force-exit \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=./scripts/count-reporter.mjs --test-reporter-destination=/dev/null \
    tests/web/*.test.mjs
  status=$?
  p=$(grep -c '^pass$' "$counts" 2>/dev/null); f=$(grep -c '^fail$' "$counts" 2>/dev/null)
  k=$(grep -c '^skip$' "$counts" 2>/dev/null)
  p=${p:-0}; f=${f:-0}; k=${k:-0}
  skipped=$((skipped + k))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; failures+=("web: node --test exited with status $status"); fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("web: $f failed (see above)")
else
  failed=$((failed + 1)); failures+=("dist: packaging failed")
fi

echo
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
