import { describe, expect, it } from 'vitest';
import { mergeQuotaSnapshot } from './merge-quota-snapshot.js';
import { parseCodexRateLimitHeaders } from './parse-codex-rate-limit-headers.js';

const now = new Date('2026-02-04T18:00:00.000Z');
const nowSec = Math.floor(now.getTime() / 1000);

describe('parseCodexRateLimitHeaders', () => {
  it('reads reset-at (unix seconds) and labels by window length', () => {
    const q = parseCodexRateLimitHeaders(
      {
        'X-Codex-Primary-Used-Percent': '45.5',
        'x-codex-primary-window-minutes': '300',
        'x-codex-primary-reset-at': String(nowSec + 3600),
        'x-codex-secondary-used-percent': '20',
        'x-codex-secondary-window-minutes': '10080',
        'x-codex-secondary-reset-at': String(nowSec + 86_400),
        'content-type': 'text/event-stream',
      },
      now,
    );
    expect(q?.windows?.map((w) => [w.label, w.usedPercent, w.windowSeconds, w.resetsAt])).toEqual([
      ['5h', 45.5, 18_000, '2026-02-04T19:00:00.000Z'],
      ['weekly', 20, 604_800, '2026-02-05T18:00:00.000Z'],
    ]);
    expect(q?.weeklyResetAt).toBe('2026-02-05T18:00:00.000Z');
    expect(q?.source).toBe('headers');
    expect(q?.limitReached).toBe(false);
    const full = parseCodexRateLimitHeaders(
      { 'x-codex-primary-used-percent': '100', 'x-codex-primary-window-minutes': '300' },
      now,
    );
    expect(full?.limitReached).toBe(true);
  });

  it('reads the older reset-after-seconds relative to now', () => {
    const q = parseCodexRateLimitHeaders(
      {
        'x-codex-primary-used-percent': '10',
        'x-codex-primary-window-minutes': '10080',
        'x-codex-primary-reset-after-seconds': '7200',
      },
      now,
    );
    expect(q?.windows).toEqual([
      expect.objectContaining({ label: 'weekly', usedPercent: 10, resetsAt: '2026-02-04T20:00:00.000Z' }),
    ]);
  });

  it('treats an all-zero secondary as absent (a weekly-only account)', () => {
    const q = parseCodexRateLimitHeaders(
      {
        'x-codex-primary-used-percent': '70',
        'x-codex-primary-window-minutes': '10080',
        'x-codex-primary-reset-at': String(nowSec + 60),
        'x-codex-secondary-used-percent': '0',
        'x-codex-secondary-window-minutes': '0',
      },
      now,
    );
    expect(q?.windows?.map((w) => w.label)).toEqual(['weekly']);
  });

  it('reads other limit families with their names, and credits only when both flags are present', () => {
    const q = parseCodexRateLimitHeaders(
      {
        'x-codex-bengalfox-limit-name': 'GPT-5.3-Codex-Spark',
        'x-codex-bengalfox-primary-used-percent': '90',
        'x-codex-bengalfox-primary-window-minutes': '300',
        'x-codex-bengalfox-primary-reset-at': String(nowSec + 60),
        'x-codex-credits-has-credits': '1',
        'x-codex-credits-unlimited': 'false',
        'x-codex-credits-balance': '12.5',
      },
      now,
    );
    expect(q?.windows).toEqual([
      expect.objectContaining({
        label: 'GPT-5.3-Codex-Spark 5h',
        limitId: 'codex_bengalfox',
        usedPercent: 90,
      }),
    ]);
    expect(q?.credits).toEqual({ hasCredits: true, unlimited: false, balance: '12.5' });
    expect(q?.weeklyResetAt).toBeUndefined();
    expect(parseCodexRateLimitHeaders({ 'x-codex-credits-has-credits': 'true' }, now)).toBeUndefined();
  });

  it('is undefined for responses without quota headers', () => {
    expect(parseCodexRateLimitHeaders({ 'content-type': 'application/json' }, now)).toBeUndefined();
  });
});

describe('mergeQuotaSnapshot', () => {
  it('replaces the families the headers mention and keeps the plan and the rest', () => {
    const base = {
      plan: 'plus',
      windows: [
        {
          label: '5h',
          limitId: 'codex',
          usedPercent: 1,
          used: null,
          limit: null,
          windowSeconds: 18_000,
          resetsAt: null,
        },
        {
          label: 'weekly',
          limitId: 'codex',
          usedPercent: 2,
          used: null,
          limit: null,
          windowSeconds: 604_800,
          resetsAt: null,
        },
        {
          label: 'x 5h',
          limitId: 'x',
          limitName: 'x',
          usedPercent: 3,
          used: null,
          limit: null,
          windowSeconds: 18_000,
          resetsAt: null,
        },
      ],
      fetchedAt: '2026-02-04T17:59:00.000Z',
      source: 'api' as const,
      cached: false,
      weeklyResetAt: null,
    };
    const update = parseCodexRateLimitHeaders(
      {
        'x-codex-primary-used-percent': '99',
        'x-codex-primary-window-minutes': '10080',
        'x-codex-primary-reset-at': String(nowSec + 60),
      },
      now,
    );
    const merged = mergeQuotaSnapshot(base, update ?? {});
    expect(merged.windows.map((w) => [w.label, w.usedPercent])).toEqual([
      ['weekly', 99],
      ['x 5h', 3],
    ]);
    expect(merged).toMatchObject({ plan: 'plus', fetchedAt: now.toISOString(), source: 'headers' });
    expect(merged.weeklyResetAt).toBe('2026-02-04T18:01:00.000Z');
  });
});
