import { MODEL_SLOTS, type ModelSlot, type UserEffortLevel } from '@ccs/core';
import {
  CODEX_STATIC_MODELS,
  createCodexEffortPolicy,
  freePlanFallbackModel,
  isFreePlan,
  joinCodexModelSuffix,
  splitCodexModelSuffix,
} from '@ccs/provider-codex/internal';
import { type CodexSettingsData, SLOT_ENV_KEYS } from './codex-settings.js';

export interface PlanRepairChange {
  slot: ModelSlot;
  envKey: string;
  from: string;
  to: string;
}

export interface PlanRepairResult {
  /** The settings to use (a new object when something changed, else the input). */
  data: CodexSettingsData;
  /** Slots rewritten because the account is on the free plan; persist and tell the user. */
  changes: PlanRepairChange[];
  /** One line per paid-only model kept because the plan could not be verified. */
  warnings: string[];
}

const staticPolicy = createCodexEffortPolicy({
  get: (id) => CODEX_STATIC_MODELS.find((model) => model.id === id),
});

/** The safe model for a paid-only value, keeping its effort suffix (capped to what the safe model supports). */
function safeReplacement(value: string): string | undefined {
  const { modelId, effort } = splitCodexModelSuffix(value);
  const fallback = freePlanFallbackModel(modelId.toLowerCase());
  if (!fallback) return undefined;
  if (!effort) return fallback;
  const fitted = staticPolicy.resolve({ modelId: fallback, requested: effort, source: 'suffix' }).effort;
  return joinCodexModelSuffix(fallback, fitted as UserEffortLevel);
}

/**
 * The provider page's "Plan-Aware Defaults", as a pure function of the settings and the plan already
 * known from the account registry (no network): on the free plan the known paid-only models
 * (gpt-5.3-codex, gpt-5.3-codex-spark, gpt-5.4, with or without an effort suffix) become gpt-5-codex
 * or gpt-5-codex-mini; with an unknown plan they are kept and a warning names the safe fallback; on a
 * paid plan nothing happens. Only those four model variables are ever looked at.
 */
export function applyPlanAwareDefaults(
  data: CodexSettingsData,
  account: { plan?: string | undefined; label?: string | undefined },
): PlanRepairResult {
  const free = isFreePlan(account.plan);
  if (free === false || !data.env) return { data, changes: [], warnings: [] };
  const env = data.env;
  const changes: PlanRepairChange[] = [];
  const unverified = new Map<string, { fallback: string; slots: ModelSlot[] }>();
  for (const slot of MODEL_SLOTS) {
    const envKey = SLOT_ENV_KEYS[slot];
    const value = env[envKey]?.trim();
    if (!value) continue;
    const replacement = safeReplacement(value);
    if (!replacement) continue;
    if (free) {
      changes.push({ slot, envKey, from: env[envKey]!, to: replacement });
    } else {
      const entry = unverified.get(value) ?? { fallback: replacement, slots: [] };
      entry.slots.push(slot);
      unverified.set(value, entry);
    }
  }
  const who = account.label ? ` of ${account.label}` : '';
  const warnings = [...unverified].map(
    ([model, { fallback, slots }]) =>
      `Cannot verify the Codex plan${who}; keeping ${model} (${slots.join(', ')}), which needs a paid plan. ` +
      `If requests are rejected, switch to ${fallback} with: ccs codex --config`,
  );
  if (changes.length === 0) return { data, changes, warnings };
  const nextEnv = { ...env };
  for (const change of changes) nextEnv[change.envKey] = change.to;
  return { data: { ...data, env: nextEnv }, changes, warnings };
}

/** One line for the user after a repair was saved. */
export function formatPlanRepairNotice(changes: readonly PlanRepairChange[], file: string): string {
  const groups = new Map<string, ModelSlot[]>();
  for (const change of changes) {
    const key = `${change.from} → ${change.to}`;
    groups.set(key, [...(groups.get(key) ?? []), change.slot]);
  }
  const parts = [...groups].map(([move, slots]) => `${move} (${slots.join(', ')})`);
  return `Free Codex plan: switched paid-only ${parts.join(', ')}; saved in ${file}.`;
}
