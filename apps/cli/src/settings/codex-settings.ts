import { type ModelSlot, USER_EFFORT_LEVELS, type UserEffortLevel } from '@ccs/core';
import { CODEX_SAFE_DEFAULT_MODEL, CODEX_SAFE_FAST_MODEL } from '@ccs/provider-codex/internal';
import { z } from 'zod';

/** Claude Code's model variables, one per slot (what CCS writes too). */
export const SLOT_ENV_KEYS: Readonly<Record<ModelSlot, string>> = {
  default: 'ANTHROPIC_MODEL',
  opus: 'ANTHROPIC_DEFAULT_OPUS_MODEL',
  sonnet: 'ANTHROPIC_DEFAULT_SONNET_MODEL',
  haiku: 'ANTHROPIC_DEFAULT_HAIKU_MODEL',
};

/**
 * ccs's own default effort lives in the file's `env` as CCS_CODEX_EFFORT: the file stays a plain
 * Claude Code settings file (CCS and Claude Code read it without complaint), and the variable is only
 * meaningful to ccs. Unset: each slot's default (opus/default xhigh, sonnet high, haiku medium).
 */
export const SETTINGS_EFFORT_KEY = 'CCS_CODEX_EFFORT';

/** Written on first use: cross-plan-safe models, so a free account works out of the box. */
export const DEFAULT_CODEX_SLOT_MODELS: Readonly<Record<ModelSlot, string>> = {
  default: CODEX_SAFE_DEFAULT_MODEL,
  opus: CODEX_SAFE_DEFAULT_MODEL,
  sonnet: CODEX_SAFE_DEFAULT_MODEL,
  haiku: CODEX_SAFE_FAST_MODEL,
};

export function defaultCodexSettings(): CodexSettingsData {
  return {
    env: Object.fromEntries(
      (Object.keys(SLOT_ENV_KEYS) as ModelSlot[]).map((slot) => [
        SLOT_ENV_KEYS[slot],
        DEFAULT_CODEX_SLOT_MODELS[slot],
      ]),
    ),
  };
}

/**
 * The file as validated: a Claude Code settings object whose `env` maps names to strings. Every other
 * key (permissions, hooks, a user's own env vars, …) is kept as it is.
 */
export const codexSettingsSchema = z
  .looseObject({
    env: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((value, ctx) => {
    const effort = value.env?.[SETTINGS_EFFORT_KEY];
    if (
      effort !== undefined &&
      !(USER_EFFORT_LEVELS as readonly string[]).includes(effort.trim().toLowerCase())
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['env', SETTINGS_EFFORT_KEY],
        message: `must be one of ${USER_EFFORT_LEVELS.join(', ')} (got "${effort}")`,
      });
    }
  });
export type CodexSettingsData = z.output<typeof codexSettingsSchema>;

export interface CodexSettingsView {
  /** Model id per slot as written (may carry an effort suffix); missing slots get the defaults. */
  models: Record<ModelSlot, string>;
  /** Slots whose value came from the defaults because the file does not name one. */
  defaulted: ModelSlot[];
  /** The configured default effort, if any. */
  effort?: UserEffortLevel;
  /** The file's `env` without the model and ccs-owned keys: passed to Claude Code as is. */
  extraEnv: Record<string, string>;
  /** Top-level keys other than `env` (Claude Code settings such as permissions). */
  otherSettings: Record<string, unknown>;
}

const OWNED_ENV_KEYS = new Set<string>([...Object.values(SLOT_ENV_KEYS), SETTINGS_EFFORT_KEY]);

/** The parts of the file ccs acts on. Pure. */
export function viewCodexSettings(data: CodexSettingsData): CodexSettingsView {
  const env = data.env ?? {};
  const models = {} as Record<ModelSlot, string>;
  const defaulted: ModelSlot[] = [];
  for (const slot of Object.keys(SLOT_ENV_KEYS) as ModelSlot[]) {
    const value = env[SLOT_ENV_KEYS[slot]]?.trim();
    if (value) models[slot] = value;
    else {
      models[slot] = DEFAULT_CODEX_SLOT_MODELS[slot];
      defaulted.push(slot);
    }
  }
  const rawEffort = env[SETTINGS_EFFORT_KEY]?.trim().toLowerCase();
  const extraEnv = Object.fromEntries(Object.entries(env).filter(([key]) => !OWNED_ENV_KEYS.has(key)));
  const { env: _env, ...otherSettings } = data;
  return {
    models,
    defaulted,
    ...(rawEffort ? { effort: rawEffort as UserEffortLevel } : {}),
    extraEnv,
    otherSettings,
  };
}
