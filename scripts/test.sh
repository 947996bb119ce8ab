#!/usr/bin/env bash
# The whole test suite: unit and end-to-end tests, built three times: in Release with warnings
# as errors; in Debug with clang under AddressSanitizer and UndefinedBehaviorSanitizer, which
# also builds the libFuzzer targets (tests/fuzz), run for 20 seconds each after the debug
# tests (scripts/fuzz.sh); and optimised under ThreadSanitizer with four workers
# (FORCECHECK_JOBS=4, whatever the machine's cores), since the pack, the registers and the
# rules are worked on in parallel.
# After the Release build, scripts/lint.sh checks the C++ files changed since main with
# clang-format and clang-tidy.
# Assumes the dependencies are installed (scripts/install-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
for preset in release debug tsan; do
  echo "== $preset: build"
  # Explicitly on: scripts/run-example.sh configures a fresh build/release without the tests.
  cmake --preset "$preset" -DFORCECHECK_BUILD_TESTS=ON >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  if [ "$preset" = release ]; then
    echo "== lint"
    bash scripts/lint.sh
  fi
  echo "== $preset: test"
  ctest --preset "$preset" -j "$jobs"
  if [ "$preset" = debug ]; then
    echo "== fuzz"
    bash scripts/fuzz.sh 20
  fi
done
