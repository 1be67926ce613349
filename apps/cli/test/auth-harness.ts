// Shared helpers for the auth/accounts integration tests: they run the BUILT ccs (apps/cli/dist/bin.js)
// against the @ccs/testkit emulator with a temporary CCS_HOME and HOME, as a user would.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const CCS_BIN = join(REPO, 'apps/cli/dist/bin.js');

const SOURCE_DIRS = [
  'packages/core/src',
  'packages/provider-kit/src',
  'packages/provider-codex/src',
  'apps/cli/src',
];

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

/** A lock shared by test files running in parallel workers: mkdir is atomic. Bounded wait. */
async function withDirLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      await mkdir(path);
      break;
    } catch {
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 300_000) await rm(path, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}

/** Builds the CLI (and what it depends on) when dist is missing or older than the sources; once at a time. */
export async function ensureBuilt(): Promise<void> {
  await withDirLock(join(tmpdir(), 'ccs-cli-test-build.lock'), async () => {
    const mtime = (p: string) =>
      stat(join(REPO, p)).then(
        (s) => s.mtimeMs,
        () => 0,
      );
    const dists = [
      'apps/cli/dist/bin.js',
      'packages/provider-codex/dist/index.js',
      'packages/provider-kit/dist/index.js',
    ];
    const oldestDist = Math.min(...(await Promise.all(dists.map(mtime))));
    let newestSource = 0;
    for (const dir of SOURCE_DIRS) newestSource = Math.max(newestSource, await newestMtime(join(REPO, dir)));
    if (oldestDist > newestSource) return;
    // Other builds may run in this checkout at the same time (tsup cleans dist): retry once.
    const build = () =>
      promisify(execFile)('pnpm', ['--filter', '@ccs/cli...', 'build'], { cwd: REPO, timeout: 240_000 });
    await build().catch(async () => {
      await new Promise((r) => setTimeout(r, 2_000));
      await build();
    });
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface Sandbox {
  home: string;
  ccsHome: string;
  authDir: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A temp HOME and CCS_HOME, and an environment pointing ccs at the emulator. */
export async function makeSandbox(
  urls: { issuer: string; baseUrl: string },
  extra: Record<string, string> = {},
): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'ccs-auth-test-'));
  const home = join(root, 'home');
  const ccsHome = join(root, 'ccs');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    USER: 'tester',
    CCS_HOME: ccsHome,
    CCS_CODEX_ISSUER: urls.issuer,
    CCS_CODEX_BASE_URL: urls.baseUrl,
    CCS_CODEX_CALLBACK_PORT: String(await freePort()),
    NO_COLOR: '1',
    ...extra,
  };
  return {
    home,
    ccsHome,
    authDir: join(ccsHome, 'cliproxy', 'auth'),
    env,
    // Retries: a browser a test started may still be writing its profile for a moment.
    cleanup: () => rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }),
  };
}

export interface CcsRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr (bounded by timeoutMs). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
  write(text: string): void;
}

/** Starts the built ccs with `args`; outputs are collected for later greps. */
export function startCcs(args: string[], env: Record<string, string>): CcsRun {
  const child = spawn(process.execPath, [CCS_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d) => {
    out += d;
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (d) => {
    err += d;
    for (const l of listeners) l();
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
    child.on('close', (code) => r({ code, stdout: out, stderr: err })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    write: (text) => child.stdin!.write(text),
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolvePromise, reject) => {
        const check = () => {
          const m = (out + '\n' + err).match(pattern);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolvePromise(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        listeners.add(check);
        check();
        void exit.then(() => setTimeout(check, 0));
      });
    },
  };
}

/** Runs ccs to completion (stdin closed). */
export async function runCcs(args: string[], env: Record<string, string>, timeoutMs = 30_000) {
  const run = startCcs(args, env);
  run.child.stdin!.end();
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
  try {
    return await run.exit;
  } finally {
    clearTimeout(timer);
  }
}

export const AUTHORIZE_URL = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)/;

/**
 * Plays the browser: opens the authorize URL on the emulator (already signed in, consents at once),
 * follows its 302 to the local callback and returns the page the callback server answered.
 */
export async function playBrowser(
  authorizeUrl: string,
): Promise<{ status: number; text: string; callbackUrl: string }> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location)
    throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  // Browsers try IPv6 and IPv4 for localhost; the callback server listens on 127.0.0.1 only.
  const callbackUrl = location.replace('://localhost:', '://127.0.0.1:');
  const page = await fetch(callbackUrl, { redirect: 'manual' });
  return { status: page.status, text: await page.text(), callbackUrl };
}

