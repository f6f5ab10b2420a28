#!/usr/bin/env bash
# Builds the libFuzzer targets (the "fuzz" preset: clang, ASan, UBSan) and runs
# each for a set time, seeded from tests/fuzz/<target>/. Prints per target the
# inputs executed, the coverage reached (libFuzzer's "cov" edges and "ft"
# features), the corpus size and the findings, then one summary line.
#   scripts/fuzz.sh [--seconds N] [--min-execs N] [--counts FILE] [target...]
#   --seconds N     time per target (default $FUZZ_SECONDS or 60)
#   --min-execs N   a target that executes fewer inputs fails (make test: 10000)
#   --counts FILE   appends "pass" or "fail" per target (scripts/test.sh counts them)
# Exits non-zero on any finding (crash, sanitizer report, leak, timeout, out of
# memory) or a target under --min-execs. Findings are written to
# $OUT/fuzz/findings/<target>/ with the libFuzzer command that reproduces them;
# the corpus grown by a run stays in $OUT/fuzz/corpus/<target>/ (not committed:
# a finding's input, once fixed, goes into tests/fuzz/<target>/ as a seed).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-build}
JOBS=${JOBS:-2}
seconds=${FUZZ_SECONDS:-60}
min_execs=0
counts=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --min-execs) min_execs=$2; shift 2 ;;
    --counts) counts=$2; shift 2 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$source" _fuzz.cpp)"); done
fi

build="$OUT/fuzz"
if ! { cmake --preset fuzz -B "$build" >/dev/null && cmake --build "$build" -j"$JOBS" --target fuzz_targets >"$build/build.log" 2>&1; }; then
  tail -n 30 "$build/build.log" 2>/dev/null
  echo "fuzz: the fuzz targets did not build"
  [ -n "$counts" ] && echo fail >>"$counts"
  exit 1
fi

# Leaks are findings; UBSan stops at the first report (the preset also
# compiles with -fno-sanitize-recover).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
printf '%-12s %10s %8s %8s %8s  %s\n' target execs cov ft corpus findings
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/${t}_fuzz"
  seeds="tests/fuzz/$t"
  corpus="$build/corpus/$t"
  findings="$build/findings/$t"
  log="$build/$t.log"
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings"
  # -timeout: one input running 10 s is a finding; -rss_limit_mb: so is 2 GB.
  # Host lists and QR texts longer than 512 bytes only repeat what shorter
  # ones reach; feeds keep libFuzzer's default (the longest seed, at least 4 KB).
  max_len=()
  case "$t" in host|qr|attributes) max_len=(-max_len=512) ;; esac
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${max_len[@]}" \
    -artifact_prefix="$findings/" "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  size=$(find "$corpus" -type f | wc -l)
  found=$(find "$findings" -type f ! -name '*.txt' | wc -l)
  verdict="none"
  failed=0
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    verdict="$found in $findings (exit $rc; log $log)"
    grep -m1 -E 'ERROR: |runtime error:|invariant broken' "$log" | sed 's/^/    /'
    for f in "$findings"/*; do
      case "$f" in *.txt|"$findings/*") continue ;; esac
      echo "$bin $f" >"$f.txt"  # how to reproduce it
    done
    failed=1
  elif [ "${execs:-0}" -lt "$min_execs" ]; then
    verdict="none, but only ${execs:-0} inputs in ${seconds} s (at least $min_execs expected)"
    failed=1
  fi
  printf '%-12s %10s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$size" "$verdict"
  [ "$failed" -eq 0 ] || status=1
  [ -n "$counts" ] && { [ "$failed" -eq 0 ] && echo pass || echo fail; } >>"$counts"
done
[ "$status" -eq 0 ] && echo "fuzz: ${#targets[@]} targets, ${seconds} s each, no findings" || echo "fuzz: FAILED (see above)"
exit "$status"
