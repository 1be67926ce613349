import { type AccountInfo, CcsError, type Provider, type QuotaSnapshot } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { AccountPool } from './account-pool.js';

const NOW = Date.parse('2026-11-26T11:50:00Z');
const inMs = (ms: number) => new Date(NOW + ms).toISOString();
const H = 3_600_000;

function account(nickname: string, isDefault = false): AccountInfo {
  return {
    id: `id-${nickname}`,
    providerId: 'codex',
    nickname,
    plan: 'plus',
    isDefault,
    createdAt: '2026-01-01T00:00:00Z',
  };
}

function snapshot(
  windows: Array<{ label: string; usedPercent: number; resetsAt: string | null; limitId?: string }>,
  extra: Partial<QuotaSnapshot> = {},
): QuotaSnapshot {
  return {
    windows: windows.map((w) => ({ limitId: 'codex', used: null, limit: null, windowSeconds: null, ...w })),
    fetchedAt: new Date(NOW - 1000).toISOString(),
    source: 'headers',
    cached: true,
    weeklyResetAt: null,
    ...extra,
  };
}

/** A provider whose quota source knows what `known` says; `peeks` counts lookups, `snapshots` must stay 0. */
function provider(names: string[], known: Record<string, QuotaSnapshot> = {}) {
  const accounts = names.map((n, i) => account(n, i === 0));
  const counts = { peeks: 0, snapshots: 0 };
  const p = {
    id: 'codex',
    displayName: 'OpenAI Codex',
    accounts: { list: async () => accounts, resolve: async () => accounts[0]! },
    quotaSource: {
      snapshot: async () => {
        counts.snapshots++;
        throw new Error('no quota request on the request path');
      },
      peek: (id: string) => {
        counts.peeks++;
        return known[id];
      },
    },
  } as unknown as Provider;
  return { p, accounts, counts };
}

