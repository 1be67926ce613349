import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CodexSignInCommand, createCodexProvider } from '../create-codex-provider.js';
import { describeCodexAuthError } from './codex-browser-login.js';

// A library names no command of ccs (or of any tool) unless its caller says which one: the ccs CLI passes
// `ccs codex --auth`, a tool built on @ccs/provider-codex passes its own, or none.
const CCS: CodexSignInCommand = ({ add }) => `ccs codex --auth${add ? ' --add' : ''}`;
const namesACommand = (text: string) => /\bccs\b|--auth/.test(text);

let emu: Emulator;
let home: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.control.reset();
  home = await mkdtemp(join(tmpdir(), 'ccs-codex-command-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts a headless sign-in, answers its callback with access_denied, and returns the page the browser shows. */
async function deniedPage(signInCommand?: CodexSignInCommand): Promise<string> {
  const codex = createCodexProvider({
    home,
    issuer: emu.issuer,
    baseUrl: emu.baseUrl,
    callbackPort: await freePort(),
    ...(signInCommand ? { signInCommand } : {}),
  });
  const urls: string[] = [];
  const login = codex.login({
    method: 'headless',
    input: new PassThrough(),
    progress: { info: () => {}, warn: () => {}, url: (u) => urls.push(u) },
  });
  const failed = login.then(
    () => undefined,
    (error: unknown) => error,
  );
  for (let i = 0; i < 200 && urls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const authorize = new URL(urls[0]!);
  const callback = new URL(authorize.searchParams.get('redirect_uri')!);
  callback.searchParams.set('state', authorize.searchParams.get('state')!);
  callback.searchParams.set('error', 'access_denied');
  const page = await (await fetch(callback)).text();
  expect(await failed).toMatchObject({ code: 'LOGIN_FAILED' });
  return page;
}

/** The progress lines of a sign-in (headless or device) up to its waiting line, then cancelled. */
async function waitingLines(
  method: 'headless' | 'device',
  hints: { cancelHint?: string; noBrowserHint?: string } = {},
): Promise<string> {
  const codex = createCodexProvider({
    home,
    issuer: emu.issuer,
    baseUrl: emu.baseUrl,
    callbackPort: await freePort(),
  });
  const lines: string[] = [];
  const controller = new AbortController();
  const login = codex
    .login({
      method,
      input: new PassThrough(),
      signal: controller.signal,
      progress: { info: (l) => lines.push(l), warn: (l) => lines.push(l), url: () => {} },
      ...hints,
    })
    .catch(() => undefined);
  for (let i = 0; i < 300 && !lines.some((l) => l.startsWith('Waiting')); i++)
    await new Promise((r) => setTimeout(r, 10));
  controller.abort();
  await login;
  return lines.join('\n');
}

describe('the sign-in command in library texts', () => {
  it('the waiting lines name no key or flag of any tool by default, and the caller’s words when given', async () => {
    emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
    for (const method of ['headless', 'device'] as const) {
      const neutral = await waitingLines(method);
      expect(neutral).toMatch(/^Waiting for (the sign-in \(up to [^)]+\)|you to approve the sign-in)\.$/m);
      expect(neutral).not.toMatch(/Ctrl-C|--headless|--device|\bccs\b/);
      const cli = await waitingLines(method, { cancelHint: 'press Ctrl-C to cancel' });
      expect(cli).toMatch(/^Waiting for .*; press Ctrl-C to cancel\.$/m);
    }
  });

  it('the browser page after a denied sign-in names no command by default, and the caller’s when given', async () => {
    const neutral = await deniedPage();
    expect(neutral).toContain('Sign-in was denied');
    expect(neutral).toContain('start the sign-in again');
    expect(namesACommand(neutral)).toBe(false);
    expect(await deniedPage(CCS)).toContain('Return to the terminal and run ccs codex --auth to try again.');
  });

  it('describeCodexAuthError: every OAuth error page is neutral without a command', () => {
    for (const error of ['access_denied', 'server_error', 'invalid_scope']) {
      const page = describeCodexAuthError({ error, state: 's' });
      expect(namesACommand(JSON.stringify(page))).toBe(false);
      expect(describeCodexAuthError({ error, state: 's' }, 'mytool login').help).toBe(
        'Return to the terminal and run mytool login to try again.',
      );
    }
  });

  it('a corrupt token file is skipped with a warning that names the caller’s command, or none', async () => {
    const dir = join(home, 'cliproxy', 'auth');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'codex-broken@example.com-plus.json'), '{ not json');
    const warningsOf = async (signInCommand?: CodexSignInCommand) => {
      const warnings: string[] = [];
      const codex = createCodexProvider({
        home,
        issuer: emu.issuer,
        baseUrl: emu.baseUrl,
        onWarning: (line) => warnings.push(line),
        ...(signInCommand ? { signInCommand } : {}),
      });
      expect(await codex.accounts.list()).toEqual([]);
      return warnings;
    };
    const [neutral] = await warningsOf();
    expect(neutral).toMatch(/^Skipping the token file codex-broken@example\.com-plus\.json in .*: /);
    expect(neutral).toMatch(/Sign in to that account again, or delete the file\.$/);
    expect(namesACommand(neutral!.replace(home, ''))).toBe(false);
    const [withCommand] = await warningsOf(CCS);
    expect(withCommand).toMatch(/Sign in again with ccs codex --auth --add, or delete the file\.$/);
  });
});
