#!/usr/bin/env bash
# Installs forcecheck's build and test dependencies from Debian 12's packages.
# Idempotent and non-interactive; runs apt-get only when something is missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libyaml-cpp-dev libboost-program-options-dev libspdlog-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev
  libxml2-utils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
