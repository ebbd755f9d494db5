// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// node sdk_client_test.mjs PATH/TO/agent-backends
//
// Drives `agent-backends mcp` (stdio) and `agent-backends serve` (Streamable HTTP) with the official MCP
// TypeScript SDK client on fresh temporary directories: the tool list and its schemas, every tool with its
// exact answer, errors, permission presets, cancellation of a running command, progress notifications and
// permission questions asked through elicitation. Exit status 0 when every check passed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
    CheckRunner, makeTempDir, processesMatching, removeDir, startHttpServer, textOf, uniqueSleep, waitUntil,
    withDeadline, zombieChildren,
} from './mcp_test_support.mjs';

const binary = process.argv[2];
if (!binary || !fs.existsSync(binary)) {
    console.error('usage: node sdk_client_test.mjs PATH/TO/agent-backends');
    process.exit(2);
}

const runner = new CheckRunner('sdk_client_test');
const cleanups = [];
const clientInfo = { name: 'agent-backends-sdk-test', version: '1.0.0' };
const serverLogs = [];  // { name, text: () => string }: what each server wrote on stderr

const allTools = ['ls', 'read_file', 'write_file', 'edit_file', 'glob', 'grep', 'execute'];
const requiredArguments = {
    ls: [],
    read_file: ['path'],
    write_file: ['path', 'content'],
    edit_file: ['path', 'old_string', 'new_string'],
    glob: ['pattern'],
    grep: ['pattern'],
    execute: ['command'],
};

async function connectStdio(args, capabilities = {}) {
    const transport = new StdioClientTransport({ command: binary, args: ['mcp', ...args], stderr: 'pipe' });
    let stderr = '';
    transport.stderr.on('data', (chunk) => (stderr += chunk));
    serverLogs.push({ name: `mcp ${args.join(' ')}`, text: () => stderr });
    const client = new Client(clientInfo, { capabilities });
    await withDeadline(client.connect(transport), 15000, 'stdio initialize');
    cleanups.push(() => client.close());
    return { client, serverPid: transport.pid };
}

async function startHttp(args) {
    const server = await startHttpServer(binary, args);
    serverLogs.push({ name: `serve ${args.join(' ')}`, text: server.stderr });
    cleanups.push(() => server.stop());
    return server;
}

async function connectHttp(url, capabilities = {}, setup = () => {}) {
    const client = new Client(clientInfo, { capabilities });
    setup(client);
    const transport = new StreamableHTTPClientTransport(new URL(url));
    await withDeadline(client.connect(transport), 15000, 'HTTP initialize');
    cleanups.push(() => client.close());
    return client;
}

async function call(client, name, args, options) {
    return client.callTool({ name, arguments: args }, undefined, options);
}

/// Calls a tool that must answer without an error and returns its text.
async function callText(client, name, args) {
    const result = await call(client, name, args);
    assert.ok(!result.isError, `${name} answered an error: ${JSON.stringify(result)}`);
    return textOf(result);
}

/// Calls a tool that must answer an error result ("Error: ...", isError set) and returns its text.
async function callError(client, name, args) {
    const result = await call(client, name, args);
    assert.equal(result.isError, true, `${name} should answer an error: ${JSON.stringify(result)}`);
    const text = textOf(result);
    assert.match(text, /^Error: /);
    return text;
}

