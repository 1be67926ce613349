import { createServer } from 'node:net';
import { CcsError } from '@ccs/core';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCodexQuotaSource, type QuotaCredentialSource } from './codex-quota-source.js';

let emu: Emulator;

/**
 * A minimal credential source over emulator-issued tokens: forceRefresh signs in again (what a refresh
 * gives), `refreshes` counts those, `failRefresh` makes the refresh fail as an expired refresh token would.
 */
function credentialsFor(emails: Record<string, string>) {
  const tokens = new Map<string, { accessToken: string; chatgptAccountId: string }>();
  const state = { refreshes: 0, failRefresh: false, calls: 0 };
  const source: QuotaCredentialSource = {
    async getCredentials(accountId, options) {
      state.calls++;
      const email = emails[accountId];
      if (!email) throw new CcsError('NOT_FOUND', `No account ${accountId}.`);
      if (options?.forceRefresh) {
        state.refreshes++;
        if (state.failRefresh) {
          throw new CcsError('AUTH_REFRESH_FAILED', 'The sign-in expired.', {
            suggestion: 'Run ccs codex --auth.',
          });
        }
        tokens.delete(accountId);
      }
      let t = tokens.get(accountId);
      if (!t) {
        const issued = emu.control.issueTokens(email);
        t = { accessToken: issued.accessToken, chatgptAccountId: issued.accountId };
        tokens.set(accountId, t);
      }
      return { ...t, plan: 'plus' };
    },
  };
  return { source, state };
}

const options = (baseUrl: string, quotaCacheSeconds = 120) => ({ baseUrl, headers: {}, quotaCacheSeconds });
const usageRequests = () => emu.control.requests({ path: '/backend-api/wham/usage' });

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
});

