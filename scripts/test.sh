#!/usr/bin/env bash
# make test: every test, in order of speed, then the summary: "N skipped", and
# last "N passed, N failed" (skipped tests count in neither).
#   1. native unit tests (GoogleTest under ctest)
#   2. the same native tests under AddressSanitizer + UBSan (the debug preset)
#   3. each libFuzzer target for 10 s (at least 10,000 inputs, no finding)
#   4. the same unit tests as WASM under node (ctest with node as emulator)
#   5. dist/ packaging, then the node and browser tests (tests/web/*.test.mjs)
#   6. the browser tests again on the plain-JS build (PW_TEST_MODE=js: every
#      page's script tag gets data-mode="js", see tests/web/helpers.mjs),
#      counted apart ("js: ...") and in the totals
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
  # --test-force-exit and the outer timeout: a file that leaves a browser or
  # server open must not stall the run.
  run_web() {  # run_web <label> <counts file> <test files...>; PW_TEST_MODE from the caller
    local label=$1 file=$2 status p f k
    shift 2
    rm -f "$file"
    DIST="$DIST" OUT="$OUT" PW_TEST_COUNTS="$file" timeout 2400 node --test --test-concurrency=1 --test-force-exit \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=./scripts/count-reporter.mjs --test-reporter-destination=/dev/null \
      "$@"
    status=$?
    p=$(grep -c '^pass$' "$file" 2>/dev/null); f=$(grep -c '^fail$' "$file" 2>/dev/null)
    k=$(grep -c '^skip$' "$file" 2>/dev/null)
    p=${p:-0}; f=${f:-0}; k=${k:-0}
    skipped=$((skipped + k))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; failures+=("$label: node --test exited with status $status"); fi
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -eq 0 ] || failures+=("$label: $f failed (see above)")
    web_counts="$p passed, $f failed, $k skipped"
  }
  started=$SECONDS
  PW_TEST_MODE=wasm run_web web "$OUT/web/counts.txt" tests/web/*.test.mjs
  wasm_summary="web (wasm): $web_counts in $((SECONDS - started)) s"

  stage "browser tests on the plain-JS build (PW_TEST_MODE=js)"
  # The Chromium test files verified on the plain-JS build; a file joins once
  # it passes with PW_TEST_MODE=js (tests about the .wasm files themselves skip
  # there and say why: WASM_ONLY in tests/web/helpers.mjs). plainjs.test.mjs
  # sets data-mode on its pages itself and ran above.
  browser_tests=(foundation font-size qrcode related leave-site held-click hostile cms layout-shift removal elements
    host bad-input package studio docs readers)
  browser_tests=("${browser_tests[@]/#/tests/web/}")
  browser_tests=("${browser_tests[@]/%/.test.mjs}")
  started=$SECONDS
  PW_TEST_MODE=js run_web "js: web" "$OUT/web/counts-js.txt" "${browser_tests[@]}"
  js_summary="js: web: $web_counts in $((SECONDS - started)) s"
else
  failed=$((failed + 1)); failures+=("dist: packaging failed")
fi

echo
[ -z "${wasm_summary:-}" ] || echo "$wasm_summary"
[ -z "${js_summary:-}" ] || echo "$js_summary"
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
