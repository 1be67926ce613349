import { describe, expect, it } from 'vitest';
import { labelForWindowSeconds } from './quota-window-label.js';

describe('labelForWindowSeconds', () => {
  it.each([
    [300 * 60, '5h'],
    [18_000 * 1.04, '5h'],
    [1440 * 60, 'daily'],
    [10_080 * 60, 'weekly'],
    [604_800 * 0.96, 'weekly'],
    [43_200 * 60, 'monthly'],
    [525_600 * 60, 'annual'],
  ])('names a %d s window %s (±5 %%)', (seconds, label) => {
    expect(labelForWindowSeconds(seconds)).toBe(label);
  });

  it('describes other lengths instead of guessing a name', () => {
    expect(labelForWindowSeconds(18_000 * 1.1)).toBe('5.5h');
    expect(labelForWindowSeconds(3 * 3600)).toBe('3h');
    expect(labelForWindowSeconds(90 * 60)).toBe('90m');
    expect(labelForWindowSeconds(3 * 86_400)).toBe('3d');
    expect(labelForWindowSeconds(29 * 86_400)).toBe('monthly');
    expect(labelForWindowSeconds(20 * 86_400)).toBe('20d');
  });

  it('says "usage" when the length is unknown', () => {
    expect(labelForWindowSeconds(null)).toBe('usage');
    expect(labelForWindowSeconds(0)).toBe('usage');
  });
});
