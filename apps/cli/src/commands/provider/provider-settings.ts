// `<provider>.settings.json` for any provider: the one place the commands reach the settings code.
import {
  MODEL_SLOTS,
  type ModelSlot,
  type Provider,
  splitEffortSuffix,
  USER_EFFORT_LEVELS,
  type UserEffortLevel,
  usageError,
} from '@ccs/core';
import { closestNames } from '@ccs/core/internal';
import { prepareLaunchModels } from '../../launch/prepare-launch-models.js';
import { loadProviderSettings, updateProviderSettings } from '../../settings/provider-settings-file.js';
import {
  type ProviderSettingsView,
  SLOT_ENV_KEYS,
  settingsKeysOf,
  slotDefaultsOf,
  viewProviderSettings,
} from '../../settings/provider-settings-schema.js';

export { runConfigPicker } from './config-picker.js';
export { type ProviderSettingsView, prepareLaunchModels, SLOT_ENV_KEYS };

/**
 * Reads the provider's settings file without creating it: a broken file is a configuration error
 * (exit 2) naming the file, reported before any sign-in or network.
 */
export async function checkProviderSettings(provider: Provider, settingsFile: string): Promise<void> {
  await loadProviderSettings(settingsFile, settingsKeysOf(provider.id), { create: false });
}

export interface ProviderSlots {
  /** The settings file read. */
  source: string;
  view: ProviderSettingsView;
  /** Model per slot as written (may carry an effort suffix), the provider's defaults where unset. */
  models: Record<ModelSlot, string>;
}

/**
 * Slot models and effort from the provider's settings file, with the provider's own defaults for
 * slots it does not name (never created here: a listing must not write files).
 */
export async function readProviderSlots(provider: Provider, settingsFile: string): Promise<ProviderSlots> {
  const defaults = slotDefaultsOf(provider.modelCatalog);
  const keys = settingsKeysOf(provider.id);
  const loaded = await loadProviderSettings(settingsFile, keys, { create: false, defaults });
  const view = viewProviderSettings(loaded.data, defaults, keys);
  return { source: loaded.path, view, models: view.models };
}

export interface ProviderSlotsChange {
  /** New model per slot (an effort suffix is allowed); slots not named keep their value. */
  models?: Partial<Record<ModelSlot, string>>;
  /** A default effort for every slot; null (or "auto") removes it, so each slot uses its own default. */
  effort?: string | null;
}

/** Refuses a model the provider's catalog does not know, or has retired, naming the closest ones. */
function checkModel(provider: Provider, slot: ModelSlot, value: string): string {
  const catalog = provider.modelCatalog;
  const name = value.trim();
  const { modelId } = splitEffortSuffix(name, (id) => catalog.get(id) !== undefined);
  const info = catalog.get(modelId);
  if (name && info && !info.retired) return name;
  const offered = (catalog.offlineModels?.() ?? catalog.staticModels())
    .filter((model) => !model.hidden && !model.retired)
    .map((model) => model.id);
  const problem = !name
    ? `An empty model name is not a model of ${provider.displayName}`
    : info
      ? `${name} is retired at ${provider.displayName}`
      : `${name} is not a model of ${provider.displayName}`;
  throw usageError(
    `${problem} (${slot} slot); nothing was saved.`,
    `Closest known models: ${closestNames(modelId, offered).join(', ') || 'none'}.`,
  );
}

function checkEffort(effort: string | null): UserEffortLevel | undefined {
  if (effort === null) return undefined;
  const level = effort.trim().toLowerCase();
  if (level === 'auto') return undefined;
  if ((USER_EFFORT_LEVELS as readonly string[]).includes(level)) return level as UserEffortLevel;
  throw usageError(
    `"${effort}" is not an effort level; nothing was saved.`,
    `Use one of: auto, ${USER_EFFORT_LEVELS.join(', ')}.`,
  );
}

/**
 * Sets slot models and/or the default effort in the provider's settings file: only those keys change,
 * every other key (and its order) is kept. Everything is checked before the file is touched; the write
 * is atomic (0600) under the file's lock, re-reading the file inside it so a concurrent edit is not lost.
 * Resolves to the slots as they now read.
 */
export async function writeProviderSlots(
  provider: Provider,
  settingsFile: string,
  change: ProviderSlotsChange,
): Promise<ProviderSlots> {
  const models: Array<[ModelSlot, string]> = [];
  for (const slot of MODEL_SLOTS) {
    const value = change.models?.[slot];
    if (value !== undefined) models.push([slot, checkModel(provider, slot, value)]);
  }
  const effort = change.effort === undefined ? undefined : { level: checkEffort(change.effort) };
  const keys = settingsKeysOf(provider.id);
  await updateProviderSettings(settingsFile, keys, (current) => {
    const env = { ...(current.env ?? {}) };
    for (const [slot, value] of models) env[SLOT_ENV_KEYS[slot]] = value;
    if (effort?.level) env[keys.effort] = effort.level;
    else if (effort) delete env[keys.effort];
    return { ...current, env };
  });
  return readProviderSlots(provider, settingsFile);
}
