import { describe, expect, it } from 'vitest';
import type { CodexSettingsData } from '../src/settings/codex-settings.js';
import { applyPlanAwareDefaults, formatPlanRepairNotice } from '../src/settings/plan-aware-defaults.js';

const settings = (env: Record<string, string>, extra: Record<string, unknown> = {}): CodexSettingsData => ({
  ...extra,
  env,
});

const paidEverywhere = {
  ANTHROPIC_MODEL: 'gpt-5.4',
  ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.3-codex-xhigh',
  ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.3-codex',
  ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.3-codex-spark',
};

describe('plan-aware defaults (provider page: "Plan-Aware Defaults")', () => {
  it('free plan: rewrites the known paid-only defaults to gpt-5-codex / gpt-5-codex-mini, keeping capped suffixes', () => {
    const input = settings({ ...paidEverywhere, MY_VAR: 'x' }, { permissions: { allow: ['Bash'] } });
    const before = JSON.stringify(input);
    const result = applyPlanAwareDefaults(input, { plan: 'free', label: 'john' });
    expect(result.data.env).toEqual({
      ANTHROPIC_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5-codex-high', // xhigh capped to the safe model's max
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini', // spark → the fast safe model
      MY_VAR: 'x',
    });
    expect(result.data.permissions).toEqual({ allow: ['Bash'] });
    expect(result.changes.map((c) => [c.slot, c.from, c.to])).toEqual([
      ['default', 'gpt-5.4', 'gpt-5-codex'],
      ['opus', 'gpt-5.3-codex-xhigh', 'gpt-5-codex-high'],
      ['sonnet', 'gpt-5.3-codex', 'gpt-5-codex'],
      ['haiku', 'gpt-5.3-codex-spark', 'gpt-5-codex-mini'],
    ]);
    expect(result.warnings).toEqual([]);
    expect(JSON.stringify(input)).toBe(before); // pure: the input is not modified
  });

  it.each([
    ['gpt-5.4-medium', 'gpt-5-codex-medium'],
    ['gpt-5.4-low', 'gpt-5-codex-low'],
    ['gpt-5.3-codex-spark-low', 'gpt-5-codex-mini-medium'], // mini has no low
    ['gpt-5.3-codex-spark-xhigh', 'gpt-5-codex-mini-high'],
  ])('free plan: %s → %s', (from, to) => {
    const result = applyPlanAwareDefaults(settings({ ANTHROPIC_MODEL: from }), { plan: 'free' });
    expect(result.data.env?.ANTHROPIC_MODEL).toBe(to);
  });

  it("touches nothing else: safe models, gpt-5.2-codex, other providers' names, non-model keys", () => {
    const env = {
      ANTHROPIC_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.2-codex',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-4-5',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
      SOME_OTHER: 'gpt-5.4',
    };
    const input = settings(env);
    const result = applyPlanAwareDefaults(input, { plan: 'free' });
    expect(result.data).toBe(input);
    expect(result.changes).toEqual([]);
  });

  it('paid plan: nothing changes and nothing is said', () => {
    for (const plan of ['plus', 'pro', 'team', 'enterprise']) {
      const input = settings(paidEverywhere);
      const result = applyPlanAwareDefaults(input, { plan });
      expect(result).toEqual({ data: input, changes: [], warnings: [] });
    }
  });

  it('unknown plan: keeps the model and warns once per model, naming the safe fallback', () => {
    const input = settings({
      ANTHROPIC_MODEL: 'gpt-5.4',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.4',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.3-codex-spark',
    });
    for (const plan of [undefined, '', 'mystery']) {
      const result = applyPlanAwareDefaults(input, { plan, label: 'john' });
      expect(result.data).toBe(input);
      expect(result.changes).toEqual([]);
      expect(result.warnings).toHaveLength(2);
      expect(result.warnings[0]).toContain('keeping gpt-5.4 (default, opus)');
      expect(result.warnings[0]).toContain('switch to gpt-5-codex');
      expect(result.warnings[0]).toContain('of john');
      expect(result.warnings[1]).toContain('switch to gpt-5-codex-mini');
    }
  });

  it('a settings file without env is left alone', () => {
    const input = { permissions: {} } as CodexSettingsData;
    expect(applyPlanAwareDefaults(input, { plan: 'free' }).data).toBe(input);
  });

  it('the notice is one line naming the moves and the file', () => {
    const { changes } = applyPlanAwareDefaults(settings(paidEverywhere), { plan: 'free' });
    const line = formatPlanRepairNotice(changes, '/home/u/.ccs/codex.settings.json');
    expect(line).not.toContain('\n');
    expect(line).toBe(
      'Free Codex plan: switched paid-only gpt-5.4 → gpt-5-codex (default), gpt-5.3-codex-xhigh → gpt-5-codex-high (opus), ' +
        'gpt-5.3-codex → gpt-5-codex (sonnet), gpt-5.3-codex-spark → gpt-5-codex-mini (haiku); saved in /home/u/.ccs/codex.settings.json.',
    );
  });
});
