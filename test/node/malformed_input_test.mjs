// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// node malformed_input_test.mjs PATH/TO/agent-backends
//
// Feeds the real program what a broken or hostile client sends and checks that it answers and keeps
// serving. Over stdio: a line that is not JSON, JSON that is not a request, an unknown method, invalid
// params, a 10 MB line (garbage and a valid call), a line over the size limit, then a valid request is
// still answered and closing stdin ends the server cleanly. Over HTTP: a body that is not JSON, and a
// client that vanishes (socket destroyed) while its `execute sleep 30` runs: the command is killed and a
// new client is still served.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import {
    CheckRunner, makeTempDir, processesMatching, removeDir, startHttpServer, stopProcess, textOf, uniqueSleep,
    waitForExit, waitUntil, withDeadline,
} from './mcp_test_support.mjs';

const binary = process.argv[2];
if (!binary || !fs.existsSync(binary)) {
    console.error('usage: node malformed_input_test.mjs PATH/TO/agent-backends');
    process.exit(2);
}

const runner = new CheckRunner('malformed_input_test');
const protocolVersion = '2025-06-18';
const initializeParams = {
    protocolVersion,
    capabilities: {},
    clientInfo: { name: 'agent-backends-malformed-input-test', version: '1.0.0' },
};

/// A raw newline-delimited JSON-RPC connection to `agent-backends mcp`.
class StdioPeer {
    constructor(args) {
        this.child = spawn(binary, ['mcp', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stdin.on('error', () => {});  // a server that died shows up in the checks, not here
        this.stderr = '';
        this.child.stderr.setEncoding('utf8');
        this.child.stderr.on('data', (chunk) => {
            this.stderr += chunk;
        });
        this.buffer = '';
        this.messages = [];
        this.waiters = [];
        this.child.stdout.setEncoding('utf8');
        this.child.stdout.on('data', (chunk) => this.take(chunk));
    }

    take(chunk) {
        this.buffer += chunk;
        for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
            const line = this.buffer.slice(0, nl);
            this.buffer = this.buffer.slice(nl + 1);
            let message;
            try {
                message = JSON.parse(line);
            } catch {
                message = { unparsable: line.slice(0, 200) };
            }
            this.messages.push(message);
        }
        this.waiters = this.waiters.filter((w) => !w());
    }

    sendLine(line) {
        return new Promise((resolve, reject) => {
            this.child.stdin.write(line + '\n', (e) => (e ? reject(e) : resolve()));
        });
    }

    send(message) {
        return this.sendLine(JSON.stringify(message));
    }

    /// The first message received that satisfies `predicate` (removed from the queue).
    next(predicate, what, timeoutMs = 10000) {
        const found = new Promise((resolve) => {
            const test = () => {
                const i = this.messages.findIndex(predicate);
                if (i < 0)
                    return false;
                resolve(this.messages.splice(i, 1)[0]);
                return true;
            };
            if (!test())
                this.waiters.push(test);
        });
        return withDeadline(found, timeoutMs, `${what} (server stderr: ${this.stderr.slice(-500)})`);
    }

    response(id, timeoutMs) {
        const isResponse = (m) => m.id === id && ('result' in m || 'error' in m);
        return this.next(isResponse, `the response to id ${id}`, timeoutMs);
    }

    async request(id, method, params, timeoutMs) {
        await this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
        return this.response(id, timeoutMs);
    }
}

function assertError(message, code, id) {
    assert.ok(message.error, `expected an error, got ${JSON.stringify(message).slice(0, 300)}`);
    assert.equal(message.error.code, code, `error code in ${JSON.stringify(message).slice(0, 300)}`);
    assert.equal(message.id, id);
    assert.equal(typeof message.error.message, 'string');
}

async function stdioChecks() {
    const root = makeTempDir('malformed-stdio');
    const peer = new StdioPeer(['--root', root, '--execute']);
    const nullIdError = () => peer.next((m) => m.id === null && m.error, 'an error response with id null');

    await runner.check('stdio: initialize is answered', async () => {
        const init = await peer.request(1, 'initialize', initializeParams);
        assert.equal(init.result.protocolVersion, protocolVersion);
        await peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    });

    await runner.check('stdio: a line that is not JSON gets a parse error with id null', async () => {
        await peer.sendLine('{"jsonrpc": "2.0", "id": 2, "method": ');
        assertError(await nullIdError(), -32700, null);
    });

    await runner.check('stdio: JSON that is not a request gets an invalid-request error', async () => {
        await peer.sendLine('42');
        assertError(await nullIdError(), -32600, null);
        await peer.send({ jsonrpc: '1.0', id: 3, method: 'ping' });
        assertError(await peer.response(3), -32600, 3);
    });

    await runner.check('stdio: an unknown method gets method-not-found', async () => {
        assertError(await peer.request(4, 'frobnicate', {}), -32601, 4);
    });

    await runner.check('stdio: invalid params get invalid-params', async () => {
        assertError(await peer.request(5, 'tools/call', 'oops'), -32602, 5);
        assertError(await peer.request(6, 'tools/call', { arguments: {} }), -32602, 6);
        assertError(await peer.request(7, 'tools/call', { name: 42 }), -32602, 7);
    });

    await runner.check('stdio: a 10 MB line of garbage gets a parse error', async () => {
        await peer.sendLine('x'.repeat(10 << 20));
        assertError(await nullIdError(), -32700, null);
    });

    await runner.check('stdio: a 10 MB valid call is carried out', async () => {
        const content = 'y'.repeat(10 << 20);
        const params = { name: 'write_file', arguments: { path: '/big.txt', content } };
        const answer = await peer.request(8, 'tools/call', params, 30000);
        assert.ok(answer.result, JSON.stringify(answer).slice(0, 300));
        assert.equal(answer.result.content[0].text, 'Wrote 1 lines to /big.txt');
        assert.equal(fs.statSync(path.join(root, 'big.txt')).size, content.length);
    }, { timeoutMs: 60000 });

    await runner.check('stdio: a line over the 16 MiB limit is refused and skipped', async () => {
        await peer.send({ jsonrpc: '2.0', id: 9, method: 'ping', params: { pad: 'z'.repeat(17 << 20) } });
        const refusal = await nullIdError();
        assert.ok(refusal.error.code <= -32600 || refusal.error.code === -32700, JSON.stringify(refusal));
        assert.equal(peer.messages.filter((m) => m.id === 9).length, 0, 'the oversized request was answered');
    }, { timeoutMs: 60000 });

    await runner.check('stdio: after all that a valid request is still answered', async () => {
        const pong = await peer.request(10, 'ping');
        assert.deepEqual(pong.result, {});
        const list = await peer.request(11, 'tools/list', {});
        assert.ok(list.result.tools.some((t) => t.name === 'read_file'));
        assert.deepEqual(peer.messages, [], 'unexpected extra messages');
    });

    await runner.check('stdio: closing stdin ends the server with exit status 0', async () => {
        peer.child.stdin.end();
        const exited = await waitForExit(peer.child, 10000);
        assert.ok(exited, 'the server did not exit after its input ended');
        assert.deepEqual(exited, { code: 0, signal: null });
        assert.doesNotMatch(peer.stderr, /Sanitizer|runtime error:/);
    });
    await stopProcess(peer.child);
    removeDir(root);
}

/// Parses a POST answer that is either JSON or an SSE stream carrying JSON-RPC messages.
function parseAnswer(contentType, body) {
    if (contentType && contentType.includes('text/event-stream')) {
        return body.split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .filter((d) => d)
            .map((d) => JSON.parse(d));
    }
    return body ? [JSON.parse(body)] : [];
}

async function post(url, message, sessionId) {
    const response = await fetch(url, {
        method: 'POST',
        headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
            'MCP-Protocol-Version': protocolVersion,
            ...(sessionId ? { 'Mcp-Session-Id': sessionId } : {}),
        },
        body: typeof message === 'string' ? message : JSON.stringify(message),
    });
    const text = await response.text();
    const messages = parseAnswer(response.headers.get('content-type'), text);
    return { status: response.status, headers: response.headers, messages };
}

