import { describe, expect, it } from 'vitest';
import { codexUsageBodySchema } from './codex-usage-schema.js';
import { mapCodexUsage } from './map-codex-usage.js';

const now = new Date('2026-02-04T18:00:00.000Z');
const at = (s: number) => Math.floor(now.getTime() / 1000) + s;
const map = (body: unknown) => mapCodexUsage(codexUsageBodySchema.parse(body), now);

describe('mapCodexUsage', () => {
  it('labels 5h + weekly by duration and gives the weekly reset', () => {
    const s = map({
      plan_type: 'plus',
      rate_limit: {
        allowed: true,
        limit_reached: false,
        primary_window: {
          used_percent: 45,
          limit_window_seconds: 18_000,
          reset_after_seconds: 3600,
          reset_at: at(3600),
        },
        secondary_window: { used_percent: 21, limit_window_seconds: 604_800, reset_at: at(4 * 86_400) },
      },
    });
    expect(s.plan).toBe('plus');
    expect(s.windows.map((w) => [w.label, w.usedPercent, w.windowSeconds])).toEqual([
      ['5h', 45, 18_000],
      ['weekly', 21, 604_800],
    ]);
    expect(s.windows[0]).toMatchObject({ used: null, limit: null, resetsAt: '2026-02-04T19:00:00.000Z' });
    expect(s.weeklyResetAt).toBe('2026-02-08T18:00:00.000Z');
    expect(s.source).toBe('api');
    expect(s.fetchedAt).toBe(now.toISOString());
  });

  it('a weekly-only account: the primary window is weekly, and there is no 5h window', () => {
    const s = map({
      plan_type: 'free',
      rate_limit: {
        primary_window: { used_percent: 80, limit_window_seconds: 604_800, reset_after_seconds: 86_400 },
        secondary_window: null,
      },
    });
    expect(s.windows.map((w) => w.label)).toEqual(['weekly']);
    expect(s.weeklyResetAt).toBe('2026-02-05T18:00:00.000Z');
  });

  it('daily and monthly windows, and counts when the body has them ("45/50")', () => {
    const s = map({
      rate_limit: {
        primary_window: { used: 45, limit: 50, limit_window_seconds: 86_400, reset_after_seconds: 6 * 3600 },
        secondary_window: {
          used_percent: 10,
          limit_window_seconds: 30 * 86_400,
          reset_after_seconds: 20 * 86_400,
        },
      },
    });
    expect(s.windows.map((w) => [w.label, w.used, w.limit, w.usedPercent])).toEqual([
      ['daily', 45, 50, 90],
      ['monthly', null, null, 10],
    ]);
    expect(s.weeklyResetAt).toBeNull();
  });

  it('per-model additional limits, code review and credit spend get their own prefixed labels', () => {
    const s = map({
      rate_limit: { primary_window: { used_percent: 5, limit_window_seconds: 18_000, reset_at: at(100) } },
      code_review_rate_limit: {
        primary_window: { used_percent: 7, limit_window_seconds: 604_800, reset_at: at(200) },
      },
      additional_rate_limits: [
        {
          limit_name: 'GPT-5.3-Codex-Spark',
          metered_feature: 'codex_bengalfox',
          rate_limit: {
            primary_window: { used_percent: 60, limit_window_seconds: 18_000, reset_at: at(300) },
            secondary_window: { used_percent: 30, limit_window_seconds: 604_800, reset_at: at(400) },
          },
        },
      ],
      spend_control: {
        reached: false,
        individual_limit: { limit: '100', used: '12.5', used_percent: 12, reset_at: at(500) },
      },
      credits: { has_credits: true, unlimited: false, balance: '42.5' },
    });
    expect(s.windows.map((w) => [w.label, w.limitId])).toEqual([
      ['5h', 'codex'],
      ['code review weekly', 'code_review'],
      ['GPT-5.3-Codex-Spark 5h', 'codex_bengalfox'],
      ['GPT-5.3-Codex-Spark weekly', 'codex_bengalfox'],
      ['credit spend limit', 'spend_control'],
    ]);
    expect(s.windows.at(-1)).toMatchObject({ used: 12.5, limit: 100, usedPercent: 12 });
    // The weekly reset schedule is the main limit's, not a per-model or code-review window's.
    expect(s.weeklyResetAt).toBeNull();
    expect(s.credits).toEqual({ hasCredits: true, unlimited: false, balance: '42.5' });
  });

  it('is tolerant: unknown fields, wrong types and a missing rate_limit do not fail the body', () => {
    const s = map({
      plan_type: 'unknown',
      rate_limit: {
        primary_window: { used_percent: '33', limit_window_seconds: 'soon', reset_at: at(60) },
        extra: 1,
      },
      additional_rate_limits: 'nope',
      brand_new_field: { x: 1 },
    });
    expect(s.plan).toBeUndefined();
    expect(s.windows).toEqual([
      {
        label: 'usage',
        limitId: 'codex',
        usedPercent: 33,
        used: null,
        limit: null,
        windowSeconds: null,
        resetsAt: '2026-02-04T18:01:00.000Z',
      },
    ]);
    expect(map({}).windows).toEqual([]);
  });

  it('drops placeholder windows (0 %, no length, no reset) and clamps percentages', () => {
    const s = map({
      rate_limit: {
        primary_window: { used_percent: 0 },
        secondary_window: { used_percent: 140, limit_window_seconds: 604_800, reset_after_seconds: 10 },
      },
    });
    expect(s.windows.map((w) => [w.label, w.usedPercent])).toEqual([['weekly', 100]]);
  });
});
