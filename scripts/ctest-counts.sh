#!/usr/bin/env bash
# Reads a ctest log and prints "<passed> <failed> <skipped>" for scripts/test.sh.
# ctest's summary ("N% tests passed, F tests failed out of T") counts a skipped
# test (GTEST_SKIP, e.g. no zbarimg under node) in T and among the passed ones,
# but leaves a disabled test (DISABLED property) out of T altogether. Its "The
# following tests did not run" list names each as "(Skipped)" or "(Disabled)":
# the skipped ones are moved from passed to skipped here, the disabled ones are
# only added to skipped.
# Exits 1, printing nothing, when the log has no summary (ctest did not run).
#   scripts/ctest-counts.sh build/native/ctest.log
set -uo pipefail
line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "${1:?usage: ctest-counts.sh <ctest log>}" 2>/dev/null | tail -n1)
[ -n "$line" ] || exit 1
total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
bad=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
skipped=$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Skipped\)$' "$1")
disabled=$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Disabled\)$' "$1")
echo "$((total - bad - skipped)) $bad $((skipped + disabled))"
