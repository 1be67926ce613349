import {
  type EffortPolicy,
  joinEffortSuffix,
  MODEL_SLOTS,
  type ModelCatalog,
  type ModelSlot,
  splitEffortSuffix,
  type UserEffortLevel,
} from '@ccs/core';
import { type ProviderSettingsData, SLOT_ENV_KEYS } from './provider-settings-schema.js';

export interface ModelRepairChange {
  slot: ModelSlot;
  envKey: string;
  from: string;
  to: string;
  /** The provider's reason, naming both models ("gpt-5.4 is retired …; using gpt-5.6-terra"). */
  message: string;
}

export interface ModelRepairResult {
  /** The settings to use (a new object when something changed, else the input). */
  data: ProviderSettingsData;
  /** Slots rewritten because the account cannot use their model; persist and tell the user. */
  changes: ModelRepairChange[];
}

export interface RepairContext {
  catalog: Pick<ModelCatalog, 'get' | 'repairModel'>;
  policy: EffortPolicy;
  account: { id?: string | undefined; plan?: string | undefined };
}

/** The replacement for one configured value, keeping its effort suffix (fitted to the new model). */
function repairValue(value: string, slot: ModelSlot, context: RepairContext) {
  const { modelId, effort } = splitEffortSuffix(value, (id) => context.catalog.get(id) !== undefined);
  const repair = context.catalog.repairModel?.(modelId, {
    accountId: context.account.id,
    plan: context.account.plan,
    slot,
  });
  if (!repair) return undefined;
  const fitted = effort
    ? (context.policy.resolve({ modelId: repair.to, requested: effort, source: 'suffix' })
        .effort as UserEffortLevel)
    : undefined;
  return { to: joinEffortSuffix(repair.to, fitted), message: repair.message };
}

/**
 * Plan-aware defaults, generalised (INTERFACE "Model names and effort"): a configured model the account
 * cannot use — retired, not on its plan, or gone from the list — becomes what the provider's catalog
 * says (the list's own upgrade, else its best model for the plan). Pure: the catalog answers from what
 * it knows offline. Only the four model variables are ever looked at; every other key is kept.
 */
export function repairConfiguredModels(
  data: ProviderSettingsData,
  context: RepairContext,
): ModelRepairResult {
  if (!data.env || !context.catalog.repairModel) return { data, changes: [] };
  const env = data.env;
  const changes: ModelRepairChange[] = [];
  for (const slot of MODEL_SLOTS) {
    const envKey = SLOT_ENV_KEYS[slot];
    const value = env[envKey]?.trim();
    if (!value) continue;
    const repaired = repairValue(value, slot, context);
    if (repaired)
      changes.push({ slot, envKey, from: env[envKey]!, to: repaired.to, message: repaired.message });
  }
  if (changes.length === 0) return { data, changes };
  const nextEnv = { ...env };
  for (const change of changes) nextEnv[change.envKey] = change.to;
  return { data: { ...data, env: nextEnv }, changes };
}

/** One line per replacement (slots sharing it are named together), saying what was replaced by what and why. */
export function formatModelRepairNotices(
  changes: readonly ModelRepairChange[],
  file: string | undefined,
): string[] {
  const groups = new Map<string, { change: ModelRepairChange; slots: ModelSlot[] }>();
  for (const change of changes) {
    const key = `${change.from}\0${change.to}`;
    const group = groups.get(key) ?? { change, slots: [] };
    group.slots.push(change.slot);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ change, slots }) => {
    const where = file ? `; saved in ${file}` : ' for this run';
    return `${change.message} (${slots.join(', ')})${where}.`;
  });
}