/// A call the model got wrong before any tool ran: the server may answer a JSON-RPC error or an error
/// result; either way the message must say what was wrong.
async function expectRefusedCall(client, name, args, mentions) {
    let message;
    try {
        const result = await call(client, name, args);
        assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} should be refused`);
        message = textOf(result);
    } catch (e) {
        assert.ok(!(e instanceof assert.AssertionError), e.message);
        message = e.message;
    }
    assert.ok(message.includes(mentions), `refusal '${message}' should mention '${mentions}'`);
}

function sortedLines(text) {
    return text.split('\n').sort();
}

/// Checks every tool on one connection. `root` is the directory the server works in.
async function toolChecks(label, client, root, serverPid) {
    await runner.check(`${label}: initialize reports the server and its tools capability`, () => {
        assert.equal(client.getServerVersion().name, 'agent-backends');
        assert.ok(client.getServerVersion().version, 'serverInfo.version is empty');
        assert.ok(client.getServerCapabilities().tools, 'no tools capability');
    });

    await runner.check(`${label}: tools/list offers every console tool with a closed schema`, async () => {
        const { tools } = await client.listTools();
        assert.deepEqual(tools.map((t) => t.name), allTools);
        for (const tool of tools) {
            assert.ok(tool.description.length > 20, `${tool.name}: description too short`);
            const schema = tool.inputSchema;
            assert.equal(schema.type, 'object', `${tool.name}: schema type`);
            assert.equal(schema.additionalProperties, false, `${tool.name}: additionalProperties`);
            assert.deepEqual([...(schema.required || [])].sort(), [...requiredArguments[tool.name]].sort(),
                             `${tool.name}: required`);
            for (const [name, property] of Object.entries(schema.properties)) {
                assert.ok(property.type, `${tool.name}.${name}: no type`);
                assert.ok(property.description, `${tool.name}.${name}: no description`);
            }
        }
    });

    await runner.check(`${label}: write_file then read_file shows numbered lines`, async () => {
        const content = 'alpha\nbeta\ngamma\n';
        assert.equal(await callText(client, 'write_file', { path: '/notes.txt', content }),
                     'Wrote 4 lines to /notes.txt');
        assert.equal(fs.readFileSync(path.join(root, 'notes.txt'), 'utf8'), 'alpha\nbeta\ngamma\n');
        assert.equal(await callText(client, 'read_file', { path: '/notes.txt' }),
                     '     1\talpha\n     2\tbeta\n     3\tgamma');
        assert.equal(await callText(client, 'read_file', { path: '/notes.txt', offset: 1, limit: 1 }),
                     '     2\tbeta\n\n... (1 more lines)');
    });

    await runner.check(`${label}: edit_file replaces a unique string on disk`, async () => {
        const edit = { path: '/notes.txt', old_string: 'beta', new_string: 'BETA' };
        assert.equal(await callText(client, 'edit_file', edit),
                     'Edited /notes.txt: replaced 1 occurrence(s)');
        assert.equal(fs.readFileSync(path.join(root, 'notes.txt'), 'utf8'), 'alpha\nBETA\ngamma\n');
    });

    await runner.check(`${label}: edit_file refuses a string that occurs twice`, async () => {
        await callText(client, 'write_file', { path: '/twice.txt', content: 'x = 1\nx = 1\n' });
        const edit = { path: '/twice.txt', old_string: 'x = 1', new_string: 'y' };
        const text = await callError(client, 'edit_file', edit);
        assert.match(text, /2 times|replace_all/);
        assert.equal(fs.readFileSync(path.join(root, 'twice.txt'), 'utf8'), 'x = 1\nx = 1\n');
    });

    await runner.check(`${label}: ls lists files with sizes and directories with a slash`, async () => {
        await callText(client, 'write_file', { path: '/src/a.py', content: 'import os\nprint(os.name)\n' });
        await callText(client, 'write_file', { path: '/src/b.py', content: 'print("gamma ray")\n' });
        const text = await callText(client, 'ls', { path: '/' });
        const lines = text.split('\n');
        assert.equal(lines[0], 'Contents of /:');
        assert.deepEqual(lines.slice(1).sort(),
                         ['  notes.txt (17 bytes)', '  src/', '  twice.txt (12 bytes)']);
    });

    await runner.check(`${label}: glob finds files by pattern`, async () => {
        const text = await callText(client, 'glob', { pattern: '**/*.py' });
        assert.deepEqual(sortedLines(text),
                         sortedLines("Found 2 file(s) matching '**/*.py':\n  /src/a.py\n  /src/b.py"));
        assert.equal(await callText(client, 'glob', { pattern: '*.rs' }), "No files matching '*.rs' in .");
    });

    await runner.check(`${label}: grep answers in each output mode`, async () => {
        assert.deepEqual(sortedLines(await callText(client, 'grep', { pattern: 'gamma' })),
                         sortedLines("Files containing 'gamma':\n  /notes.txt\n  /src/b.py"));
        assert.equal(await callText(client, 'grep', { pattern: 'gamma', output_mode: 'count' }),
                     "Found 2 match(es) for 'gamma'");
        const content = await callText(client, 'grep', { pattern: 'gam+a', output_mode: 'content' });
        assert.deepEqual(sortedLines(content), sortedLines(
            "Matches for 'gam+a':\n  /notes.txt:3: gamma\n  /src/b.py:1: print(\"gamma ray\")"));
        assert.equal(await callText(client, 'grep', { pattern: 'import', path: '/src', glob_pattern: '*.py',
                                                      output_mode: 'content' }),
                     "Matches for 'import':\n  /src/a.py:1: import os");
        assert.equal(await callText(client, 'grep', { pattern: 'no such text' }),
                     "No matches for 'no such text'");
    });

    await runner.check(`${label}: execute runs a command in the root`, async () => {
        assert.equal((await callText(client, 'execute', { command: 'echo hi' })).trim(), 'hi');
        assert.equal((await callText(client, 'execute', { command: 'pwd' })).trim(), root);
        assert.equal((await callText(client, 'execute', { command: 'head -n 1 notes.txt' })).trim(), 'alpha');
    });

    await runner.check(`${label}: execute reports a failing command's exit code`, async () => {
        const result = await call(client, 'execute', { command: 'echo oops >&2; exit 3' });
        const text = textOf(result);
        assert.match(text, /^Command failed \(exit code 3\):\n/);
        assert.match(text, /oops/);
    });

    await runner.check(`${label}: read_file of a missing file is an error result`, async () => {
        const text = await callError(client, 'read_file', { path: '/missing.txt' });
        assert.match(text, /missing\.txt/);
    });

    await runner.check(`${label}: a call with a missing argument or an unknown tool is refused`, async () => {
        await expectRefusedCall(client, 'read_file', {}, 'path');
        await expectRefusedCall(client, 'read_file', { path: '/notes.txt', colour: 'red' }, 'colour');
        await expectRefusedCall(client, 'frobnicate', {}, 'frobnicate');
    });

    await runner.check(`${label}: progress notifications arrive while a command runs`, async () => {
        const progress = [];
        const result = await call(client, 'execute', { command: 'sleep 2.2; echo again' },
                                  { onprogress: (p) => progress.push(p) });
        assert.equal(textOf(result).trim(), 'again');
        assert.ok(progress.length >= 1, 'no progress notification during a 2.2 s command');
        for (let i = 1; i < progress.length; ++i)
            assert.ok(progress[i].progress > progress[i - 1].progress, 'progress must increase');
    });

    await runner.check(`${label}: cancelling a call kills its command and the session goes on`, async () => {
        const command = uniqueSleep();
        const marker = command.slice('sleep '.length);
        const controller = new AbortController();
        const pending = call(client, 'execute', { command }, { signal: controller.signal });
        pending.catch(() => {});
        assert.ok(await waitUntil(() => processesMatching(marker).length > 0, 10000),
                  `'${command}' never started`);
        controller.abort('the test cancels');
        await assert.rejects(pending);
        assert.ok(await waitUntil(() => processesMatching(marker).length === 0, 10000),
                  `'${command}' still runs after cancellation: pids ${processesMatching(marker)}`);
        if (serverPid)
            assert.deepEqual(zombieChildren(serverPid), [], 'unreaped children of the server');
        assert.deepEqual(await client.ping(), {});
        assert.equal((await callText(client, 'execute', { command: 'echo after' })).trim(), 'after');
    });
}

