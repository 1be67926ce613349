import { describe, expect, it } from 'vitest';
import { joinCodexModelSuffix, splitCodexModelSuffix } from './split-codex-model-suffix.js';

describe('splitCodexModelSuffix (the provider page\'s "Model Suffixes")', () => {
  it.each([
    ['gpt-5.3-codex-medium', 'gpt-5.3-codex', 'medium'],
    ['gpt-5.3-codex-high', 'gpt-5.3-codex', 'high'],
    ['gpt-5.3-codex-xhigh', 'gpt-5.3-codex', 'xhigh'],
    ['gpt-5-codex-low', 'gpt-5-codex', 'low'],
    ['gpt-5-codex-mini-high', 'gpt-5-codex-mini', 'high'],
    ['gpt-5.4-XHIGH', 'gpt-5.4', 'xhigh'],
    ['gpt-5.4-high[1m]', 'gpt-5.4', 'high'],
  ])('%s → %s + %s', (id, modelId, effort) => {
    expect(splitCodexModelSuffix(id)).toEqual({ modelId, effort });
  });

  it.each(['gpt-5-codex', 'gpt-5-codex-mini', 'gpt-5.3-codex-spark', 'gpt-5.4', '-high', 'high'])(
    '%s has no suffix',
    (id) => {
      expect(splitCodexModelSuffix(id)).toEqual({ modelId: id });
    },
  );

  it('joins back', () => {
    expect(joinCodexModelSuffix('gpt-5-codex', 'high')).toBe('gpt-5-codex-high');
    expect(joinCodexModelSuffix('gpt-5-codex', undefined)).toBe('gpt-5-codex');
  });
});
