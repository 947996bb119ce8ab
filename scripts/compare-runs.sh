#!/usr/bin/env bash
# Times `forcecheck check --format json` for two or more builds run alternately, so that every
# build meets the same load on a shared machine, and prints each one's min, median, 90th
# percentile and max wall time in milliseconds. A first run of each warms the page cache.
# FORCECHECK_CACHE_DIR is set empty: builds older than the removal of the pack cache then read
# the pack's YAML as the current one does (forcecheck keeps nothing between runs).
#
#   scripts/compare-runs.sh RUNS EVIDENCE BINARY [BINARY...]
#   scripts/compare-runs.sh 40 /tmp/fb/force-50000/evidence.yaml /tmp/forcecheck-before build/release/forcecheck
#
# (`build/release/forcecheck_bench --keep /tmp/fb` leaves a generated force's evidence behind.)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 3 ]; then
  echo "usage: scripts/compare-runs.sh RUNS EVIDENCE BINARY [BINARY...]" >&2
  exit 2
fi
runs=$1 evidence=$2
shift 2
binaries=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # binary: prints the wall time in tenths of a millisecond
  local start end
  start=$(date +%s%N)
  FORCECHECK_CACHE_DIR= "$1" check --rules rules --evidence "$evidence" --format json \
    >/dev/null 2>&1 || true  # exit 1 (gaps found) is a run like any other
  end=$(date +%s%N)
  echo $(((end - start) / 100000))
}

for i in "${!binaries[@]}"; do run "${binaries[$i]}" >/dev/null; done
for ((r = 0; r < runs; r++)); do
  for i in "${!binaries[@]}"; do run "${binaries[$i]}" >>"$work/times-$i"; done
done
for i in "${!binaries[@]}"; do
  sort -n "$work/times-$i" | awk -v name="${binaries[$i]}" '{t[NR] = $1}
    END {p90 = int(NR * 0.9); if (p90 < 1) p90 = 1
         printf "%-40s min %6.1f  median %6.1f  p90 %6.1f  max %6.1f ms\n", name,
                t[1] / 10, t[int((NR + 1) / 2)] / 10, t[p90] / 10, t[NR] / 10}'
done
