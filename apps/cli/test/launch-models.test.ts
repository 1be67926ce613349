import { createCodexEffortPolicy, createCodexModelCatalog } from '@ccs/provider-codex/internal';
import { describe, expect, it } from 'vitest';
import { resolveLaunchModels } from '../src/launch/resolve-launch-models.js';

const catalog = createCodexModelCatalog({ options: { baseUrl: 'http://127.0.0.1:9', headers: {} } });
const policy = createCodexEffortPolicy(catalog);
const defaults = {
  default: 'gpt-5-codex',
  opus: 'gpt-5-codex',
  sonnet: 'gpt-5-codex',
  haiku: 'gpt-5-codex-mini',
};
const paid = { default: 'gpt-5.4', opus: 'gpt-5.4', sonnet: 'gpt-5.4', haiku: 'gpt-5-codex-mini' };

const names = (r: ReturnType<typeof resolveLaunchModels>) =>
  Object.fromEntries(Object.entries(r.slots).map(([slot, s]) => [slot, s.claudeModel]));

describe('models and effort per slot at launch', () => {
  it('defaults: the page example, gpt-5-codex capped at high, quietly; plain names (the proxy applies slot defaults)', () => {
    const result = resolveLaunchModels({ models: defaults, policy, catalog });
    expect(names(result)).toEqual(defaults);
    expect(result.slots.opus).toMatchObject({
      requested: 'xhigh',
      effort: 'high',
      capped: true,
      source: 'slot-default',
    });
    expect(result.notices).toEqual([]);
  });

  it('a paid model shared by slots with different efforts: the later slot gets its suffix so the proxy can tell them apart', () => {
    const result = resolveLaunchModels({ models: paid, policy, catalog });
    expect(names(result)).toEqual({
      default: 'gpt-5.4',
      opus: 'gpt-5.4',
      sonnet: 'gpt-5.4-high',
      haiku: 'gpt-5-codex-mini',
    });
    expect(Object.values(result.slots).map((s) => s.effort)).toEqual(['xhigh', 'xhigh', 'high', 'medium']);
  });

  it('--effort wins everywhere and is capped per model, with one notice per capped model', () => {
    const result = resolveLaunchModels({ models: defaults, policy, catalog, effortFlag: 'xhigh' });
    expect(names(result)).toEqual({
      default: 'gpt-5-codex-high',
      opus: 'gpt-5-codex-high',
      sonnet: 'gpt-5-codex-high',
      haiku: 'gpt-5-codex-mini-high',
    });
    expect(result.notices).toEqual([
      "reasoning.effort xhigh capped to high for gpt-5-codex and gpt-5-codex-mini, the model's maximum",
    ]);
    expect(result.slots.sonnet.source).toBe('explicit');
  });

  it('--effort below the slot default lowers it (an explicit value wins)', () => {
    const result = resolveLaunchModels({ models: paid, policy, catalog, effortFlag: 'low' });
    expect(names(result)).toMatchObject({ default: 'gpt-5.4-low', haiku: 'gpt-5-codex-mini-medium' });
    expect(result.notices).toEqual([
      "reasoning.effort low raised to medium for gpt-5-codex-mini, the model's lowest level",
    ]);
  });

  it('a model suffix pins the effort (gpt-5.3-codex-medium → medium) and beats the settings default', () => {
    const result = resolveLaunchModels({
      models: { ...paid, default: 'gpt-5.3-codex-medium' },
      settingsEffort: 'high',
      policy,
      catalog,
    });
    expect(result.slots.default).toMatchObject({
      modelId: 'gpt-5.3-codex',
      effort: 'medium',
      source: 'suffix',
    });
    expect(result.slots.opus).toMatchObject({ effort: 'high', source: 'explicit' });
    expect(result.slots.haiku.claudeModel).toBe('gpt-5-codex-mini-high');
  });

  it('--effort beats a suffix', () => {
    const result = resolveLaunchModels({
      models: { ...paid, default: 'gpt-5.3-codex-medium' },
      effortFlag: 'xhigh',
      policy,
      catalog,
    });
    expect(result.slots.default.claudeModel).toBe('gpt-5.3-codex-xhigh');
  });

  it('a suffix above the model max is capped with a notice', () => {
    const result = resolveLaunchModels({
      models: { ...defaults, sonnet: 'gpt-5-codex-xhigh' },
      policy,
      catalog,
    });
    expect(result.slots.sonnet.claudeModel).toBe('gpt-5-codex-high');
    expect(result.notices).toEqual([
      "reasoning.effort xhigh capped to high for gpt-5-codex, the model's maximum",
    ]);
  });

  it('an unknown model is passed as written unless an effort was asked for', () => {
    const models = { ...defaults, default: 'gpt-6-codex' };
    const quiet = resolveLaunchModels({ models, policy, catalog });
    expect(quiet.slots.default).toMatchObject({ claudeModel: 'gpt-6-codex', known: false });
    expect(quiet.unknownModels).toEqual(['gpt-6-codex']);
    expect(quiet.notices).toEqual([]);
    const asked = resolveLaunchModels({ models, policy, catalog, effortFlag: 'xhigh' });
    expect(asked.slots.default.claudeModel).toBe('gpt-6-codex-xhigh');
  });
});
