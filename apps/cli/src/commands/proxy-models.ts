import type { ModelSlot, Provider, UserEffortLevel } from '@ccs/core';
import type { CliHost } from '../host/create-cli-host.js';
import { effortFromEnv } from '../launch/effort-from-env.js';
import { readProviderSlots } from './provider/provider-settings.js';

/**
 * A provider's model per Claude Code slot and the configured effort, from `<provider>.settings.json`
 * (not created here: a standalone proxy or `ccs env` must not write files) with the defaults.
 */
export async function proxyModels(
  host: CliHost,
  provider: Provider,
): Promise<{ models: Record<ModelSlot, string>; effort?: UserEffortLevel }> {
  const { view, models } = await readProviderSlots(provider, host.paths.settingsFile(provider.id));
  const effort = effortFromEnv(host.env, provider.id) ?? view.effort;
  return effort ? { models, effort } : { models };
}
