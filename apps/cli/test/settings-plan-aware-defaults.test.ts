import { createCodexEffortPolicy, createCodexModelCatalog } from '@ccs/provider-codex/internal';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatModelRepairNotices, repairConfiguredModels } from '../src/settings/plan-aware-defaults.js';
import type { ProviderSettingsData } from '../src/settings/provider-settings-schema.js';

const settings = (
  env: Record<string, string>,
  extra: Record<string, unknown> = {},
): ProviderSettingsData => ({
  ...extra,
  env,
});

// The compiled list: what a machine that never saw a live list knows (today's models, the page's retired).
const compiled = createCodexModelCatalog({ options: { baseUrl: 'http://127.0.0.1:9', headers: {} } });
const context = (plan: string | undefined, catalog = compiled) => ({
  catalog,
  policy: createCodexEffortPolicy(catalog),
  account: { id: 'acct', plan },
});

const pageDefaults = {
  ANTHROPIC_MODEL: 'gpt-5.4',
  ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.3-codex-xhigh',
  ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex',
  ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
};

describe('model repair (INTERFACE "Model names and effort": plan-aware defaults, generalised)', () => {
  it("retired models become the list's upgrade, else its best model for the slot; suffixes kept, other keys untouched", () => {
    const input = settings({ ...pageDefaults, MY_VAR: 'x' }, { permissions: { allow: ['Bash'] } });
    const before = JSON.stringify(input);
    const result = repairConfiguredModels(input, context('plus'));
    expect(result.data.env).toEqual({
      ANTHROPIC_MODEL: 'gpt-5.6-terra', // the list's own upgrade for gpt-5.4
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-sol-xhigh',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.6-sol',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna', // the haiku slot gets the fast model
      MY_VAR: 'x',
    });
    expect(result.data.permissions).toEqual({ allow: ['Bash'] });
    expect(result.changes.map((c) => c.message)).toEqual([
      'gpt-5.4 is retired for ChatGPT sign-in; using gpt-5.6-terra',
      'gpt-5.3-codex is retired for ChatGPT sign-in; using gpt-5.6-sol',
      'gpt-5-codex is retired for ChatGPT sign-in; using gpt-5.6-sol',
      'gpt-5-codex-mini is retired for ChatGPT sign-in; using gpt-5.6-luna',
    ]);
    expect(JSON.stringify(input)).toBe(before); // pure: the input is not modified
  });

  it('the same on a free plan and with no plan known: a retired model is retired for everyone', () => {
    for (const plan of ['free', undefined]) {
      const result = repairConfiguredModels(settings({ ANTHROPIC_MODEL: 'gpt-5-codex' }), context(plan));
      expect(result.data.env?.ANTHROPIC_MODEL).toBe('gpt-5.6-sol');
    }
  });

  it('an effort suffix is fitted to the replacement (never raised past its maximum)', () => {
    const result = repairConfiguredModels(
      settings({ ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.4-mini-xhigh' }),
      context('plus'),
    );
    expect(result.data.env?.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBe('gpt-5.6-luna-xhigh');
  });

  it("today's models, unknown names and non-model keys are left alone", () => {
    const input = settings({
      ANTHROPIC_MODEL: 'gpt-5.6-sol-max',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.3-codex-spark',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'my-private-model',
      OTHER: 'gpt-5.4',
    });
    const result = repairConfiguredModels(input, context('free'));
    expect(result.changes).toEqual([]);
    expect(result.data).toBe(input);
  });

  it('one line per replacement naming both models and the file', () => {
    const result = repairConfiguredModels(
      settings({ ANTHROPIC_MODEL: 'gpt-5.4', ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.4' }),
      context('plus'),
    );
    expect(formatModelRepairNotices(result.changes, '/h/codex.settings.json')).toEqual([
      'gpt-5.4 is retired for ChatGPT sign-in; using gpt-5.6-terra (default, opus); saved in /h/codex.settings.json.',
    ]);
    expect(formatModelRepairNotices(result.changes, undefined)[0]).toMatch(
      /\(default, opus\) for this run\.$/,
    );
  });
});

describe("page-era live list: the provider page's free-plan rewrite still holds", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
    emu.control.useModelScenario('page-era');
    emu.control.addAccount({ email: 'free@example.com', plan: 'free' });
  });
  afterAll(() => emu.close());

  it('free plan: paid-only page defaults become gpt-5-codex / gpt-5-codex-mini where the list offers them', async () => {
    const tokens = emu.control.issueTokens('free@example.com');
    const pageEra = createCodexModelCatalog({
      options: { baseUrl: emu.baseUrl, headers: {} },
      credentials: {
        getCredentials: async () => ({ accessToken: tokens.accessToken, chatgptAccountId: tokens.accountId }),
      },
      planOf: async () => 'free',
    });
    // The live list the page-era backend gives a free account (without its paid-only models).
    await pageEra.list({ accountId: 'acct' });
    const result = repairConfiguredModels(
      settings({
        ANTHROPIC_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.3-codex-xhigh',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.3-codex',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.3-codex-spark',
      }),
      context('free', pageEra),
    );
    expect(result.data.env).toEqual({
      ANTHROPIC_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5-codex-high', // xhigh capped to the safe model's max
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
    });
    expect(result.changes[0]?.message).toBe('gpt-5.4 is not on the free plan; using gpt-5-codex');
  });
});
