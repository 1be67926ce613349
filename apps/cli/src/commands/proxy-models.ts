import type { ModelSlot, UserEffortLevel } from '@ccs/core';
import type { CliHost } from '../host/create-cli-host.js';
import { effortFromEnv } from '../launch/effort-from-env.js';
import { slotDefaultsOf, viewCodexSettings } from '../settings/codex-settings.js';
import { loadCodexSettings } from '../settings/codex-settings-file.js';

/**
 * The Codex model per Claude Code slot and the configured effort, from codex.settings.json (not
 * created here: a standalone proxy or `ccs env` must not write files) with the cross-plan-safe defaults.
 */
export async function proxyModels(
  host: CliHost,
): Promise<{ models: Record<ModelSlot, string>; effort?: UserEffortLevel }> {
  const loaded = await loadCodexSettings(host.paths.settingsFile('codex'), { create: false });
  const view = viewCodexSettings(loaded.data, slotDefaultsOf(host.provider('codex').modelCatalog));
  const effort = effortFromEnv(host.env) ?? view.effort;
  return effort ? { models: view.models, effort } : { models: view.models };
}
