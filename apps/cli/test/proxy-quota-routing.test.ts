import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { type CodexProvider, createCodexProvider, readCodexIdentity } from '@ccs/provider-codex/internal';
import { type ProxyOptions, type RunningProxy, startProxy } from '@ccs/proxy';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The real Codex provider (account store, credentials, quota source, chat model) behind the real
// proxy, against the emulator over loopback: quota-aware account choice end to end.
const KEY = 'ccs-test-key-quota-routing-0123';
const RESET_S = 2 * 3600 + 15 * 60;
let emu: Emulator;
let home: string;
let codex: CodexProvider;
let proxy: RunningProxy | undefined;
let traces: string[];
const ids: Record<string, string> = {};

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.control.reset();
  traces = [];
  home = await mkdtemp(join(tmpdir(), 'ccs-quota-routing-'));
  codex = createCodexProvider({ home, issuer: emu.issuer, baseUrl: emu.baseUrl });
  for (const name of ['john', 'mary']) {
    const email = `${name}@example.com`;
    ids[name] = emu.control.addAccount({ email, plan: 'plus' }).chatgptAccountId;
    const t = emu.control.issueTokens(email);
    await codex.accounts.saveLogin(
      {
        accessToken: t.accessToken,
        refreshToken: t.refreshToken,
        idToken: t.idToken,
        expiresAt: new Date(Date.now() + t.expiresIn * 1000),
        identity: readCodexIdentity(t.idToken),
      },
      { nickname: name },
    );
  }
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await rm(home, { recursive: true, force: true, maxRetries: 5 });
});

async function client(extra: Partial<ProxyOptions> = {}) {
  proxy = await startProxy({
    providers: new Map([['codex', codex]]),
    apiKey: KEY,
    models: { default: 'gpt-5.6-sol' },
    trace: (line) => traces.push(line),
    ...extra,
  });
  return new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
}

const ask = {
  model: 'claude-sonnet-4-8',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'hi' }],
};
/** /codex/responses requests one account sent upstream. */
const sentBy = (name: string) =>
  emu.control
    .requests({ path: '/codex/responses' })
    .filter((r) => r.headers['chatgpt-account-id'] === ids[name]).length;
const johnAtLimit = () =>
  emu.control.setUsage('john@example.com', {
    primary: { usedPercent: 100, windowMinutes: 300, resetAfterSeconds: RESET_S },
  });

describe('quota-aware account choice (real Codex provider, emulator)', () => {
  it('learns from the first answer that john is out; the second request goes straight to mary', async () => {
    johnAtLimit();
    const sdk = await client();
    const first = await sdk.messages.create(ask);
    expect(first.content[0]).toMatchObject({ type: 'text', text: 'Hello from the emulator.' });
    expect([sentBy('john'), sentBy('mary')]).toEqual([1, 1]);

    const usageBefore = emu.control.counters().usageRequests;
    await sdk.messages.create(ask);
    expect([sentBy('john'), sentBy('mary')]).toEqual([1, 2]);
    expect(emu.control.counters().usageRequests).toBe(usageBefore); // peek only, no quota request
    const skip = traces.find((line) => line.includes('account john skipped'));
    expect(skip).toMatch(/account john skipped: usage limit reached \(5h window at 100%\) until \d{4}-/);
    expect(traces.at(-1)).toContain('account=mary status=200');
  });

  it('uses quota read earlier (e.g. by a quota check): not one request reaches the exhausted account', async () => {
    johnAtLimit();
    const john = (await codex.accounts.list()).find((a) => a.nickname === 'john')!;
    expect((await codex.quotaSource.snapshot(john.id)).limitReached).toBe(true);
    const sdk = await client();
    await sdk.messages.create(ask);
    expect([sentBy('john'), sentBy('mary')]).toEqual([0, 1]);
  });

  it('default-only: the client gets the 429 naming the reset at once, without an upstream call', async () => {
    johnAtLimit();
    const sdk = await client({ routing: { strategy: 'default-only' } });
    const first = (await sdk.messages.create(ask).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(first).toBeInstanceOf(Anthropic.RateLimitError);
    expect(first.message).toMatch(
      /Codex usage limit reached for john; it resets in 2h 15m \(at \d\d:\d\d UTC, \d{4}-\d\d-\d\d\)/,
    );
    const second = (await sdk.messages.create(ask).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(second).toBeInstanceOf(Anthropic.RateLimitError);
    expect(second.message).toMatch(/usage limit reached for john; it resets in 2h 1[45]m \(at /);
    const retryAfter = Number(second.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(RESET_S - 60);
    expect(retryAfter).toBeLessThanOrEqual(RESET_S);
    expect([sentBy('john'), sentBy('mary')]).toEqual([1, 0]);
  });

  it('all exhausted: names every account and the earliest reset, keeping retry-after', async () => {
    johnAtLimit();
    emu.control.setUsage('mary@example.com', {
      secondary: { usedPercent: 100, windowMinutes: 10_080, resetAfterSeconds: 3 * 86_400 },
    });
    const sdk = await client();
    const error = (await sdk.messages.create(ask).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.message).toMatch(
      /usage limit reached for all accounts \(john, mary\); the earliest resets in 2h 15m \(at \d\d:\d\d UTC, \d{4}-\d\d-\d\d\)\./,
    );
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(RESET_S - 60);
  });

  it('when the last account left also runs out, the 429 still counts the skipped one (its earlier reset)', async () => {
    johnAtLimit();
    const sdk = await client();
    await sdk.messages.create(ask); // john answers 429 (now known), mary serves
    emu.control.setUsage('mary@example.com', {
      secondary: { usedPercent: 100, windowMinutes: 10_080, resetAfterSeconds: 3 * 86_400 },
    });
    const error = (await sdk.messages.create(ask).catch((e: unknown) => e)) as InstanceType<
      typeof Anthropic.RateLimitError
    >;
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.message).toMatch(/for all accounts \(john, mary\); the earliest resets in 2h 1[45]m \(at /);
    const retryAfter = Number(error.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(RESET_S - 60);
    expect(retryAfter).toBeLessThanOrEqual(RESET_S);
    expect([sentBy('john'), sentBy('mary')]).toEqual([1, 2]);
  });
});