/** A fake browser executable for xdg-open's $BROWSER: records the URL it was asked to open. */
export async function fakeBrowser(dir: string): Promise<{ path: string; opened: string }> {
  const opened = join(dir, 'opened-url.txt');
  const path = join(dir, 'fake-browser.sh');
  await writeFile(path, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
  return { path, opened };
}

/**
 * The lifecycle the built-CLI test files share: build once, one emulator per file, and before each test
 * a reset emulator holding `accounts` plus a fresh sandbox (temp HOME and CCS_HOME pointed at it).
 * `bind` hands both to the file's own variables.
 */
export function useEmulatorSandbox(
  options: { accounts: Array<{ email: string; plan: string }>; env?: Record<string, string> },
  bind: (emu: Emulator, box: Sandbox) => void,
): void {
  let emu: Emulator | undefined;
  let box: Sandbox | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    emu = await startEmulator({ port: 0 });
  }, 300_000);
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(async () => {
    emu!.control.reset();
    for (const account of options.accounts) emu!.control.addAccount(account);
    box = await makeSandbox(emu!, options.env);
    bind(emu!, box);
  });
  afterEach(async () => {
    await box?.cleanup();
  });
}

/** Signs `email` in through the built ccs (headless, the test plays the browser). Returns the finished run. */
export async function loginAs(
  emu: { control: { setAuthorizeBehavior(b: { email: string }): void } },
  env: Record<string, string>,
  email: string,
  extraArgs: string[] = [],
) {
  emu.control.setAuthorizeBehavior({ email });
  const run = startCcs(['codex', '--auth', '--headless', ...extraArgs], env);
  const [, url] = await run.waitFor(AUTHORIZE_URL);
  await playBrowser(url!);
  const done = await run.exit;
  if (done.code !== 0) throw new Error(`login of ${email} failed (${done.code}): ${done.stderr}`);
  return done;
}

export async function listAccounts(env: Record<string, string>) {
  const done = await runCcs(['codex', '--accounts', '--json'], env);
  if (done.code !== 0) throw new Error(`--accounts failed: ${done.stderr}`);
  return (JSON.parse(done.stdout) as { accounts: Array<Record<string, unknown>> }).accounts;
}

export interface RecordingProxy {
  /** Base URL to use instead of the emulator's (same paths). */
  url: string;
  /** Every request and response body that went through, raw (for secret greps). */
  bodies: string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP relay in front of the emulator: keeps every raw request/response body (the emulator's
 * own records mask secrets, but the secret-grep test needs the real values), and can slow down the
 * token endpoint so concurrent refreshes really overlap.
 */
export async function startRecordingProxy(
  target: string,
  options: { tokenDelayMs?: number } = {},
): Promise<RecordingProxy> {
  const { createServer: createHttpServer } = await import('node:http');
  const bodies: string[] = [];
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    bodies.push(`${req.method} ${req.url}\n${body.toString('utf8')}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    if (options.tokenDelayMs && req.url?.startsWith('/oauth/token'))
      await new Promise((r) => setTimeout(r, options.tokenDelayMs));
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: body.length ? body : undefined,
      redirect: 'manual',
    });
    const text = Buffer.from(await upstream.arrayBuffer());
    bodies.push(`RESPONSE ${req.url}\n${text.toString('utf8')}`);
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (
        k !== 'content-length' &&
        k !== 'transfer-encoding' &&
        k !== 'content-encoding' &&
        k !== 'connection'
      )
        out[k] = v;
    });
    res.writeHead(upstream.status, out);
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
