#!/usr/bin/env bash
# Checks the C++ files changed since BASE (committed or not) with clang-format (.clang-format;
# check only, nothing rewritten) and clang-tidy (.clang-tidy, with the compile commands of
# build/release, which must be configured). Exits 1 on any finding, 2 when it cannot run.
#   scripts/lint.sh [BASE]
# BASE defaults to where this branch left main, or HEAD~1 on main itself (and so in a fresh
# clone of main alone); with no such commit (a shallow clone's only commit) nothing is checked.
# clang-tidy reads the changed .cc files, and for a changed header the .cc beside it; findings
# in the forcecheck headers they include count too.
# Fix formatting with: clang-format -i FILE...
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/release
for tool in clang-format clang-tidy; do
  if ! command -v "$tool" >/dev/null; then
    echo "lint: $tool is not installed (scripts/install-deps.sh --test)" >&2
    exit 2
  fi
done

default_base() {
  local head main
  head=$(git rev-parse HEAD)
  for main in main origin/main; do
    if git rev-parse -q --verify "$main^{commit}" >/dev/null; then
      local fork
      fork=$(git merge-base HEAD "$main" 2>/dev/null) || continue
      if [ "$fork" != "$head" ]; then echo "$fork"; return; fi
      break
    fi
  done
  git rev-parse -q --verify 'HEAD~1^{commit}' || true
}

base=${1:-$(default_base)}
if [ -z "$base" ]; then
  echo "lint: no commit to compare with (pass BASE); nothing checked"
  exit 0
fi

changed=()
while IFS= read -r f; do
  case "$f" in
    src/*.cc | src/*.h | tests/*.cc | tests/*.h | bench/*.cc | bench/*.h) changed+=("$f") ;;
  esac
done < <(git diff --name-only --diff-filter=ACMR "$base" --)
if [ ${#changed[@]} -eq 0 ]; then
  echo "lint: no C++ file changed since $(git rev-parse --short "$base")"
  exit 0
fi

status=0
echo "lint: clang-format on ${#changed[@]} file(s) changed since $(git rev-parse --short "$base")"
for f in "${changed[@]}"; do
  if ! clang-format --dry-run -Werror "$f" 2>/dev/null; then
    echo "$f: not formatted (clang-format -i $f); the difference:"
    clang-format "$f" | diff -u --label "$f" --label "$f, formatted" "$f" - | head -40 || true
    status=1
  fi
done

if [ ! -f "$build/compile_commands.json" ]; then
  echo "lint: no $build/compile_commands.json: configure first (cmake --preset release)" >&2
  exit 2
fi

# The translation units to tidy: those in the compile commands (the fuzz targets are not, in a
# release build), a header standing for the .cc beside it.
units=()
for f in "${changed[@]}"; do
  unit=${f%.h}
  unit=${unit%.cc}.cc
  [ -f "$unit" ] || continue
  grep -qF "\"file\": \"$(pwd -P)/$unit\"" "$build/compile_commands.json" || continue
  case " ${units[*]} " in *" $unit "*) ;; *) units+=("$unit") ;; esac
done
if [ ${#units[@]} -gt 0 ]; then
  echo "lint: clang-tidy on ${#units[@]} file(s)"
  # -Wno-unknown-warning-option: the compile commands are GCC's (-Wno-restrict).
  printf '%s\n' "${units[@]}" |
    xargs -P "$(nproc 2>/dev/null || echo 2)" -n 1 \
      clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option 2>&1 |
    sed '/warnings\{0,1\} generated\.$/d' || status=1
fi
[ $status -eq 0 ] && echo "lint: ok"
exit $status
