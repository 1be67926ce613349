import { describe, expect, it } from 'vitest';
import { formatCountdown, formatResetUtc } from './format-countdown.js';

describe('countdowns people read', () => {
  it('shows two units at most', () => {
    expect(formatCountdown(30_000)).toBe('30s');
    expect(formatCountdown(45 * 60_000)).toBe('45m');
    expect(formatCountdown((2 * 60 + 15) * 60_000)).toBe('2h 15m');
    expect(formatCountdown(3 * 3_600_000)).toBe('3h');
    expect(formatCountdown((3 * 24 + 4) * 3_600_000 + 59_000)).toBe('3d 4h');
    expect(formatCountdown(-5_000)).toBe('0s');
  });

  it('names a reset relatively and in UTC', () => {
    const now = Date.UTC(2026, 10, 26, 11, 50);
    expect(formatResetUtc(now + (2 * 60 + 15) * 60_000, now)).toBe('in 2h 15m (at 14:05 UTC, 2026-11-26)');
  });
});