describe('createCodexQuotaSource against the emulator', () => {
  it('reads 5h + weekly windows with the account headers, labelled by duration', async () => {
    emu.control.setUsage('john@example.com', {
      primary: { usedPercent: 45, windowMinutes: 300, resetAfterSeconds: 3 * 3600 },
      secondary: { usedPercent: 21, windowMinutes: 10_080, resetAfterSeconds: 4 * 86_400 },
    });
    const { source } = credentialsFor({ a1: 'john@example.com' });
    const quota = createCodexQuotaSource({ options: options(emu.baseUrl), credentials: source });
    const s = await quota.snapshot('a1');
    expect(s.windows.map((w) => [w.label, w.usedPercent, w.windowSeconds])).toEqual([
      ['5h', 45, 18_000],
      ['weekly', 21, 604_800],
    ]);
    expect(s.plan).toBe('plus');
    expect(s.cached).toBe(false);
    expect(Date.parse(s.weeklyResetAt ?? '') - Date.now()).toBeGreaterThan(4 * 86_400_000 - 60_000);
    const [req] = usageRequests();
    expect(req?.method).toBe('GET');
    expect(req?.status).toBe(200);
    expect(req?.headers['chatgpt-account-id']).toBeTruthy();
  });

  it('a weekly-only account (no 5h window): the weekly window is not called 5h', async () => {
    emu.control.setUsage('john@example.com', {
      primary: { usedPercent: 70, windowMinutes: 10_080, resetAfterSeconds: 86_400 },
      secondary: null,
    });
    const { source } = credentialsFor({ a1: 'john@example.com' });
    const s = await createCodexQuotaSource({ options: options(emu.baseUrl), credentials: source }).snapshot(
      'a1',
    );
    expect(s.windows.map((w) => w.label)).toEqual(['weekly']);
    expect(s.weeklyResetAt).not.toBeNull();
  });

  it('daily and monthly windows, per-model limits and credits', async () => {
    emu.control.setUsage('john@example.com', {
      primary: { usedPercent: 90, windowMinutes: 1440, resetAfterSeconds: 6 * 3600 },
      secondary: { usedPercent: 10, windowMinutes: 43_200, resetAfterSeconds: 20 * 86_400 },
      additional: [
        {
          limitName: 'GPT-5.3-Codex-Spark',
          meteredFeature: 'codex_bengalfox',
          primary: { usedPercent: 60, windowMinutes: 300, resetAfterSeconds: 600 },
        },
      ],
    });
    const { source } = credentialsFor({ a1: 'john@example.com' });
    const s = await createCodexQuotaSource({ options: options(emu.baseUrl), credentials: source }).snapshot(
      'a1',
    );
    expect(s.windows.map((w) => [w.label, w.limitId, w.usedPercent])).toEqual([
      ['daily', 'codex', 90],
      ['monthly', 'codex', 10],
      ['GPT-5.3-Codex-Spark 5h', 'codex_bengalfox', 60],
    ]);
    expect(s.weeklyResetAt).toBeNull();
    expect(s.credits).toEqual({ hasCredits: false, unlimited: false, balance: '0' });
  });

  it('reads an exact upstream body with credits and a spend limit', async () => {
    const now = Math.floor(Date.now() / 1000);
    emu.control.setUsage('john@example.com', {
      raw: {
        plan_type: 'pro',
        rate_limit: {
          primary_window: {
            used_percent: 3,
            limit_window_seconds: 18_000,
            reset_after_seconds: 100,
            reset_at: now + 100,
          },
        },
        credits: { has_credits: true, unlimited: false, balance: '1250' },
        spend_control: {
          reached: false,
          individual_limit: { limit: '500', used: '125', used_percent: 25, reset_at: now + 9 * 86_400 },
        },
      },
    });
    const { source } = credentialsFor({ a1: 'john@example.com' });
    const planUpdates: Array<[string, string]> = [];
    const s = await createCodexQuotaSource({
      options: options(emu.baseUrl),
      credentials: source,
      onPlanObserved: (id, plan) => {
        planUpdates.push([id, plan]);
      },
    }).snapshot('a1');
    expect(s.plan).toBe('pro');
    expect(s.credits).toEqual({ hasCredits: true, unlimited: false, balance: '1250' });
    expect(s.windows.at(-1)).toMatchObject({
      label: 'credit spend limit',
      used: 125,
      limit: 500,
      usedPercent: 25,
    });
    // The token said plus, the usage says pro: the account store is told.
    await new Promise((r) => setTimeout(r, 0));
    expect(planUpdates).toEqual([['a1', 'pro']]);
  });

  it('caches for quotaCacheSeconds: a second call within 2 minutes makes no request', async () => {
    const { source } = credentialsFor({ a1: 'john@example.com' });
    let clock = Date.now();
    const quota = createCodexQuotaSource({
      options: options(emu.baseUrl),
      credentials: source,
      now: () => clock,
    });
    const first = await quota.snapshot('a1');
    clock += 119_000;
    const second = await quota.snapshot('a1');
    expect(usageRequests()).toHaveLength(1);
    expect(second.cached).toBe(true);
    expect(second.fetchedAt).toBe(first.fetchedAt);
    clock += 2_000;
    const third = await quota.snapshot('a1');
    expect(usageRequests()).toHaveLength(2);
    expect(third.cached).toBe(false);
    await quota.snapshot('a1', { refresh: true });
    expect(usageRequests()).toHaveLength(3);
  });

  it('follows a configured quota-cache-seconds (30 s; 0 asks every time)', async () => {
    const { source } = credentialsFor({ a1: 'john@example.com' });
    let clock = Date.now();
    const quota = createCodexQuotaSource({
      options: options(emu.baseUrl, 30),
      credentials: source,
      now: () => clock,
    });
    await quota.snapshot('a1');
    clock += 29_000;
    expect((await quota.snapshot('a1')).cached).toBe(true);
    clock += 2_000;
    expect((await quota.snapshot('a1')).cached).toBe(false);
    expect(usageRequests()).toHaveLength(2);
    const never = createCodexQuotaSource({ options: options(emu.baseUrl, 0), credentials: source });
    await never.snapshot('a1');
    await never.snapshot('a1');
    expect(usageRequests()).toHaveLength(4);
  });

  it('concurrent callers share one request', async () => {
    const { source } = credentialsFor({ a1: 'john@example.com' });
    const quota = createCodexQuotaSource({ options: options(emu.baseUrl), credentials: source });
    const results = await Promise.all(Array.from({ length: 10 }, () => quota.snapshot('a1')));
    expect(usageRequests()).toHaveLength(1);
    expect(new Set(results.map((r) => r.fetchedAt)).size).toBe(1);
  });

  it('a token that expired during the fetch is refreshed and the fetch retried once', async () => {
    const { source, state } = credentialsFor({ a1: 'john@example.com' });
    await source.getCredentials('a1'); // the token is now held
    emu.control.expireAccessTokens('john@example.com');
    const s = await createCodexQuotaSource({ options: options(emu.baseUrl), credentials: source }).snapshot(
      'a1',
    );
    expect(s.windows.length).toBeGreaterThan(0);
    expect(state.refreshes).toBe(1);
    expect(usageRequests().map((r) => r.status)).toEqual([401, 200]);
  });

  it('a 401 that survives the refresh says to sign in again', async () => {
    const { source } = credentialsFor({ a1: 'john@example.com' });
    const expiring: QuotaCredentialSource = {
      async getCredentials(id, o) {
        const c = await source.getCredentials(id, o);
        emu.control.expireAccessTokens('john@example.com');
        return c;
      },
    };
    const quota = createCodexQuotaSource({ options: options(emu.baseUrl), credentials: expiring });
    const error = await quota.snapshot('a1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_REQUIRED', details: { providerId: 'codex' } });
    expect(usageRequests().map((r) => r.status)).toEqual([401, 401]);
    expect(String((error as Error).message)).not.toMatch(/eyJ|Bearer/);
  });

  it('a refresh that fails passes the auth error on, and errors are not cached', async () => {
    const { source, state } = credentialsFor({ a1: 'john@example.com' });
    await source.getCredentials('a1');
    emu.control.expireAccessTokens('john@example.com');
    state.failRefresh = true;
    const quota = createCodexQuotaSource({ options: options(emu.baseUrl), credentials: source });
    await expect(quota.snapshot('a1')).rejects.toMatchObject({ code: 'AUTH_REFRESH_FAILED' });
    state.failRefresh = false;
    await expect(quota.snapshot('a1')).resolves.toMatchObject({ cached: false });
  });

  it('a network error names the host', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
    const { source } = credentialsFor({ a1: 'john@example.com' });
    const quota = createCodexQuotaSource({
      options: options(`http://127.0.0.1:${port}/backend-api`),
      credentials: source,
    });
    await expect(quota.snapshot('a1')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
  });

  it('observe() lays the x-codex-* headers of a proxied response over the cached snapshot', async () => {
    const { source } = credentialsFor({ a1: 'john@example.com' });
    let clock = Date.now();
    const quota = createCodexQuotaSource({
      options: options(emu.baseUrl),
      credentials: source,
      now: () => clock,
    });
    const before = await quota.snapshot('a1');
    clock += 5_000;
    const resetAt = Math.floor(clock / 1000) + 3600;
    quota.observe('a1', {
      'x-codex-primary-used-percent': '99',
      'x-codex-primary-window-minutes': '300',
      'x-codex-primary-reset-at': String(resetAt),
      'x-codex-secondary-used-percent': '50',
      'x-codex-secondary-window-minutes': '10080',
      'x-codex-secondary-reset-after-seconds': '7200',
    });
    const after = await quota.snapshot('a1');
    expect(usageRequests()).toHaveLength(1);
    expect(after.windows.map((w) => [w.label, w.usedPercent])).toEqual([
      ['5h', 99],
      ['weekly', 50],
    ]);
    expect(after).toMatchObject({ plan: before.plan, cached: true, source: 'headers' });
    expect(after.fetchedAt).toBe(new Date(clock).toISOString());
    expect(after.weeklyResetAt).toBe(new Date(clock + 7_200_000).toISOString());
    expect(quota.peek('a1')?.windows[0]?.usedPercent).toBe(99);
    expect(quota.peek('other')).toBeUndefined();
  });

  it('newer headers also clear (or set) "limit reached" over a cached usage answer', async () => {
    emu.control.setUsage('john@example.com', {
      primary: { usedPercent: 100, windowMinutes: 300, resetAfterSeconds: 60 },
    });
    const { source } = credentialsFor({ a1: 'john@example.com' });
    let clock = Date.now();
    const quota = createCodexQuotaSource({
      options: options(emu.baseUrl),
      credentials: source,
      now: () => clock,
    });
    expect((await quota.snapshot('a1')).limitReached).toBe(true);
    clock += 61_000; // the window reset; the next response's headers say so
    quota.observe('a1', {
      'x-codex-primary-used-percent': '3',
      'x-codex-primary-window-minutes': '300',
      'x-codex-primary-reset-after-seconds': '18000',
    });
    expect(quota.peek('a1')?.limitReached).toBe(false);
    quota.observe('a1', { 'x-codex-primary-used-percent': '100', 'x-codex-primary-window-minutes': '300' });
    expect(quota.peek('a1')?.limitReached).toBe(true);
  });
});
