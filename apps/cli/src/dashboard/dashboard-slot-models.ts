import type { Provider } from '@ccs/core';
import type { DashboardSlotChange, DashboardSlotModels } from '@ccs/proxy/internal';
import { readProviderSlots, writeProviderSlots } from '../commands/provider/provider-settings.js';
import type { CliHost } from '../host/create-cli-host.js';

/**
 * The dashboard's view of one provider's slot models: `<provider>.settings.json`, read on every page
 * refresh (never created here: a dashboard must not write files it only shows).
 */
export function dashboardSlotModels(host: CliHost): (provider: Provider) => Promise<DashboardSlotModels> {
  return async (provider) => {
    const { source, view, models } = await readProviderSlots(provider, host.paths.settingsFile(provider.id));
    return { source, providerId: provider.id, models, ...(view.effort ? { effort: view.effort } : {}) };
  };
}

/**
 * The dashboard's editor writes through the CLI's settings code (`ccs <provider> --config` writes the
 * same keys): only the slots and the effort it names change; every other key of the file is kept.
 */
export function saveDashboardSlotModels(
  host: CliHost,
): (provider: Provider, change: DashboardSlotChange) => Promise<void> {
  return async (provider, change) => {
    await writeProviderSlots(provider, host.paths.settingsFile(provider.id), change);
  };
}