async function readonlyChecks(label, client, root) {
    await runner.check(`${label}: the readonly preset offers no tool that writes or runs`, async () => {
        const { tools } = await client.listTools();
        assert.deepEqual(tools.map((t) => t.name), ['ls', 'read_file', 'glob', 'grep']);
    });

    await runner.check(`${label}: the readonly preset reads files but denies secrets`, async () => {
        assert.equal(await callText(client, 'read_file', { path: '/plain.txt' }), '     1\tvisible');
        const text = await callError(client, 'read_file', { path: '/.env' });
        assert.match(text, /^Error: Permission denied for read on '[^']*\.env': Protect sensitive files$/);
        await expectRefusedCall(client, 'write_file', { path: '/x.txt', content: 'x' }, 'write_file');
        assert.ok(!fs.existsSync(path.join(root, 'x.txt')), 'write_file wrote under the readonly preset');
    });
}

/// A client that answers every permission question with `action` and records the questions.
function elicitingClient(action, questions) {
    return (client) => {
        client.setRequestHandler(ElicitRequestSchema, async (request) => {
            questions.push(request.params);
            if (action !== 'accept')
                return { action };
            // Fill what the form asks for: yes to every boolean, the first choice of every enum.
            const content = {};
            const schema = request.params.requestedSchema || { properties: {} };
            for (const [name, p] of Object.entries(schema.properties || {})) {
                if (p.type === 'boolean')
                    content[name] = true;
                else if (p.enum || p.oneOf)
                    content[name] = p.enum ? p.enum[0] : p.oneOf[0].const;
                else if (p.type === 'number' || p.type === 'integer')
                    content[name] = p.default ?? 1;
                else
                    content[name] = p.default ?? 'yes';
            }
            return { action: 'accept', content };
        });
    };
}

