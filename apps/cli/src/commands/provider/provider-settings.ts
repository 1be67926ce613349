// `<provider>.settings.json` for any provider. The settings code itself still carries Codex names;
// this module is the one place the commands reach it, so the commands stay provider-generic.
import type { ModelSlot, Provider } from '@ccs/core';
import { prepareCodexModels as prepareLaunchModels } from '../../launch/prepare-codex-models.js';
import {
  type CodexSettingsView as SettingsView,
  SLOT_ENV_KEYS,
  slotDefaultsOf,
  viewCodexSettings as viewSettings,
} from '../../settings/codex-settings.js';
import { loadCodexSettings as loadSettings } from '../../settings/codex-settings-file.js';

export { runCodexConfig as runConfigPicker } from '../codex/config-picker.js';
export { loadSettings, prepareLaunchModels, type SettingsView, SLOT_ENV_KEYS, viewSettings };

/**
 * Slot models and effort from the provider's settings file, with the provider's own defaults for
 * slots it does not name (never created here: a listing must not write files).
 */
export async function readProviderSlots(
  provider: Provider,
  settingsFile: string,
): Promise<{ source: string; view: SettingsView; models: Record<ModelSlot, string> }> {
  const defaults = slotDefaultsOf(provider.modelCatalog);
  const loaded = await loadSettings(settingsFile, { create: false, defaults });
  const view = viewSettings(loaded.data, defaults);
  return { source: loaded.path, view, models: view.models };
}
