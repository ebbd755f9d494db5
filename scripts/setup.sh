#!/usr/bin/env bash
# Installs what building and testing need on Debian 12, idempotently: only missing packages are fetched.
set -euo pipefail

packages=(
  cmake ninja-build pkg-config g++ clang-14 ccache git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-filesystem1.81-dev
  libboost-test1.81-dev libboost-system1.81-dev
  libre2-dev libssl-dev
  ripgrep fd-find   # the reference tools the search parity tests and benchmarks compare against
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
