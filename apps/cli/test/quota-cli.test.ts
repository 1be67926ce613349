// `ccs cliproxy quota` as a user runs it: the BUILT ccs, accounts signed in through `ccs codex --auth`
// against the emulator, a temporary CCS_HOME.
import type { Emulator } from '@ccs/testkit';
import { describe, expect, it } from 'vitest';
import { quotaJsonSchema } from '../src/quota/quota-json.js';
import {
  AUTHORIZE_URL,
  fakeBrowser,
  playBrowser,
  runCcs,
  type Sandbox,
  startCcs,
  useEmulatorSandbox,
} from './auth-harness.js';

let emu: Emulator;
let box: Sandbox;

useEmulatorSandbox(
  {
    accounts: [
      { email: 'john@example.com', plan: 'plus' },
      { email: 'work@example.com', plan: 'team' },
    ],
    env: { DISPLAY: ':99' },
  },
  (e, b) => {
    emu = e;
    box = b;
  },
);

async function signIn(email: string, args: string[]): Promise<void> {
  const browser = await fakeBrowser(box.ccsHome.replace(/ccs$/, ''));
  emu.control.setAuthorizeBehavior({ email });
  const run = startCcs(['codex', '--auth', ...args], { ...box.env, BROWSER: browser.path });
  const [, url] = await run.waitFor(AUTHORIZE_URL);
  await run.waitFor(/Ctrl-C/);
  await playBrowser(url!);
  const done = await run.exit;
  expect(done.code, done.stderr).toBe(0);
}

const usageRequests = () => emu.control.requests({ path: '/backend-api/wham/usage' });

describe('ccs cliproxy quota (built CLI, emulator)', () => {
  it('--json: one exact document for every signed-in account; nothing on stderr when not a terminal', async () => {
    await signIn('john@example.com', []);
    await signIn('work@example.com', ['--add', '--nickname', 'work']);
    emu.control.setUsage('john@example.com', {
      primary: { usedPercent: 45, windowMinutes: 300, resetAfterSeconds: 3600 },
      secondary: { usedPercent: 21, windowMinutes: 10_080, resetAfterSeconds: 4 * 86_400 },
    });
    emu.control.setUsage('work@example.com', {
      primary: { usedPercent: 80, windowMinutes: 10_080, resetAfterSeconds: 86_400 },
      secondary: null,
      additional: [
        {
          limitName: 'GPT-5.3-Codex-Spark',
          meteredFeature: 'codex_bengalfox',
          primary: { usedPercent: 60, windowMinutes: 300, resetAfterSeconds: 600 },
        },
      ],
    });
    const r = await runCcs(['cliproxy', 'quota', '--provider', 'codex', '--json'], box.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const doc = quotaJsonSchema.parse(JSON.parse(r.stdout));
    expect(doc.provider).toBe('codex');
    const byEmail = Object.fromEntries(doc.accounts.map((a) => [a.email ?? '', a] as const));
    expect(byEmail['john@example.com']).toMatchObject({
      nickname: 'john',
      plan: 'plus',
      default: true,
      error: null,
      cached: false,
    });
    expect(byEmail['work@example.com']).toMatchObject({
      nickname: 'work',
      plan: 'team',
      default: false,
      error: null,
    });
    expect(byEmail['john@example.com']?.windows.map((w) => [w.label, w.usedPercent])).toEqual([
      ['5h', 45],
      ['weekly', 21],
    ]);
    expect(byEmail['work@example.com']?.windows.map((w) => [w.label, w.usedPercent])).toEqual([
      ['weekly', 80],
      ['GPT-5.3-Codex-Spark 5h', 60],
    ]);
    expect(byEmail['work@example.com']?.weeklyResetAt).toBe(
      byEmail['work@example.com']?.windows[0]?.resetsAt,
    );
    expect(usageRequests()).toHaveLength(2);
    // Tokens never reach the output.
    expect(r.stdout).not.toMatch(/eyJ|Bearer/);
  }, 60_000);

  it('human output; an expired access token is refreshed and the fetch retried', async () => {
    await signIn('john@example.com', []);
    emu.control.expireAccessTokens('john@example.com');
    const before = emu.control.counters().tokenRefreshes;
    const r = await runCcs(['cliproxy', 'quota'], box.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OpenAI Codex quota \(as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\):/);
    expect(r.stdout).toContain('john <john@example.com> [plus] (default)');
    expect(r.stdout).toMatch(/5h: +12% used {2}resets in 3h/);
    expect(r.stdout).toMatch(/Weekly: +34% used {2}resets in (4d|3d 23h) \(\w{3} \d+ \w{3} \d\d:\d\d\)/);
    expect(r.stdout).toMatch(/Weekly reset: \w+days at \d\d:\d\d/);
    expect(r.stdout).not.toContain('\x1b[');
    expect(emu.control.counters().tokenRefreshes).toBe(before + 1);
    expect(usageRequests().map((q) => q.status)).toEqual([401, 200]);
  }, 60_000);

  it('an account whose sign-in is gone says "reauth needed"; the others still show; exit 1', async () => {
    await signIn('john@example.com', []);
    await signIn('work@example.com', ['--add']);
    emu.control.expireAccessTokens('work@example.com');
    emu.control.invalidateRefreshTokens('work@example.com', 'expired');
    const r = await runCcs(['cliproxy', 'quota', '--json'], box.env);
    expect(r.code).toBe(1);
    const doc = quotaJsonSchema.parse(JSON.parse(r.stdout));
    const work = doc.accounts.find((a) => a.email === 'work@example.com');
    const john = doc.accounts.find((a) => a.email === 'john@example.com');
    expect(work?.error).toMatchObject({ action: 'reauth needed: run ccs codex --auth' });
    expect(work?.windows).toEqual([]);
    expect(john?.error).toBeNull();
    expect(john?.windows.length).toBeGreaterThan(0);
    const human = await runCcs(['cliproxy', 'quota'], box.env);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('reauth needed: run ccs codex --auth');
  }, 60_000);

  it('a network error names the host', async () => {
    await signIn('john@example.com', []);
    const r = await runCcs(['cliproxy', 'quota'], {
      ...box.env,
      CCS_CODEX_BASE_URL: 'http://127.0.0.1:9/backend-api',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Could not reach 127.0.0.1:9 to read the Codex usage');
    expect(r.stdout).toContain('Check your network connection');
  }, 60_000);

  it('usage errors exit 2; no accounts exits 1 with how to sign in', async () => {
    const unknown = await runCcs(['cliproxy', 'quota', '--provider', 'gemini'], box.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown provider "gemini".');
    expect(unknown.stderr).toContain('Loaded providers: codex.');
    expect(unknown.stdout).toBe('');

    const none = await runCcs(['cliproxy', 'quota'], box.env);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('No OpenAI Codex accounts.');
    expect(none.stderr).toContain('Sign in with: ccs codex --auth');

    // --json still prints exactly one document on stdout; the explanation stays on stderr.
    const noneJson = await runCcs(['cliproxy', 'quota', '--json'], box.env);
    expect(noneJson.code).toBe(1);
    expect(JSON.parse(noneJson.stdout)).toEqual({ provider: 'codex', accounts: [] });
    expect(noneJson.stderr).toContain('No OpenAI Codex accounts.');

    const help = await runCcs(['cliproxy', '--help'], box.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ccs cliproxy quota [--provider <id>] [--json]');
  }, 60_000);
});