async function elicitationChecks(url, root) {
    await runner.check('http default preset: an accepted question lets the command run', async () => {
        const questions = [];
        const client = await connectHttp(url, { elicitation: {} }, elicitingClient('accept', questions));
        const command = 'echo approved > approved.txt; echo done';
        const text = await callText(client, 'execute', { command });
        assert.equal(text.trim(), 'done');
        assert.equal(questions.length, 1, 'one question per call');
        assert.match(questions[0].message, /echo approved/);
        assert.equal(fs.readFileSync(path.join(root, 'approved.txt'), 'utf8'), 'approved\n');
    });

    await runner.check('http default preset: a declined permission question denies the command', async () => {
        const questions = [];
        const client = await connectHttp(url, { elicitation: {} }, elicitingClient('decline', questions));
        const text = await callError(client, 'execute', { command: 'echo declined > declined.txt' });
        assert.equal(text, "Error: Permission denied for execute on 'echo declined > declined.txt'");
        assert.equal(questions.length, 1);
        assert.ok(!fs.existsSync(path.join(root, 'declined.txt')), 'the declined command ran');
    });

    await runner.check('http default preset: without elicitation a call needs permission', async () => {
        const client = await connectHttp(url, {});
        const text = await callError(client, 'execute', { command: 'echo unasked > unasked.txt' });
        assert.equal(text, "Error: Permission required for execute on 'echo unasked > unasked.txt'");
        assert.ok(!fs.existsSync(path.join(root, 'unasked.txt')), 'the unasked command ran');
        // Reading needs no question under the default preset.
        fs.writeFileSync(path.join(root, 'r.txt'), 'free\n');
        assert.equal(await callText(client, 'read_file', { path: '/r.txt' }), '     1\tfree');
    });
}

// A 1x1 transparent PNG.
const pngBytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA' +
                             '60e6kgAAAABJRU5ErkJggg==', 'base64');

