// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// What the Node.js tests of the MCP server share: temporary workspaces, starting `agent-backends serve`
// and reading its URL, finding processes by a marker in their command line, and a small check runner
// that prints one line per check and a summary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/// A fresh directory under the system's temporary directory (its real path, symlinks resolved).
export function makeTempDir(label) {
    return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `agent-backends-${label}-`)));
}

export function removeDir(dir) {
    fs.rmSync(dir, { recursive: true, force: true });
}

/// A marker no other process on the machine carries: `sleep 30.<digits>` sleeps 30 s and is findable.
export function uniqueSleep(seconds = 30) {
    const digits = `${process.pid}${Date.now() % 100000}${Math.floor(Math.random() * 1000)}`;
    return `sleep ${seconds}.${digits}`;
}

/// The ids of live processes whose command line contains `marker` (what `pgrep -f` finds), read from
/// /proc so that no procps is needed. Zombies have an empty command line and are found by
/// zombieChildren instead.
export function processesMatching(marker) {
    const found = [];
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid)
            continue;
        let cmdline;
        try {
            cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
        } catch {
            continue;  // gone meanwhile
        }
        if (cmdline.includes(marker))
            found.push(Number(entry));
    }
    return found;
}

/// Children of `pid` that have exited but were not reaped.
export function zombieChildren(pid) {
    const zombies = [];
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry))
            continue;
        let stat;
        try {
            stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        } catch {
            continue;
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[0] === 'Z' && Number(fields[1]) === pid)
            zombies.push(Number(entry));
    }
    return zombies;
}

/// Polls `predicate` until it holds or `timeoutMs` passes; for states no event announces (a process
/// another program kills). Returns whether it held.
export async function waitUntil(predicate, timeoutMs, intervalMs = 25) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (await predicate())
            return true;
        if (Date.now() >= deadline)
            return false;
        await delay(intervalMs);
    }
}

/// Rejects after `ms` with a message naming `what`, so a hung call fails its check instead of the run.
export function withDeadline(promise, ms, what) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/// Waits for a child process to exit; resolves with { code, signal }, or null after `timeoutMs`.
export function waitForExit(child, timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal });
        });
    });
}

/// Stops a server this process started: SIGTERM, then SIGKILL when it does not go within 5 s.
export async function stopProcess(child) {
    if (child.exitCode !== null || child.signalCode !== null)
        return { code: child.exitCode, signal: child.signalCode };
    child.kill('SIGTERM');
    const exited = await waitForExit(child, 5000);
    if (exited)
        return exited;
    child.kill('SIGKILL');
    return waitForExit(child, 5000);
}

const servingLine = /serving MCP at (http:\/\/\S+)/;

/// Starts `agent-backends serve ARGS... --port 0` and resolves once it prints the URL it serves on
/// (`agent-backends: serving MCP at http://127.0.0.1:PORT/mcp`, on stderr).
export function startHttpServer(binary, args, { timeoutMs = 15000 } = {}) {
    const child = spawn(binary, ['serve', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    return new Promise((resolve, reject) => {
        const fail = (why) => {
            clearTimeout(timer);
            child.kill('SIGKILL');
            reject(new Error(`agent-backends serve ${args.join(' ')}: ${why}; stderr: ${stderr.trim()}`));
        };
        const timer = setTimeout(() => fail(`no "serving MCP at" line within ${timeoutMs} ms`), timeoutMs);
        child.once('error', (e) => fail(e.message));
        child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal})`));
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk) => {
            stderr += chunk;
            const m = servingLine.exec(stderr);
            if (!m)
                return;
            clearTimeout(timer);
            child.removeAllListeners('exit');
            child.removeAllListeners('error');
            resolve({ child, url: m[1], stderr: () => stderr, stop: () => stopProcess(child) });
        });
    });
}

/// Runs named checks in order and keeps score. A check fails by throwing; it skips by calling
/// `skip(reason)`. Each check has a deadline so that a hang fails it instead of the whole run.
export class CheckRunner {
    constructor(title) {
        this.title = title;
        this.passed = 0;
        this.failed = [];
        this.skipped = [];
    }

    async check(name, fn, { timeoutMs = 30000 } = {}) {
        const started = Date.now();
        let skipReason = null;
        const skip = (reason) => {
            skipReason = reason;
        };
        try {
            await withDeadline(Promise.resolve().then(() => fn(skip)), timeoutMs, name);
            const ms = Date.now() - started;
            if (skipReason !== null) {
                this.skipped.push(name);
                console.log(`skip ${name}: ${skipReason}`);
            } else {
                this.passed += 1;
                console.log(`ok   ${name} (${ms} ms)`);
            }
        } catch (e) {
            this.failed.push(name);
            console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
        }
    }

    /// Prints the summary and returns the process exit code (1 when a check failed).
    finish() {
        const total = this.passed + this.failed.length + this.skipped.length;
        console.log(`\n${this.title}: ${this.passed} passed, ${this.failed.length} failed, ` +
                    `${this.skipped.length} skipped (${total} checks)`);
        for (const name of this.failed)
            console.log(`  failed: ${name}`);
        return this.failed.length ? 1 : 0;
    }
}

/// The text of a tools/call result's first text block.
export function textOf(result) {
    const block = (result.content || []).find((c) => c.type === 'text');
    if (!block)
        throw new Error(`no text content in ${JSON.stringify(result)}`);
    return block.text;
}
