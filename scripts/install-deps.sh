#!/usr/bin/env bash
# Installs forcecheck's dependencies from Debian 12's packages.
#   scripts/install-deps.sh          what building and running forcecheck needs (the main job,
#                                    scripts/run-example.sh), and cpack's dpkg-shlibdeps
#   scripts/install-deps.sh --test   that, and what the test suite needs (scripts/test.sh):
#                                    GoogleTest, xmllint, Chromium, clang with its sanitizer and
#                                    libFuzzer runtimes (the debug preset), clang-format and
#                                    clang-tidy (scripts/lint.sh)
# Idempotent and non-interactive; runs apt-get only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

build_packages=(
  g++ cmake ninja-build pkg-config dpkg-dev
  libyaml-cpp-dev libboost-program-options-dev libspdlog-dev nlohmann-json3-dev nettle-dev
)
test_packages=(
  libgtest-dev libgmock-dev
  libxml2-utils
  chromium
  clang libclang-rt-14-dev clang-format clang-tidy
)

packages=("${build_packages[@]}")
case "${1:-}" in
  "") ;;
  --test) packages+=("${test_packages[@]}") ;;
  *) echo "usage: scripts/install-deps.sh [--test]" >&2; exit 2 ;;
esac

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
updated=0
apt_update() {
  if [ $updated -eq 0 ]; then "${sudo[@]}" apt-get update -qq; updated=1; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
else
  echo "install-deps: installing ${missing[*]}"
  apt_update
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# valijson (header-only JSON Schema validator: evidence validation and the tests) is unpacked into .deps/ rather
# than installed: Debian's libvalijson-dev depends on Qt and database development packages
# that only its optional adapters need.
valijson=.deps/valijson
if [ -f "$valijson/usr/include/valijson/validator.hpp" ]; then
  echo "install-deps: valijson already in $valijson"
else
  echo "install-deps: unpacking libvalijson-dev into $valijson"
  apt_update
  tmp=$(mktemp -d)
  # apt-get download run as root fetches as the _apt user, which must be able to write here.
  if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download -qq libvalijson-dev)
  rm -rf "$valijson"
  mkdir -p "$valijson"
  dpkg-deb -x "$tmp"/libvalijson-dev_*.deb "$valijson"
fi