async function httpChecks() {
    const root = makeTempDir('malformed-http');
    const server = await startHttpServer(binary, ['--root', root, '--execute']);
    let sessionId = null;

    await runner.check('http: a raw client initializes a session', async () => {
        const request = { jsonrpc: '2.0', id: 1, method: 'initialize', params: initializeParams };
        const init = await post(server.url, request);
        assert.equal(init.status, 200);
        sessionId = init.headers.get('mcp-session-id');
        assert.ok(sessionId, 'no Mcp-Session-Id');
        assert.equal(init.messages[0].result.protocolVersion, protocolVersion);
        const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
        const ack = await post(server.url, initialized, sessionId);
        assert.equal(ack.status, 202);
    });

    await runner.check('http: a body that is not JSON gets 400 and a parse error', async () => {
        const answer = await post(server.url, '{"jsonrpc": "2.0", "id": 2, ', sessionId);
        assert.equal(answer.status, 400);
        assert.equal(answer.messages[0].error.code, -32700);
    });

    await runner.check('http: a client that vanishes mid-call has its command killed', async () => {
        const command = uniqueSleep();
        const marker = command.slice('sleep '.length);
        const body = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call',
                                      params: { name: 'execute', arguments: { command } } });
        const request = http.request(server.url, {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                Accept: 'application/json, text/event-stream',
                'MCP-Protocol-Version': protocolVersion,
                'Mcp-Session-Id': sessionId,
                'Content-Length': Buffer.byteLength(body),
            },
        });
        request.on('error', () => {});  // destroyed on purpose
        request.on('response', (r) => r.resume());
        request.end(body);
        assert.ok(await waitUntil(() => processesMatching(marker).length > 0, 10000),
                  `'${command}' never started`);
        request.destroy();
        assert.ok(await waitUntil(() => processesMatching(marker).length === 0, 10000),
                  `'${command}' still runs after its client vanished: pids ${processesMatching(marker)}`);
        assert.equal(server.child.exitCode, null, 'the server exited');
    });

    await runner.check('http: a new client is served after one vanished', async () => {
        const client = new Client({ name: 'agent-backends-after-vanish', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
        try {
            assert.deepEqual(await client.ping(), {});
            fs.writeFileSync(path.join(root, 'still.txt'), 'served\n');
            const result = await client.callTool({ name: 'read_file', arguments: { path: '/still.txt' } });
            assert.equal(textOf(result), '     1\tserved');
        } finally {
            await client.close();
        }
    });

    await runner.check('http: the server stops on SIGTERM', async () => {
        server.child.kill('SIGTERM');
        assert.ok(await waitForExit(server.child, 10000), 'still running 10 s after SIGTERM');
        assert.doesNotMatch(server.stderr(), /Sanitizer|runtime error:/);
    });
    await server.stop();
    removeDir(root);
}

await stdioChecks();
await httpChecks();
process.exitCode = runner.finish();