async function imageChecks() {
    await runner.check('stdio: read_file returns an image as image content', async () => {
        const root = makeTempDir('sdk-image');
        cleanups.push(() => removeDir(root));
        fs.writeFileSync(path.join(root, 'dot.png'), pngBytes);
        const { client } = await connectStdio(['--root', root]);
        const result = await call(client, 'read_file', { path: '/dot.png' });
        assert.ok(!result.isError, JSON.stringify(result));
        const image = result.content.find((c) => c.type === 'image');
        assert.ok(image, `no image content in ${JSON.stringify(result)}`);
        assert.equal(image.mimeType, 'image/png');
        assert.deepEqual(Buffer.from(image.data, 'base64'), pngBytes);

        const pdfBytes = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
        fs.writeFileSync(path.join(root, 'doc.pdf'), pdfBytes);
        const pdf = await call(client, 'read_file', { path: '/doc.pdf' });
        assert.ok(!pdf.isError, JSON.stringify(pdf));
        const resource = pdf.content.find((c) => c.type === 'resource');
        assert.ok(resource, `no resource content in ${JSON.stringify(pdf)}`);
        assert.equal(resource.resource.mimeType, 'application/pdf');
        assert.deepEqual(Buffer.from(resource.resource.blob, 'base64'), pdfBytes);
    });
}

async function main() {
    // stdio, every tool.
    const stdioRoot = makeTempDir('sdk-stdio');
    cleanups.push(() => removeDir(stdioRoot));
    let stdio = null;
    await runner.check('stdio: the SDK client connects to agent-backends mcp', async () => {
        stdio = await connectStdio(['--root', stdioRoot, '--execute']);
    });
    if (stdio)
        await toolChecks('stdio', stdio.client, stdioRoot, stdio.serverPid);

    // Streamable HTTP, every tool.
    const httpRoot = makeTempDir('sdk-http');
    cleanups.push(() => removeDir(httpRoot));
    let http = null;
    await runner.check('http: the SDK client connects to agent-backends serve', async () => {
        const server = await startHttp(['--root', httpRoot, '--execute']);
        http = { server, client: await connectHttp(server.url) };
    });
    if (http)
        await toolChecks('http', http.client, httpRoot, http.server.child.pid);

    // Permission presets.
    const readonlyRoot = makeTempDir('sdk-readonly');
    cleanups.push(() => removeDir(readonlyRoot));
    fs.writeFileSync(path.join(readonlyRoot, '.env'), 'API_KEY=secret\n');
    fs.writeFileSync(path.join(readonlyRoot, 'plain.txt'), 'visible\n');
    let readonly = null;
    await runner.check('stdio readonly: the SDK client connects with --preset readonly', async () => {
        readonly = await connectStdio(['--root', readonlyRoot, '--preset', 'readonly', '--execute']);
    });
    if (readonly)
        await readonlyChecks('stdio readonly', readonly.client, readonlyRoot);

    const askRoot = makeTempDir('sdk-ask');
    cleanups.push(() => removeDir(askRoot));
    let askUrl = null;
    await runner.check('http default preset: agent-backends serve starts with --preset default', async () => {
        askUrl = (await startHttp(['--root', askRoot, '--preset', 'default', '--execute'])).url;
    });
    if (askUrl)
        await elicitationChecks(askUrl, askRoot);

    await imageChecks();

    for (const cleanup of cleanups.reverse()) {
        try {
            await cleanup();
        } catch {
            // A client whose server is already gone cannot close cleanly; nothing is left to release.
        }
    }
    // Under ASan/UBSan a report goes to stderr while the server keeps running or is stopped by a signal.
    await runner.check('no server reported a sanitizer error or a runtime error', () => {
        for (const log of serverLogs)
            assert.doesNotMatch(log.text(), /Sanitizer|runtime error:/, log.name);
    });
    return runner.finish();
}

process.exitCode = await main();
