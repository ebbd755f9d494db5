#!/usr/bin/env bash
# Installs what is missing, builds, and runs the workspace example on ./workspace (created if missing).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
"$repo/scripts/setup.sh"
cmake -S "$repo" -B "$repo/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$repo/build" --target 1_composite_workspace
exec "$repo/build/examples/1_composite_workspace" "${1:-workspace}"
