import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuiltBin } from './built-bin.js';

let bin: string;
let emu: Emulator;
let home: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  bin = ensureBuiltBin();
  emu = await startEmulator({ port: 0 });
}, 120_000);
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.control.reset();
  home = mkdtempSync(join(tmpdir(), 'ccs-proxy-cmd-'));
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  rmSync(home, { recursive: true, force: true });
});

const env = () => ({
  PATH: process.env.PATH,
  HOME: home,
  CCS_HOME: join(home, '.ccs'),
  CCS_CODEX_BASE_URL: emu.baseUrl,
  CCS_CODEX_ISSUER: emu.issuer,
  NO_COLOR: '1',
  CCS_NO_BROWSER: '1',
});
const ccs = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { env: env(), encoding: 'utf8', timeout: 15_000 });

/** A signed-in account as the login would leave it: one token file in the auth folder. */
function signIn(email: string): void {
  emu.control.addAccount({ email, plan: 'plus' });
  const tokens = emu.control.issueTokens(email);
  const dir = join(home, '.ccs', 'cliproxy', 'auth');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(dir, `codex-${email}.json`),
    JSON.stringify({
      type: 'codex',
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      id_token: tokens.idToken,
      account_id: tokens.accountId,
      email,
      expired: new Date(Date.now() + tokens.expiresIn * 1000).toISOString(),
      last_refresh: new Date().toISOString(),
    }),
    { mode: 0o600 },
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function firstLine(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (chunk) => {
      err += chunk;
    });
    proc.stdout!.on('data', (chunk) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline !== -1) resolve(out.slice(0, newline));
    });
    proc.on('exit', (code) => reject(new Error(`ccs proxy exited ${code}: ${err}`)));
  });
}

describe('ccs proxy and ccs env codex (built bin)', () => {
  it('ccs proxy without an account exits 1 and says to sign in', () => {
    const result = ccs('proxy');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ccs codex --auth');
    expect(result.stdout).toBe('');
  });

  it('ccs env codex prints export lines with the defaults; bad usage exits 2', () => {
    const result = ccs('env', 'codex', '--port', '9999');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('export ANTHROPIC_BASE_URL=http://127.0.0.1:9999');
    expect(lines[1]).toMatch(/^export ANTHROPIC_AUTH_TOKEN=\S{20,}$/);
    expect(lines.slice(2)).toEqual([
      // No account, no cached list: the compiled list's flagship and its small sibling.
      'export ANTHROPIC_MODEL=gpt-5.6-sol',
      'export ANTHROPIC_DEFAULT_OPUS_MODEL=gpt-5.6-sol',
      'export ANTHROPIC_DEFAULT_SONNET_MODEL=gpt-5.6-sol',
      'export ANTHROPIC_DEFAULT_HAIKU_MODEL=gpt-5.6-luna',
    ]);
    // The same key on every call (generated once, kept in config.yaml).
    expect(ccs('env', 'codex').stdout.split('\n')[1]).toBe(lines[1]);
    expect(ccs('env', 'gemini').status).toBe(2);
    expect(ccs('env', 'codex', '--port', 'x').status).toBe(2);
  });

  it('serves Anthropic clients with the key from ccs env, prints its URL first, and stops on SIGTERM', async () => {
    signIn('john@example.com');
    const port = await freePort();
    const vars = Object.fromEntries(
      ccs('env', 'codex', '--port', String(port))
        .stdout.trim()
        .split('\n')
        .map((line) => line.replace(/^export /, '').split('=') as [string, string]),
    );
    child = spawn(process.execPath, [bin, 'proxy', '--port', String(port)], { env: env(), stdio: 'pipe' });
    expect(await firstLine(child)).toBe(`http://127.0.0.1:${port}`);
    const response = await fetch(`${vars.ANTHROPIC_BASE_URL}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': vars.ANTHROPIC_AUTH_TOKEN!, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-haiku-4-8',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      content: [{ type: 'text', text: 'Hello from the emulator.' }],
    });
    const wrongKey = await fetch(`${vars.ANTHROPIC_BASE_URL}/v1/models`, {
      headers: { 'x-api-key': 'nope' },
    });
    expect(wrongKey.status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('a port already in use, an unknown host or a bad --port: exit 2 with what to do, no stack trace', async () => {
    signIn('john@example.com');
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const inUse = ccs('proxy', '--port', String(port));
      expect(inUse.status).toBe(2);
      expect(inUse.stderr).toContain(`error Port ${port} on 127.0.0.1 is already in use.`);
      expect(inUse.stderr).toContain('Pick another with --port');
    } finally {
      blocker.close();
    }
    const badHost = ccs('proxy', '--host', 'no-such-host.invalid', '--port', String(await freePort()));
    expect(badHost.status).toBe(2);
    expect(badHost.stderr).toContain('error Cannot listen on "no-such-host.invalid"');
    expect(badHost.stderr).not.toMatch(/Unexpected error|report this|\n\s+at /);
    const badPort = ccs('proxy', '--port', 'abc');
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/^error --port must be a port number between 1 and 65535, not "abc"\./);
    expect(badPort.stdout).toBe('');
  });
});
