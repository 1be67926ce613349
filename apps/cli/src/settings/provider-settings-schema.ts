import { type ModelCatalog, type ModelSlot, USER_EFFORT_LEVELS, type UserEffortLevel } from '@ccs/core';
import { z } from 'zod';
import { providerEnvName } from './provider-env-name.js';

/** Claude Code's model variables, one per slot (what CCS writes too). */
export const SLOT_ENV_KEYS: Readonly<Record<ModelSlot, string>> = {
  default: 'ANTHROPIC_MODEL',
  opus: 'ANTHROPIC_DEFAULT_OPUS_MODEL',
  sonnet: 'ANTHROPIC_DEFAULT_SONNET_MODEL',
  haiku: 'ANTHROPIC_DEFAULT_HAIKU_MODEL',
};

/**
 * The ccs-only variables of one provider's settings file (and environment). ccs's own default effort
 * lives in the file's `env` as CCS_<ID>_EFFORT (CCS_CODEX_EFFORT for Codex): the file stays a plain
 * Claude Code settings file (CCS and Claude Code read it without complaint), and the variable is only
 * meaningful to ccs. Unset: each slot's default (opus/default xhigh, sonnet high, haiku medium).
 * CCS_<ID>_FAST=1 asks for Fast (priority processing) where the model offers it.
 */
export interface SettingsKeys {
  providerId: string;
  effort: string;
  fast: string;
}

export function settingsKeysOf(providerId: string): SettingsKeys {
  return {
    providerId,
    effort: providerEnvName(providerId, 'EFFORT'),
    fast: providerEnvName(providerId, 'FAST'),
  };
}

const FAST_VALUES: Readonly<Record<string, boolean>> = {
  '1': true,
  true: true,
  on: true,
  '0': false,
  false: false,
  off: false,
};

/** Reads a Fast switch ("1", "true", "on" / "0", "false", "off"); undefined when unset or not one of those. */
export function parseFastValue(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : FAST_VALUES[value.trim().toLowerCase()];
}

/**
 * The models a fresh home gets per slot: the provider's own rule over the best list it knows offline
 * (for Codex: the flagship of the cached live list, and its small sibling for haiku), else the first
 * model of its list for every slot. Never hard-coded.
 */
export function slotDefaultsOf(
  catalog: Pick<ModelCatalog, 'defaultSlotModels' | 'staticModels'>,
  plan?: string,
): Record<ModelSlot, string> {
  const fromRule = catalog.defaultSlotModels?.({ plan });
  if (fromRule) return fromRule;
  const first = catalog.staticModels().find((model) => !model.hidden)?.id ?? '';
  return { default: first, opus: first, sonnet: first, haiku: first };
}

export function defaultProviderSettings(defaults: Readonly<Record<ModelSlot, string>>): ProviderSettingsData {
  return {
    env: Object.fromEntries(
      (Object.keys(SLOT_ENV_KEYS) as ModelSlot[]).map((slot) => [SLOT_ENV_KEYS[slot], defaults[slot]]),
    ),
  };
}

const settingsShape = z.looseObject({ env: z.record(z.string(), z.string()).optional() });

/**
 * The file as validated: a Claude Code settings object whose `env` maps names to strings. Every other
 * key (permissions, hooks, a user's own env vars, …) is kept as it is. The provider's effort and Fast
 * variables must hold values ccs understands.
 */
export function providerSettingsSchema(keys: SettingsKeys) {
  return settingsShape.superRefine((value, ctx) => {
    const effort = value.env?.[keys.effort];
    if (
      effort !== undefined &&
      !(USER_EFFORT_LEVELS as readonly string[]).includes(effort.trim().toLowerCase())
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['env', keys.effort],
        message: `must be one of ${USER_EFFORT_LEVELS.join(', ')} (got "${effort}")`,
      });
    }
    const fast = value.env?.[keys.fast];
    if (fast !== undefined && parseFastValue(fast) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['env', keys.fast],
        message: `must be 1 or 0 (got "${fast}")`,
      });
    }
  });
}
export type ProviderSettingsData = z.output<typeof settingsShape>;

export interface ProviderSettingsView {
  /** Model id per slot as written (may carry an effort suffix); missing slots get the defaults. */
  models: Record<ModelSlot, string>;
  /** Slots whose value came from the defaults because the file does not name one. */
  defaulted: ModelSlot[];
  /** The configured default effort, if any. */
  effort?: UserEffortLevel;
  /** The provider's Fast switch from the file. */
  fast?: boolean;
  /** The file's `env` without the model and ccs-owned keys: passed to Claude Code as is. */
  extraEnv: Record<string, string>;
  /** Top-level keys other than `env` (Claude Code settings such as permissions). */
  otherSettings: Record<string, unknown>;
}

/**
 * ccs variables in the file's `env` that belong to another provider (CCS_CODEX_EFFORT in
 * acme.settings.json, e.g. copied from codex.settings.json): this provider never reads them, so the
 * launch says so instead of ignoring a setting the user believes is in force.
 */
export function foreignSettingsKeys(data: ProviderSettingsData, keys: SettingsKeys): string[] {
  return Object.keys(data.env ?? {}).filter(
    (key) => /^CCS_[A-Z0-9_]+_(EFFORT|FAST)$/.test(key) && key !== keys.effort && key !== keys.fast,
  );
}

/** The parts of the file ccs acts on; `defaults` fill slots the file does not name. Pure. */
export function viewProviderSettings(
  data: ProviderSettingsData,
  defaults: Readonly<Record<ModelSlot, string>>,
  keys: SettingsKeys,
): ProviderSettingsView {
  const env = data.env ?? {};
  const models = {} as Record<ModelSlot, string>;
  const defaulted: ModelSlot[] = [];
  for (const slot of Object.keys(SLOT_ENV_KEYS) as ModelSlot[]) {
    const value = env[SLOT_ENV_KEYS[slot]]?.trim();
    if (value) models[slot] = value;
    else {
      models[slot] = defaults[slot];
      defaulted.push(slot);
    }
  }
  const owned = new Set<string>([...Object.values(SLOT_ENV_KEYS), keys.effort, keys.fast]);
  const rawEffort = env[keys.effort]?.trim().toLowerCase();
  const extraEnv = Object.fromEntries(Object.entries(env).filter(([key]) => !owned.has(key)));
  const { env: _env, ...otherSettings } = data;
  const fast = parseFastValue(env[keys.fast]);
  return {
    models,
    defaulted,
    ...(rawEffort ? { effort: rawEffort as UserEffortLevel } : {}),
    ...(fast !== undefined ? { fast } : {}),
    extraEnv,
    otherSettings,
  };
}
