import type { EffortLevel, ModelSlot } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { createCodexModelCatalog } from '../models/codex-model-catalog.js';
import { createCodexEffortPolicy } from './codex-effort-policy.js';

const policy = createCodexEffortPolicy(
  createCodexModelCatalog({ options: { baseUrl: 'http://x', headers: {} } }),
);

describe('Codex effort policy: the provider page\'s "Automatic Effort Mapping"', () => {
  // Source → requested effort; effective = capped by the model's max.
  const slotTable: Array<[ModelSlot, string, EffortLevel, EffortLevel]> = [
    ['default', 'gpt-5-codex', 'xhigh', 'high'],
    ['opus', 'gpt-5-codex', 'xhigh', 'high'],
    ['sonnet', 'gpt-5-codex', 'high', 'high'],
    ['haiku', 'gpt-5-codex-mini', 'medium', 'medium'],
    ['default', 'gpt-5.3-codex', 'xhigh', 'xhigh'],
    ['opus', 'gpt-5.4', 'xhigh', 'xhigh'],
    ['sonnet', 'gpt-5.3-codex-spark', 'high', 'high'],
    ['haiku', 'gpt-5.2-codex', 'medium', 'medium'],
  ];

  it.each(slotTable)(
    '%s slot on %s asks for %s and sends %s, quietly',
    (slot, modelId, requested, effort) => {
      const decision = policy.resolve({ modelId, slot });
      expect(decision).toMatchObject({
        requested,
        effort,
        source: 'slot-default',
        capped: requested !== effort,
      });
      expect(decision.warnings).toEqual([]);
    },
  );

  it('the page example: default gpt-5-codex is capped at high', () => {
    expect(policy.resolve({ modelId: 'gpt-5-codex', slot: 'default' }).effort).toBe('high');
  });

  it.each([
    ['gpt-5-codex', 'xhigh', 'high', 'reasoning.effort xhigh capped to high for gpt-5-codex'],
    ['gpt-5-codex-mini', 'xhigh', 'high', 'reasoning.effort xhigh capped to high for gpt-5-codex-mini'],
    ['gpt-5.3-codex', 'xhigh', 'xhigh', undefined],
    ['gpt-5.3-codex', 'low', 'low', undefined],
    ['gpt-5-codex', 'medium', 'medium', undefined],
  ] as const)('explicit %s with %s sends %s', (modelId, requested, effort, warning) => {
    for (const slot of ['opus', 'haiku', undefined] as const) {
      const decision = policy.resolve({ modelId, requested, slot, source: 'explicit' });
      expect(decision.effort).toBe(effort);
      expect(decision.source).toBe('explicit');
      expect(decision.warnings).toEqual(warning ? [warning] : []);
    }
  });

  it('an explicit value wins over the slot default, even when lower', () => {
    expect(policy.resolve({ modelId: 'gpt-5.4', slot: 'opus', requested: 'medium' }).effort).toBe('medium');
  });

  it('a model suffix is an explicit source: gpt-5.3-codex-medium → medium', () => {
    const decision = policy.resolve({
      modelId: 'gpt-5.3-codex',
      requested: 'medium',
      source: 'suffix',
      slot: 'opus',
    });
    expect(decision).toMatchObject({ effort: 'medium', source: 'suffix', capped: false, warnings: [] });
  });

  it('raises a level below what the model supports (the mini models have no low)', () => {
    const decision = policy.resolve({ modelId: 'gpt-5-codex-mini', requested: 'low' });
    expect(decision.effort).toBe('medium');
    expect(decision.capped).toBe(false);
    expect(decision.warnings[0]).toMatch(/low raised to medium for gpt-5-codex-mini/);
  });

  it('without slot or request uses the model default', () => {
    expect(policy.resolve({ modelId: 'gpt-5.4' })).toMatchObject({
      effort: 'medium',
      source: 'model-default',
    });
  });

  it('an unknown model passes the requested value through, with a warning', () => {
    const decision = policy.resolve({ modelId: 'gpt-9-turbo', requested: 'xhigh' });
    expect(decision.effort).toBe('xhigh');
    expect(decision.capped).toBe(false);
    expect(decision.warnings[0]).toMatch(/unknown model gpt-9-turbo/);
    expect(policy.resolve({ modelId: 'gpt-9-turbo', slot: 'sonnet' }).effort).toBe('high');
  });
});

describe('max and ultra (the 5.6 models)', () => {
  it.each([
    ['gpt-5.6-sol', 'ultra', 'ultra'],
    ['gpt-5.6-sol', 'max', 'max'],
    ['gpt-5.6-luna', 'ultra', 'max'],
    ['gpt-5.5', 'max', 'xhigh'],
    ['gpt-5.3-codex-spark', 'ultra', 'xhigh'],
  ] as const)('%s asked for %s gets %s', (modelId, requested, effort) => {
    const decision = policy.resolve({ modelId, requested, source: 'explicit' });
    expect(decision.effort).toBe(effort);
    expect(decision.warnings).toEqual(
      requested === effort ? [] : [`reasoning.effort ${requested} capped to ${effort} for ${modelId}`],
    );
  });
});
