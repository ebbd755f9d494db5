// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// node run_conformance.mjs PATH/TO/agent-backends RESULTS_DIR
//
// Runs the MCP conformance suite (npm @modelcontextprotocol/conformance) against `agent-backends serve`
// on a temporary directory, one scenario at a time, and keeps each scenario's checks.json under
// RESULTS_DIR/<scenario>/. A scenario passes when none of its checks is a FAILURE, each of its WARNINGs
// is one listed below with the reason it does not apply to this server (an unlisted warning fails too, so
// that a SHOULD the server meets cannot regress unnoticed), and at least one check succeeded, unless the
// scenario is listed below as one that may find nothing to check.
//
// Scenarios that do not apply to a server offering only the console tools, and so are not run:
//   tools-call-*, json-schema-2020-12, elicitation-sep1034-defaults, elicitation-sep1330-enums:
//       they call test tools of the suite's own (test_simple_text, test_tool_with_progress, ...);
//   resources-*, prompts-*, completion-complete: capabilities the server does not declare.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startHttpServer } from '../node/mcp_test_support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(here, '..', 'node', 'node_modules', '@modelcontextprotocol', 'conformance', 'dist',
                        'index.js');

const scenarios = [
    'server-initialize',
    'ping',
    'tools-list',
    'logging-set-level',
    'server-sse-multiple-streams',
    'dns-rebinding-protection',
    'server-sse-polling',
];

// scenario -> check id -> why its WARNING is expected.
const expectedWarnings = {
    'server-sse-polling': {
        'server-sse-test-reconnection-tool':
            'the scenario needs a test_reconnection tool that closes the stream mid-call; the server ' +
            'offers only the console tools, so the polling part of the scenario cannot run',
    },
};

// scenario -> why it may end without a single SUCCESS check.
const mayCheckNothing = {
    'server-sse-polling':
        'it calls the test_reconnection tool; the server answers "Unknown tool" as a plain JSON response, ' +
        'which the scenario records as INFO ("priming event tests not applicable") and stops; it still ' +
        'fails on a refused POST or a broken SSE stream',
};

const [binary, resultsDir] = process.argv.slice(2);
if (!binary || !resultsDir) {
    console.error('usage: node run_conformance.mjs PATH/TO/agent-backends RESULTS_DIR');
    process.exit(2);
}

/// Runs a program to completion; resolves with its exit code and combined output.
function run(command, args, timeoutMs) {
    return new Promise((resolve) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        const timer = setTimeout(() => {
            output += `\n(killed after ${timeoutMs} ms)`;
            child.kill('SIGKILL');
        }, timeoutMs);
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code: code ?? `signal ${signal}`, output });
        });
    });
}

/// Maps `items` through `fn`, at most `width` at a time; results keep the order of `items`.
async function inBatches(items, width, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
    return results;
}

/// The checks the suite wrote for one scenario (it makes a time-stamped folder inside `dir`).
function readChecks(dir) {
    for (const entry of fs.readdirSync(dir)) {
        const file = path.join(dir, entry, 'checks.json');
        if (fs.existsSync(file))
            return JSON.parse(fs.readFileSync(file, 'utf8'));
    }
    return null;
}

async function main() {
    if (!fs.existsSync(suite)) {
        console.log(`SKIP: ${suite} is missing; run scripts/setup.sh`);
        return 77;
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-backends-conformance-'));
    fs.writeFileSync(path.join(root, 'README.md'), '# a workspace for the conformance suite\n');
    const server = await startHttpServer(binary, ['--root', root]);
    console.log(`agent-backends serve at ${server.url}`);

    const problems = [];
    try {
        // Scenarios are independent sessions; a few at a time keep the run short on a busy machine, where
        // starting the suite's Node.js process dominates.
        const runs = await inBatches(scenarios, 3, async (scenario) => {
            const dir = path.join(resultsDir, scenario);
            fs.rmSync(dir, { recursive: true, force: true });
            fs.mkdirSync(dir, { recursive: true });
            const args = [suite, 'server', '--url', server.url, '--scenario', scenario, '--output-dir', dir];
            const result = await run(process.execPath, args, 90000);
            return { scenario, result, checks: readChecks(dir) };
        });
        for (const { scenario, result, checks } of runs) {
            if (!checks) {
                problems.push(scenario);
                console.log(`FAIL ${scenario}: the suite wrote no results (exit ${result.code})`);
                console.log(result.output);
                continue;
            }
            const failures = checks.filter((c) => c.status === 'FAILURE');
            const warnings = checks.filter((c) => c.status === 'WARNING');
            const unexpected = warnings.filter((c) => !(expectedWarnings[scenario] || {})[c.id]);
            const passed = checks.filter((c) => c.status === 'SUCCESS').length;
            const emptyOk = passed > 0 || scenario in mayCheckNothing;
            const ok = failures.length === 0 && unexpected.length === 0 && emptyOk;
            console.log(`${ok ? 'ok  ' : 'FAIL'} ${scenario}: ${passed} passed, ${failures.length} failed, ` +
                        `${warnings.length} warnings`);
            if (passed === 0)
                console.log(emptyOk ? `       nothing applicable was checked: ${mayCheckNothing[scenario]}`
                                    : '       no check succeeded');
            for (const c of failures)
                console.log(`       FAILURE ${c.id}: ${c.errorMessage || c.description}`);
            for (const c of warnings) {
                const reason = (expectedWarnings[scenario] || {})[c.id];
                console.log(`       WARNING ${c.id}: ${c.errorMessage || c.description}`);
                console.log(reason ? `               expected: ${reason}` : '               (not expected)');
            }
            if (!ok) {
                problems.push(scenario);
                console.log(result.output);
            }
        }
    } finally {
        await server.stop();
        fs.rmSync(root, { recursive: true, force: true });
    }
    const passedCount = scenarios.length - problems.length;
    console.log(`\nconformance: ${passedCount} of ${scenarios.length} scenarios passed; ` +
                `results in ${resultsDir}`);
    return problems.length ? 1 : 0;
}

process.exitCode = await main();
