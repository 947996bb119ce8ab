#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz) for a bounded time each.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds, every target
#
# Builds the debug preset (clang, ASan+UBSan, FORCECHECK_FUZZ) when needed, gathers each
# target's seed corpus from the repository's rules, tests and examples into
# build/debug/fuzz/seeds/ (afresh each run), and runs the targets two at a time (the
# machine's cores; FUZZ_JOBS overrides), each for SECONDS on its seeds, the small hand-made
# seeds in tests/fuzz/corpus/<target>/ and its persistent corpus build/debug/fuzz/corpus/<target>/
# (which keeps what earlier runs found), with its dictionary and the limits in
# tests/fuzz/<target>.options. A crash, leak, timeout, memory limit or sanitizer report stops
# that target: its input is kept in build/debug/fuzz/crashes/<target>/ and the script exits 1
# after the others finish. Prints each target's executions and coverage (libFuzzer's cov: and
# ft:, the edges and features reached) at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
all=(expression csv evidence rule_file rule_pack params rule_tests differential)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
  [ -f "tests/fuzz/$t.options" ] || { echo "fuzz.sh: error: unknown target '$t' (targets: ${all[*]})" >&2; exit 2; }
done
jobs=${FUZZ_JOBS:-2}

build=build/debug
work=$build/fuzz
echo "== fuzz: build"
cmake --preset debug >/dev/null
cmake --build --preset debug -j "$jobs" --target fuzz_seeds "${targets[@]/#/fuzz_}"

# ---- seed corpora ---------------------------------------------------------------------------

# Copies each file named to seeds/<target>/ under a name made of its path.
seed() {
  local target=$1
  shift
  mkdir -p "$work/seeds/$target"
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "$work/seeds/$target/${f//\//_}"
  done
  return 0
}

# Joins a pack folder's files into one rule_pack input: pack.yaml first, then the others,
# each after a "#### FILE" line.
seed_pack() {
  local dir=$1 out=$work/seeds/rule_pack/${1//\//_}
  mkdir -p "$work/seeds/rule_pack"
  cat "$dir/pack.yaml" >"$out"
  for f in "$dir"/*.yaml; do
    [ "$(basename "$f")" = pack.yaml ] && continue
    printf '\n#### FILE\n' >>"$out"
    cat "$f" >>"$out"
  done
}

# The expressions of tests/expr/row_program_test.cc's corpus, one a file.
seed_expressions() {
  local target=$1 n=0
  mkdir -p "$work/seeds/$target"
  sed -n '/^const std::vector<std::string>& Corpus()/,/^}/p' tests/expr/row_program_test.cc |
    sed -n 's/^ *"\(.*\)",\{0,1\}$/\1/p' | sed 's/\\"/"/g; s/\\\\/\\/g' |
    while IFS= read -r line; do
      n=$((n + 1))
      printf '%s' "$line" >"$work/seeds/$target/row_program_test-$n"
    done
}

echo "== fuzz: seeds"
rm -rf "$work/seeds"
shopt -s nullglob globstar
registers=(examples/*/registers/*.csv rules/tests/fixtures/**/*.csv tests/e2e/cases/**/*.csv)
"$build/tests/fuzz/fuzz_seeds" "$work/seeds" "${registers[@]}"
seed_expressions expression
seed_expressions differential
cp "$work/seeds/expression/"* "$work/seeds/differential/"
seed evidence examples/*/evidence.yaml rules/tests/fixtures/**/*.yaml tests/e2e/cases/**/evidence.yaml
seed rule_file rules/*.yaml tests/e2e/cases/*/pack.yaml tests/e2e/cases/*/pack/*.yaml
seed_pack rules
for d in tests/e2e/cases/*/pack; do seed_pack "$d"; done
seed params tests/e2e/cases/**/params*.yaml examples/**/params*.yaml
seed rule_tests rules/tests/*.yaml tests/e2e/cases/*/pack/tests/*.yaml
# A bundled test file of a hundred cases takes seconds in this build (each case merges its
# base evidence): keep each seed's cases up to the first to start past 8 KB.
for f in "$work/seeds/rule_tests/"*; do
  awk '{ n += length($0) + 1 } n > 8192 && /^  - name:/ { exit } { print }' "$f" >"$f.cut" && mv "$f.cut" "$f"
done
shopt -u nullglob globstar

# ---- the runs -------------------------------------------------------------------------------

scratch=$(mktemp -d "${TMPDIR:-/dev/shm}/forcecheck-fuzz.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run() {
  local t=$1 committed=tests/fuzz/corpus/$1
  mkdir -p "$work/corpus/$t" "$work/crashes/$t" "$work/seeds/$t" "$work/logs" "$scratch/$t"
  local dirs=("$work/corpus/$t" "$work/seeds/$t")
  [ -d "$committed" ] && dirs+=("$committed")
  local options
  mapfile -t options < <(grep -v '^#' "tests/fuzz/$t.options" | grep .)
  FORCECHECK_FUZZ_SCRATCH=$scratch/$t "$build/tests/fuzz/fuzz_$t" "${options[@]}" \
    -dict="tests/fuzz/$t.dict" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$work/crashes/$t/" "${dirs[@]}" >"$work/logs/$t.log" 2>&1
}

echo "== fuzz: ${targets[*]} for ${seconds}s each, $jobs at a time (logs in $work/logs)"
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run "$t" &
done
wait
failed=()

# A target failed when libFuzzer did not end with its final stats after a clean run, or left
# a crash, leak, timeout or out-of-memory input behind.
printf '\n%-13s %12s %8s %8s %9s  %s\n' target executions cov ft rss_mb result
for t in "${targets[@]}"; do
  log=$work/logs/$t.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  # (a slow-unit- file is only a note of the slowest input, not a failure)
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | { grep -v '/slow-unit-' || true; } | tail -1)
  result=ok
  if [ -n "$artifact" ] || grep -q '^==[0-9]*==ERROR\|^SUMMARY: \|runtime error:' "$log" ||
     ! grep -q 'Done [0-9]* runs in' "$log"; then
    result="FAILED ${artifact:-(see $log)}"
    failed+=("$t")
  fi
  printf '%-13s %12s %8s %8s %9s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${rss:-?}" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    echo
    echo "== fuzz: $t failed; the end of $work/logs/$t.log:"
    tail -40 "$work/logs/$t.log"
  done
  echo
  echo "fuzz.sh: ${#failed[@]} target(s) failed: ${failed[*]}. Reproduce with" \
       "$build/tests/fuzz/fuzz_TARGET CRASH_FILE; make the input a regression test (README, Fuzzing)." >&2
  exit 1
fi
