import { type AccountInfo, CcsError, type Provider, usageError } from '@ccs/core';
import { createCodexQuotaSource, type QuotaCredentialSource } from '@ccs/provider-codex/internal';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliproxyHost, runCliproxy } from '../src/commands/cliproxy.js';
import { quotaJsonSchema } from '../src/quota/quota-json.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
  emu.control.addAccount({ email: 'work@example.com', plan: 'team' });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    term: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), color: false, isTTY: false },
    out,
    err,
  };
}

const info = (id: string, nickname: string, email: string, plan: string, isDefault = false): AccountInfo => ({
  id,
  providerId: 'codex',
  nickname,
  email,
  plan,
  isDefault,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** A Codex provider whose accounts sign in at the emulator; `broken` accounts always get a 401. */
function codexHost(accounts: AccountInfo[], options: { broken?: string[] } = {}): CliproxyHost {
  const credentials: QuotaCredentialSource = {
    async getCredentials(accountId) {
      const a = accounts.find((x) => x.id === accountId)!;
      const t = emu.control.issueTokens(a.email!);
      if (options.broken?.includes(accountId)) emu.control.expireAccessTokens(a.email);
      return { accessToken: t.accessToken, chatgptAccountId: t.accountId, plan: a.plan };
    },
  };
  const provider = {
    specificationVersion: 'v1',
    id: 'codex',
    displayName: 'Codex',
    accounts: { list: async () => accounts },
    quotaSource: createCodexQuotaSource({
      options: { baseUrl: emu.baseUrl, headers: {}, quotaCacheSeconds: 120 },
      credentials,
    }),
  } as unknown as Provider;
  const providers = new Map([['codex', provider]]);
  return {
    providers,
    provider: (id) => {
      const p = providers.get(id);
      if (!p) throw usageError(`Unknown provider "${id}".`);
      return p;
    },
  };
}

const twoAccounts = () => [
  info('a1', 'john', 'john@example.com', 'plus', true),
  info('a2', 'work', 'work@example.com', 'team'),
];

describe('ccs cliproxy quota', () => {
  it('--json prints exactly one document with every account, read in parallel', async () => {
    emu.control.setUsage('john@example.com', {
      primary: { usedPercent: 45, windowMinutes: 300, resetAfterSeconds: 3600 },
      secondary: { usedPercent: 21, windowMinutes: 10_080, resetAfterSeconds: 4 * 86_400 },
    });
    emu.control.setUsage('work@example.com', {
      primary: { usedPercent: 80, windowMinutes: 10_080, resetAfterSeconds: 86_400 },
      secondary: null,
    });
    const { term, out, err } = capture();
    const code = await runCliproxy(['quota', '--provider', 'codex', '--json'], {
      host: codexHost(twoAccounts()),
      term,
    });
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    const doc = quotaJsonSchema.parse(JSON.parse(out[0]!));
    expect(doc.provider).toBe('codex');
    expect(doc.accounts.map((a) => [a.nickname, a.email, a.plan, a.default, a.cached, a.error])).toEqual([
      ['john', 'john@example.com', 'plus', true, false, null],
      ['work', 'work@example.com', 'team', false, false, null],
    ]);
    expect(
      doc.accounts[0]?.windows.map((w) => [w.label, w.usedPercent, w.windowSeconds, w.used, w.limit]),
    ).toEqual([
      ['5h', 45, 18_000, null, null],
      ['weekly', 21, 604_800, null, null],
    ]);
    expect(doc.accounts[1]?.windows.map((w) => w.label)).toEqual(['weekly']);
    expect(doc.accounts[1]?.weeklyResetAt).toBe(doc.accounts[1]?.windows[0]?.resetsAt);
    expect(emu.control.requests({ path: '/backend-api/wham/usage' })).toHaveLength(2);
  });

  it('shows usage, resets, the weekly schedule and a per-account reauth action; exit 1 when one failed', async () => {
    const { term, out } = capture();
    const code = await runCliproxy(['quota'], {
      host: codexHost(twoAccounts(), { broken: ['a2'] }),
      term,
      plain: true,
    });
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/^Codex quota \(as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\):/);
    expect(text).toContain('john <john@example.com> [plus] (default)');
    expect(text).toMatch(/5h: +12% used {2}resets in 3h/);
    expect(text).toMatch(/Weekly: +34% used {2}resets in 4d \(\w{3} \d+ \w{3} \d\d:\d\d\)/);
    expect(text).toMatch(/Weekly reset: \w+days at \d\d:\d\d/);
    expect(text).toContain('work <work@example.com> [team]');
    expect(text).toContain('reauth needed: run ccs codex --auth');
  });

  it('an unknown --provider is a usage error listing the loaded providers', async () => {
    const { term } = capture();
    const error = await runCliproxy(['quota', '--provider', 'gemini'], {
      host: codexHost(twoAccounts()),
      term,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CcsError);
    expect(error).toMatchObject({ code: 'USAGE', exitCode: 2, suggestion: 'Loaded providers: codex.' });
  });

  it('no accounts: says how to sign in, exit 1, nothing on stdout', async () => {
    const { term, out } = capture();
    const error = await runCliproxy(['quota'], { host: codexHost([]), term }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: 'No Codex accounts.',
      suggestion: 'Sign in with: ccs codex --auth',
      exitCode: 1,
    });
    expect(out).toEqual([]);
  });

  it('no accounts with --json: still one JSON document on stdout (no accounts), exit 1', async () => {
    const { term, out } = capture();
    const error = await runCliproxy(['quota', '--json'], { host: codexHost([]), term }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ message: 'No Codex accounts.', exitCode: 1 });
    expect(JSON.parse(out.join('\n'))).toEqual({ provider: 'codex', accounts: [] });
  });

  it('shows progress on a terminal only', async () => {
    const writes: string[] = [];
    await runCliproxy(['quota', '--json'], {
      host: codexHost(twoAccounts()),
      term: capture().term,
      progressStream: { isTTY: true, write: (c: string) => writes.push(c) },
    });
    expect(writes.join('')).toContain('Reading Codex quota… 2/2');
    expect(writes.at(-1)).toBe('\r\x1b[K');
    const none: string[] = [];
    await runCliproxy(['quota', '--json'], {
      host: codexHost(twoAccounts()),
      term: capture().term,
      progressStream: { isTTY: false, write: (c: string) => none.push(c) },
    });
    expect(none).toEqual([]);
  });

  it('help, and unknown subcommands and flags are usage errors', async () => {
    const { term, out } = capture();
    expect(await runCliproxy(['--help'], { term })).toBe(0);
    expect(out.join('\n')).toContain('ccs cliproxy quota [--provider <id>] [--json]');
    await expect(runCliproxy(['status'], { term })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(runCliproxy(['quota', '--bogus'], { term })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
