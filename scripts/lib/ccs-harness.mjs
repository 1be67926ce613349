// Drives the built `ccs` bin the way a user does, against the offline emulator. Shared by the e2e tests
// (tests/e2e) and the offline demo (scripts/demo.mjs), so both exercise exactly the same steps.
// Plain JavaScript on purpose: the demo runs with plain `node`, no TypeScript loader. Types: ccs-harness.d.mts.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cliBinPath = join(repoRoot, 'apps/cli/dist/bin.js');
export const claudeExePath = join(
  repoRoot,
  'tests/e2e/node_modules/@anthropic-ai/claude-code/bin/claude.exe',
);

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
export function stripAnsi(text) {
  return text.replace(ANSI, '');
}

/** A free loopback TCP port (released before returning; good enough for a test's callback server). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A throwaway user: its own HOME, CCS_HOME and project directory, and an environment that points ccs at the
 * emulator. Only PATH is inherited, so nothing from the developer's own shell (ANTHROPIC_*, CCS_*) leaks in.
 */
export async function createSandbox({
  issuer,
  baseUrl,
  env: extraEnv = {},
  claudePath = claudeExePath,
  prefix = 'ccs-e2e-',
}) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const home = join(root, 'home');
  const ccsHome = join(root, 'ccs-home');
  const projectDir = join(root, 'project');
  for (const dir of [home, projectDir]) mkdirSync(dir, { recursive: true });
  const callbackPort = await freePort();
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TERM: 'dumb',
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    CCS_HOME: ccsHome,
    CCS_CODEX_ISSUER: issuer,
    CCS_CODEX_BASE_URL: baseUrl,
    CCS_CODEX_CALLBACK_PORT: String(callbackPort),
    CCS_CLAUDE_PATH: claudePath,
    CCS_NO_BROWSER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // Claude Code refuses --dangerously-skip-permissions as root unless it believes it is sandboxed.
    IS_SANDBOX: '1',
    ...extraEnv,
  };
  return {
    root,
    home,
    ccsHome,
    projectDir,
    callbackPort,
    env,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Starts a process in its own process group (so a timeout or a simulated Ctrl-C reaches every descendant) and
 * collects its output. `exited` never rejects; after `timeoutMs` the whole group is SIGKILLed.
 */
export function startProcess(
  command,
  args,
  { env, cwd, timeoutMs = 60_000, stdin = 'ignore', onOutput } = {},
) {
  const child = spawn(command, args, { env, cwd, stdio: [stdin, 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    stdout += d;
    onOutput?.(d, 'stdout');
  });
  child.stderr.on('data', (d) => {
    stderr += d;
    onOutput?.(d, 'stderr');
  });
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup('SIGKILL');
  }, timeoutMs);
  const exited = new Promise((resolveExit) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveExit({
        code: null,
        signal: null,
        stdout,
        stderr: `${stderr}${String(error)}`,
        timedOut,
        pid: child.pid,
      });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveExit({ code, signal, stdout, stderr, timedOut, pid: child.pid });
    });
  });
  return {
    child,
    pid: child.pid,
    exited,
    output: () => ({ stdout, stderr }),
    /** Signals the whole process group, as a terminal's Ctrl-C does. */
    killGroup,
    write: (text) => child.stdin?.write(text),
  };
}

/**
 * Runs ccs: by default the checkout's built bin with this node (`node apps/cli/dist/bin.js …args`); `bin` may
 * name another .js file, or an installed executable (e.g. `<prefix>/bin/ccs`), which is then run directly.
 */
export function startCcs(args, options = {}) {
  const bin = options.bin ?? cliBinPath;
  return /\.[cm]?js$/.test(bin)
    ? startProcess(process.execPath, [bin, ...args], options)
    : startProcess(bin, args, options);
}

export function runCcs(args, options = {}) {
  return startCcs(args, options).exited;
}

