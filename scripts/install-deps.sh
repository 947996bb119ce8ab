#!/usr/bin/env bash
# Installs forcecheck's build and test dependencies from Debian 12's packages (clang and its
# runtimes build the debug preset: ASan, UBSan and libFuzzer).
# Idempotent and non-interactive; runs apt-get only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config
  clang libclang-rt-14-dev
  libyaml-cpp-dev libboost-program-options-dev libspdlog-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev
  libxml2-utils
  chromium
)

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