describe('AccountPool: quota-aware choice', () => {
  it('skips an account whose main window is at 100% until its reset, and says why', async () => {
    const { p, counts } = provider(['john', 'mary'], {
      'id-john': snapshot([{ label: '5h', usedPercent: 100, resetsAt: inMs(2 * H) }]),
    });
    const notes: string[] = [];
    const pool = new AccountPool('failover', undefined, () => NOW);
    expect((await pool.candidates(p, notes)).map((a) => a.nickname)).toEqual(['mary']);
    expect(notes).toEqual([
      'account john skipped: usage limit reached (5h window at 100%) until 2026-11-26T13:50:00.000Z',
    ]);
    expect(counts.peeks).toBeGreaterThan(0);
    expect(counts.snapshots).toBe(0);
  });

  it('uses the account again once the known reset has passed', async () => {
    const { p } = provider(['john', 'mary'], {
      'id-john': snapshot([{ label: '5h', usedPercent: 100, resetsAt: inMs(-1000) }]),
    });
    const pool = new AccountPool('failover', undefined, () => NOW);
    expect((await pool.candidates(p)).map((a) => a.nickname)).toEqual(['john', 'mary']);
  });

  it('does not skip for a per-model limit, a window below 100%, or usable credits', async () => {
    const { p } = provider(['john', 'mary', 'ann'], {
      'id-john': snapshot([
        { label: 'GPT-5.3-Codex-Spark 5h', usedPercent: 100, resetsAt: inMs(H), limitId: 'codex_bengalfox' },
      ]),
      'id-mary': snapshot([{ label: 'weekly', usedPercent: 99, resetsAt: inMs(H) }]),
      'id-ann': snapshot([{ label: '5h', usedPercent: 100, resetsAt: inMs(H) }], {
        credits: { hasCredits: true, unlimited: false, balance: '12.5' },
      }),
    });
    const pool = new AccountPool('failover', undefined, () => NOW);
    expect((await pool.candidates(p)).map((a) => a.nickname)).toEqual(['john', 'mary', 'ann']);
  });

  it('with limitReached and both windows full, waits for the later reset', async () => {
    const { p } = provider(['john'], {
      'id-john': snapshot(
        [
          { label: '5h', usedPercent: 100, resetsAt: inMs(H) },
          { label: 'weekly', usedPercent: 100, resetsAt: inMs(50 * H) },
        ],
        { limitReached: true },
      ),
    });
    const pool = new AccountPool('failover', undefined, () => NOW);
    const error = (await pool.candidates(p).catch((e: unknown) => e)) as CcsError;
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.retryAfterSeconds).toBe(50 * 3600);
    expect(error.message).toBe(
      'OpenAI Codex usage limit reached for john; it resets in 2d 2h (at 13:50 UTC, 2026-11-28).',
    );
  });

  it('default-only: a known-exhausted default account is a 429 at once, never the next account', async () => {
    const { p } = provider(['john', 'mary'], {
      'id-john': snapshot([], { limitReached: true, fetchedAt: new Date(NOW - 10_000).toISOString() }),
    });
    const pool = new AccountPool('default-only', undefined, () => NOW);
    const notes: string[] = [];
    const error = (await pool.candidates(p, notes).catch((e: unknown) => e)) as CcsError;
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(notes[0]).toMatch(/^account john skipped: usage limit reached \(as last reported\) until /);
    // Reached with no reset time known: a short pause from when it was seen, not forever.
    expect(error.retryAfterSeconds).toBe(50);
  });

  it('limitReached with no full main window (e.g. a spend cap) pauses briefly, never until a weekly reset', async () => {
    const { p } = provider(['john'], {
      'id-john': snapshot([{ label: 'weekly', usedPercent: 40, resetsAt: inMs(100 * H) }], {
        limitReached: true,
      }),
    });
    const pool = new AccountPool('failover', undefined, () => NOW);
    const error = (await pool.candidates(p).catch((e: unknown) => e)) as CcsError;
    expect(error.retryAfterSeconds).toBe(59);
    const later = new AccountPool('failover', undefined, () => NOW + 60_000);
    expect((await later.candidates(p)).map((a) => a.nickname)).toEqual(['john']);
  });

  it('names every account and the earliest reset, relatively and absolutely, when all are out', async () => {
    const { p, accounts } = provider(['john', 'work'], {
      'id-work': snapshot([{ label: 'weekly', usedPercent: 100, resetsAt: inMs(5 * H) }]),
    });
    const pool = new AccountPool('failover', undefined, () => NOW);
    pool.markFailure(
      p,
      accounts[0]!,
      new CcsError('QUOTA_EXCEEDED', 'x', { details: { resetsAt: inMs(2 * H + 15 * 60_000) } }),
    );
    const error = (await pool.candidates(p).catch((e: unknown) => e)) as CcsError;
    expect(error.message).toBe(
      'OpenAI Codex usage limit reached for all accounts (john, work); the earliest resets in 2h 15m (at 14:05 UTC, 2026-11-26).',
    );
    expect(error.retryAfterSeconds).toBe(8100);
    expect(error.suggestion).toContain('ccs codex --auth --add');
  });

  it('a known reset later than a short cooldown wins (a 429 without a reset time)', async () => {
    const { p, accounts } = provider(['john'], {
      'id-john': snapshot([{ label: '5h', usedPercent: 100, resetsAt: inMs(3 * H) }]),
    });
    const pool = new AccountPool('failover', undefined, () => NOW);
    pool.markFailure(p, accounts[0]!, new CcsError('QUOTA_EXCEEDED', 'x'));
    const error = (await pool.candidates(p).catch((e: unknown) => e)) as CcsError;
    expect(error.retryAfterSeconds).toBe(3 * 3600);
  });

  it('a quota source that throws never fails the request', async () => {
    const { p } = provider(['john']);
    (p.quotaSource as unknown as { peek: () => never }).peek = () => {
      throw new Error('broken');
    };
    const pool = new AccountPool('failover', undefined, () => NOW);
    expect((await pool.candidates(p)).map((a) => a.nickname)).toEqual(['john']);
  });

  it('after failures: one account in play keeps its own error; several name the earliest reset of all', async () => {
    const { p, accounts } = provider(['john', 'mary'], {
      'id-john': snapshot([{ label: '5h', usedPercent: 100, resetsAt: inMs(H) }]),
    });
    const last = new CcsError('QUOTA_EXCEEDED', 'mary is out', { details: { resetsAt: inMs(72 * H) } });
    const single = new AccountPool('default-only', undefined, () => NOW);
    expect(await single.exhaustedAfter(p, last)).toBe(last);
    const pool = new AccountPool('failover', undefined, () => NOW);
    pool.markFailure(p, accounts[1]!, last);
    const error = await pool.exhaustedAfter(p, last);
    expect(error.retryAfterSeconds).toBe(3600);
    expect(error.message).toContain('for all accounts (john, mary); the earliest resets in 1h (at 12:50 UTC');
    // A rate limit with retry-after 0 sets nothing aside: the last error is passed on, not a sign-in error.
    const rate = new CcsError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 0 });
    const bare = provider(['ann', 'bob']);
    const fresh = new AccountPool('failover', undefined, () => NOW);
    fresh.markFailure(bare.p, bare.accounts[0]!, rate);
    fresh.markFailure(bare.p, bare.accounts[1]!, rate);
    expect(await fresh.exhaustedAfter(bare.p, rate)).toBe(rate);
  });
});

describe('AccountPool: recording use', () => {
  it('ends a cooldown and touches the account at most once a minute', async () => {
    let now = NOW;
    const touched: string[] = [];
    const { p, accounts } = provider(['john', 'mary']);
    (p.accounts as { touch?: (id: string) => Promise<void> }).touch = async (id) => {
      touched.push(id);
    };
    const pool = new AccountPool('failover', undefined, () => now);
    pool.markFailure(p, accounts[0]!, new CcsError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 30 }));
    expect((await pool.candidates(p)).map((a) => a.nickname)).toEqual(['mary']);
    pool.recordUse(p, accounts[0]!);
    expect((await pool.candidates(p)).map((a) => a.nickname)).toEqual(['john', 'mary']);
    pool.recordUse(p, accounts[0]!);
    now += 59_000;
    pool.recordUse(p, accounts[0]!);
    pool.recordUse(p, accounts[1]!);
    now += 2_000;
    pool.recordUse(p, accounts[0]!);
    expect(touched).toEqual(['id-john', 'id-mary', 'id-john']);
  });
});