const AUTHORIZE_URL = /https?:\/\/[^\s'"<>]+\/oauth\/authorize\?[^\s'"<>]+/;

/** Polls `check` every `intervalMs` until it returns a truthy value or `timeoutMs` passes (bounded loop). */
export async function waitFor(check, { timeoutMs = 10_000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; Date.now() < deadline && i < 100_000; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Plays the browser for a running ccs that is waiting for a sign-in: reads the authorization URL it printed, asks
 * the emulator's /oauth/authorize (which signs in the account chosen with setAuthorizeBehavior) without following
 * the redirect, then delivers the redirect either to ccs's callback server (`via: 'callback'`) or by pasting it on
 * stdin (`via: 'paste'`; the process needs `stdin: 'pipe'`). Resolves with the URLs seen.
 */
export async function playBrowser(proc, { via = 'callback', timeoutMs = 30_000 } = {}) {
  let exited;
  proc.exited.then((r) => {
    exited = r;
  });
  const authorizeUrl = await waitFor(
    () => {
      const { stdout, stderr } = proc.output();
      const url = AUTHORIZE_URL.exec(stripAnsi(`${stdout}\n${stderr}`))?.[0];
      if (!url && exited) {
        const output = `--- stdout\n${stdout}\n--- stderr\n${stderr}`;
        throw new Error(`ccs exited (code ${exited.code}) before printing an authorization URL\n${output}`);
      }
      return url;
    },
    { timeoutMs, what: 'an authorization URL in the output of ccs' },
  );
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  const redirectUrl = response.headers.get('location') ?? undefined;
  if (!redirectUrl) throw new Error(`The authorize endpoint answered ${response.status} without a redirect`);
  if (via === 'paste') {
    proc.write(`${redirectUrl}\n`);
  } else {
    // ccs listens on loopback; "localhost" in the redirect_uri may resolve to ::1 first, so go to 127.0.0.1.
    const callback = new URL(redirectUrl);
    if (callback.hostname === 'localhost') callback.hostname = '127.0.0.1';
    const page = await fetch(callback, { redirect: 'manual' });
    await page.text();
  }
  return { authorizeUrl, redirectUrl };
}

/**
 * Logs in with `ccs codex --auth --headless [extraArgs]`, playing the browser (see playBrowser), and waits for ccs
 * to exit. Resolves with the process result plus the URLs seen; throws (with ccs's output) when no URL appears.
 */
export async function loginHeadless({
  env,
  cwd,
  extraArgs = [],
  via = 'callback',
  timeoutMs = 30_000,
  bin,
  onOutput,
}) {
  const proc = startCcs(['codex', '--auth', '--headless', ...extraArgs], {
    env,
    cwd,
    timeoutMs,
    stdin: 'pipe',
    bin,
    onOutput,
  });
  let urls;
  try {
    urls = await playBrowser(proc, { via, timeoutMs });
  } catch (error) {
    proc.killGroup('SIGKILL');
    const result = await proc.exited;
    const message = error instanceof Error ? error.message : String(error);
    const output = `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
    throw new Error(message.includes('--- stdout') ? message : `${message}\n${output}`);
  }
  const result = await proc.exited;
  try {
    proc.child.stdin?.end();
  } catch {}
  return { ...result, ...urls };
}

// ---- processes (Linux /proc) -------------------------------------------------------------------------------

/** Every live process: pid, ppid, pgid, state and command name. */
export function listProcesses() {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm may contain spaces and parentheses: split after the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const [state, ppid, pgid] = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), state, comm });
    } catch {
      // The process ended while we were reading.
    }
  }
  return out;
}

/** The pids of all descendants of `pid` (not including it). */
export function descendantsOf(pid, processes = listProcesses()) {
  const children = new Map();
  for (const p of processes) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(p);
  }
  const found = [];
  const queue = [pid];
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    for (const c of children.get(queue[i]) ?? []) {
      found.push(c);
      queue.push(c.pid);
    }
  }
  return found;
}

/** Live (non-zombie) processes whose environment contains `marker` (e.g. a sandbox's unique CCS_HOME). */
export function processesWithEnv(marker) {
  const found = [];
  for (const p of listProcesses()) {
    if (p.state === 'Z' || p.pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${p.pid}/environ`, 'latin1').includes(marker)) found.push(p);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

// ---- emulator records -----------------------------------------------------------------------------------------

/** The recorded POST /codex/responses calls. */
export function responsesCalls(emu) {
  return emu.control.requests({ path: '/codex/responses' }).filter((r) => r.method === 'POST');
}

/** Every upstream /codex/responses call that was not answered 200 (Claude Code silently retries rejected ones). */
export function rejectedResponsesCalls(emu) {
  return responsesCalls(emu).filter((r) => r.status !== 200);
}
