#!/usr/bin/env bash
# The Debian package, as a user gets it: built by cpack from the build folder BUILD, unpacked
# into an empty root with `dpkg -x`, and the West Midlands 2016 example checked with the
# unpacked program and no --rules. It must find its installed pack and print what the build's
# own program prints with --rules rules (exit 1, the same text report); so must `lint` and
# `explain`. Also checks that the
# package declares the libraries the program links, as dpkg-shlibdeps reads them.
# Usage, from the source root: tests/package/package_test.sh BUILD
set -euo pipefail
build=$1

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool is not installed (scripts/install-deps.sh)"
    exit 77
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log"
  exit 1
fi
debs=("$tmp"/out/forcecheck_*.deb)
deb=${debs[0]}
depends=$(dpkg-deb -f "$deb" Depends)
# Each library the program links, by the start of its package's name (the version in the name
# is Debian's: libyaml-cpp0.7, libspdlog1.10-fmt9, ...).
for lib in libyaml-cpp libboost-program-options libspdlog libfmt libnettle8 libstdc++6 libc6; do
  case ", $depends" in
    *", $lib"*) ;;
    *) echo "package Depends lacks $lib: $depends"; exit 1 ;;
  esac
done

root=$tmp/root
dpkg -x "$deb" "$root"
for f in usr/bin/forcecheck usr/share/forcecheck/rules/pack.yaml \
         usr/share/forcecheck/schemas/evidence.schema.json; do
  [ -f "$root/$f" ] || { echo "package lacks /$f"; exit 1; }
done
if [ -e "$root/usr/share/forcecheck/rules/tests" ]; then
  echo "package holds the pack's tests, which read the source tree's examples"
  exit 1
fi

evidence=examples/west-midlands-2016/evidence.yaml
set +e
"$root/usr/bin/forcecheck" check --evidence "$evidence" >"$tmp/installed.out" 2>"$tmp/installed.err"
installed=$?
"$build/forcecheck" check --rules rules --evidence "$evidence" >"$tmp/built.out" 2>&1
built=$?
set -e
if [ "$installed" -ne 1 ] || [ "$built" -ne 1 ]; then
  echo "exit codes: installed $installed, built $built; both should be 1"
  cat "$tmp/installed.err"
  exit 1
fi
if [ -s "$tmp/installed.err" ]; then
  echo "installed program wrote to standard error:"
  cat "$tmp/installed.err"
  exit 1
fi
diff -u "$tmp/built.out" "$tmp/installed.out"

# Every other command takes the pack the same way (cli/inputs.h ParseRulesArgument). A path
# the answer names is the installed one, written here as the source tree's.
for cmd in "lint" "explain VET-010 --evidence $evidence"; do
  # shellcheck disable=SC2086  # the words of $cmd are the arguments
  "$root/usr/bin/forcecheck" $cmd 2>&1 | sed "s|$root/usr/share/forcecheck/||g" >"$tmp/installed.out" || true
  "$build/forcecheck" $cmd --rules rules >"$tmp/built.out" 2>&1 || true
  if ! diff -u "$tmp/built.out" "$tmp/installed.out"; then
    echo "forcecheck $cmd: the installed pack gave another answer than --rules rules"
    exit 1
  fi
done
echo "ok: $(basename "$deb") unpacked, example checked with its installed pack"
