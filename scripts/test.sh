#!/usr/bin/env bash
# The whole test suite: unit and end-to-end tests, built twice: in Release with warnings as
# errors, and in Debug under AddressSanitizer and UndefinedBehaviorSanitizer.
# Assumes the dependencies are installed (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
for preset in release debug; do
  echo "== $preset: build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== $preset: test"
  ctest --preset "$preset" -j "$jobs"
done
