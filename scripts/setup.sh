#!/usr/bin/env bash
# Installs what building and testing need on Debian 12, idempotently: only missing packages are fetched.
set -euo pipefail

packages=(
  cmake ninja-build pkg-config g++ clang-14 ccache git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-filesystem1.81-dev
  libboost-test1.81-dev libboost-system1.81-dev
  libre2-dev libssl-dev libyaml-cpp-dev
  ripgrep fd-find   # the reference tools the search parity tests and benchmarks compare against
  # a private container engine for the sandbox tests (scripts/test_engine.sh); the network and init parts
  # are recommends of podman, listed because recommends are not installed
  podman runc conmon catatonit netavark aardvark-dns containernetworking-plugins iptables slirp4netns uidmap
  fuse-overlayfs busybox-static curl
  nodejs            # the MCP SDK client, the conformance suite and the reference server (test/node)
)
# Debian ships npm apart from nodejs; NodeSource's nodejs (on some images) carries its own.
command -v npm >/dev/null || packages+=(npm)

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

# The Node.js side of the tests (test/node/package.json, versions pinned by its lock file): installed again
# only when the lock file changed since the last install.
node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/test/node"
if ! cmp -s "$node_dir/package-lock.json" "$node_dir/node_modules/.package-lock.json.installed" 2>/dev/null; then
  echo "setup: installing test/node packages" >&2
  npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error >/dev/null
  cp "$node_dir/package-lock.json" "$node_dir/node_modules/.package-lock.json.installed"
fi
