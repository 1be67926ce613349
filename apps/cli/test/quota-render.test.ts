import type { AccountInfo, QuotaSnapshot } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import type { QuotaReport } from '../src/quota/collect-quota.js';
import { formatDuration, formatReset } from '../src/quota/format-time.js';
import { quotaJsonSchema, toQuotaJson } from '../src/quota/quota-json.js';
import { renderQuota } from '../src/quota/render-quota.js';

const now = new Date('2026-02-04T18:00:00.000Z'); // a Wednesday
const plain = {
  bold: (s: string) => s,
  dim: (s: string) => s,
  red: (s: string) => s,
  yellow: (s: string) => s,
  green: (s: string) => s,
};
const inMs = (ms: number) => new Date(now.getTime() + ms).toISOString();

const account = (over: Partial<AccountInfo>): AccountInfo => ({
  id: 'id',
  providerId: 'codex',
  nickname: 'john',
  email: 'john@example.com',
  plan: 'plus',
  isDefault: false,
  createdAt: now.toISOString(),
  ...over,
});

const snapshot: QuotaSnapshot = {
  plan: 'plus',
  windows: [
    {
      label: 'daily',
      limitId: 'codex',
      usedPercent: 90,
      used: 45,
      limit: 50,
      windowSeconds: 86_400,
      resetsAt: inMs(6 * 3600_000),
    },
    {
      label: 'weekly',
      limitId: 'codex',
      usedPercent: 42,
      used: null,
      limit: null,
      windowSeconds: 604_800,
      resetsAt: inMs(2 * 86_400_000 + 6 * 3600_000 + 12 * 60_000),
    },
    {
      label: 'GPT-5.3-Codex-Spark 5h',
      limitId: 'codex_bengalfox',
      limitName: 'GPT-5.3-Codex-Spark',
      usedPercent: 100,
      used: null,
      limit: null,
      windowSeconds: 18_000,
      resetsAt: inMs(25 * 60_000),
    },
  ],
  credits: { hasCredits: true, unlimited: false, balance: '42.5' },
  fetchedAt: now.toISOString(),
  source: 'api',
  cached: false,
  weeklyResetAt: inMs(2 * 86_400_000 + 6 * 3600_000 + 12 * 60_000),
};

const report: QuotaReport = {
  providerId: 'codex',
  displayName: 'Codex',
  accounts: [
    { account: account({ id: 'a', isDefault: true }), snapshot },
    {
      account: account({ id: 'b', nickname: 'work', email: 'work@example.com', plan: 'team' }),
      error: {
        code: 'AUTH_REQUIRED',
        message: 'Codex rejected the sign-in of this account.',
        action: 'reauth needed: run ccs codex --auth',
      },
    },
    {
      account: account({ id: 'c', nickname: 'old', email: 'old@example.com', plan: 'free' }),
      snapshot: {
        ...snapshot,
        plan: 'free',
        windows: [snapshot.windows[1]!],
        credits: { hasCredits: false, unlimited: false, balance: '0' },
        cached: true,
        fetchedAt: inMs(-90_000),
      },
    },
  ],
};

describe('format-time', () => {
  it('counts down in at most two units', () => {
    expect(formatDuration(6 * 3600_000)).toBe('6h');
    expect(formatDuration(6 * 3600_000 + 12 * 60_000)).toBe('6h 12m');
    expect(formatDuration(2 * 86_400_000 + 6 * 3600_000 + 59_000)).toBe('2d 6h');
    expect(formatDuration(45 * 60_000)).toBe('45m');
    expect(formatDuration(30_000)).toBe('30s');
  });

  it('adds the local date and time only when the reset is more than a day away', () => {
    expect(formatReset(inMs(3 * 3600_000), now, 'UTC')).toBe('resets in 3h');
    expect(formatReset(inMs(2 * 86_400_000), now, 'UTC')).toBe('resets in 2d (Fri 6 Feb 18:00)');
    expect(formatReset(inMs(2 * 86_400_000), now, 'Asia/Tokyo')).toBe('resets in 2d (Sat 7 Feb 03:00)');
    expect(formatReset(null, now)).toBeUndefined();
  });
});

describe('renderQuota', () => {
  const lines = renderQuota(report, { now, style: plain, timeZone: 'UTC' });
  const text = lines.join('\n');

  it('prints a real-time overview of every account', () => {
    expect(lines).toEqual([
      'Codex quota (as of 2026-02-04 17:58:30):',
      '',
      '  john <john@example.com> [plus] (default)',
      '    Daily:                   45/50 messages (90% used)  resets in 6h',
      '    Weekly:                  42% used  resets in 2d 6h (Sat 7 Feb 00:12)',
      '    GPT-5.3-Codex-Spark 5h:  100% used, limit reached  resets in 25m',
      '    Credits:                 balance 42.5',
      '    Weekly reset: Saturdays at 00:12',
      '    as of 2026-02-04 18:00:00',
      '',
      '  work <work@example.com> [team]',
      '    error: Codex rejected the sign-in of this account.',
      '    reauth needed: run ccs codex --auth',
      '',
      '  old <old@example.com> [free]',
      '    Weekly:   42% used  resets in 2d 6h (Sat 7 Feb 00:12)',
      '    Weekly reset: Saturdays at 00:12',
      '    as of 2026-02-04 17:58:30 (cached)',
    ]);
    expect(text).not.toMatch(/primary|secondary/i);
  });
});

describe('toQuotaJson', () => {
  it('is exactly the documented document', () => {
    const json = toQuotaJson(report);
    expect(quotaJsonSchema.parse(json)).toEqual(json);
    expect(Object.keys(json)).toEqual(['provider', 'accounts']);
    expect(json.accounts[0]).toEqual({
      nickname: 'john',
      email: 'john@example.com',
      plan: 'plus',
      default: true,
      fetchedAt: '2026-02-04T18:00:00.000Z',
      cached: false,
      error: null,
      windows: [
        {
          label: 'daily',
          limitId: 'codex',
          usedPercent: 90,
          used: 45,
          limit: 50,
          windowSeconds: 86_400,
          resetsAt: '2026-02-05T00:00:00.000Z',
        },
        {
          label: 'weekly',
          limitId: 'codex',
          usedPercent: 42,
          used: null,
          limit: null,
          windowSeconds: 604_800,
          resetsAt: '2026-02-07T00:12:00.000Z',
        },
        {
          label: 'GPT-5.3-Codex-Spark 5h',
          limitId: 'codex_bengalfox',
          usedPercent: 100,
          used: null,
          limit: null,
          windowSeconds: 18_000,
          resetsAt: '2026-02-04T18:25:00.000Z',
        },
      ],
      weeklyResetAt: '2026-02-07T00:12:00.000Z',
      credits: { hasCredits: true, unlimited: false, balance: '42.5' },
    });
    expect(json.accounts[1]).toEqual({
      nickname: 'work',
      email: 'work@example.com',
      plan: 'team',
      default: false,
      fetchedAt: null,
      cached: false,
      error: {
        code: 'AUTH_REQUIRED',
        message: 'Codex rejected the sign-in of this account.',
        action: 'reauth needed: run ccs codex --auth',
      },
      windows: [],
      weeklyResetAt: null,
      credits: null,
    });
    expect(json.accounts[2]).toMatchObject({
      cached: true,
      fetchedAt: '2026-02-04T17:58:30.000Z',
      plan: 'free',
      credits: { hasCredits: false, unlimited: false, balance: '0' },
    });
  });
});
