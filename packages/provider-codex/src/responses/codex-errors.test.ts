import { describe, expect, it } from 'vitest';
import { codexErrorToCcsError } from './codex-errors.js';

const NOW = Date.parse('2026-11-26T11:50:00Z');
const context = { status: 429, modelId: 'gpt-5.4', accountLabel: 'john', now: () => NOW };

describe('usage_limit_reached', () => {
  it('names the reset as a countdown and a UTC time, with retry-after and the ISO time in details', () => {
    const error = codexErrorToCcsError(
      { type: 'usage_limit_reached', plan_type: 'plus', resets_at: NOW / 1000 + 8100 },
      context,
    );
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.message).toBe(
      'Codex usage limit reached for john; it resets in 2h 15m (at 14:05 UTC, 2026-11-26).',
    );
    expect(error.retryAfterSeconds).toBe(8100);
    expect(error.details?.resetsAt).toBe('2026-11-26T14:05:00.000Z');
    expect(error.suggestion).toContain('https://chatgpt.com/explore/pro');
  });

  it('accepts the older resets_in_seconds, and says nothing about a reset it does not know', () => {
    const older = codexErrorToCcsError(
      { type: 'usage_limit_reached', resets_in_seconds: 3 * 86_400 + 3600 },
      context,
    );
    expect(older.message).toBe(
      'Codex usage limit reached for john; it resets in 3d 1h (at 12:50 UTC, 2026-11-29).',
    );
    const unknown = codexErrorToCcsError({ type: 'usage_limit_reached' }, context);
    expect(unknown.message).toBe('Codex usage limit reached for john.');
    expect(unknown.retryAfterSeconds).toBeUndefined();
  });

  it.each([
    ['free', 'upgrade to Plus'],
    ['pro', 'buy more credits'],
    ['team', 'workspace admin'],
    ['self_serve_business_usage_based', 'workspace admin'],
    ['enterprise', 'Wait for the reset, or add another account.'],
  ])('advises a %s account what to do', (plan, advice) => {
    const error = codexErrorToCcsError({ type: 'usage_limit_reached', plan_type: plan }, context);
    expect(error.suggestion).toContain(advice);
  });
});
