#!/usr/bin/env bash
# Installs what is missing, builds, and serves ./workspace (created if missing) over MCP Streamable HTTP on
# 127.0.0.1 until Ctrl-C. Extra arguments go to `agent-backends serve` (e.g. --port 9000, --preset default).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
"$repo/scripts/setup.sh"
cmake -S "$repo" -B "$repo/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$repo/build" --target agent-backends
exec "$repo/build/apps/agent-backends/agent-backends" serve --root workspace --execute "$@"
