import type { Provider } from '@ccs/core';
import { splitEffortSuffix } from '../routing/resolve-model-route.js';
import type { DashboardSlotModels } from './dashboard-options.js';
import type { DashboardState } from './dashboard-state.js';

const SLOT_ORDER = ['default', 'opus', 'sonnet', 'haiku'];

/** The configured model per slot, each looked up in its provider's catalog (max effort, plans). */
export function slotModelsState(
  providers: ReadonlyMap<string, Provider>,
  configured: DashboardSlotModels,
): NonNullable<DashboardState['models']> {
  const providerId = configured.providerId ?? providers.keys().next().value ?? '';
  const provider = providers.get(providerId);
  const slots = Object.entries(configured.models)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([slot, model]) => {
      const { modelId, effort } = provider ? splitEffortSuffix(provider, model) : { modelId: model };
      const info = provider?.modelCatalog.get(modelId);
      return {
        slot,
        model: effort ? `${modelId} (${effort})` : modelId,
        displayName: info?.displayName ?? null,
        maxEffort: info?.effort.max ?? null,
        plans: info?.plans ? [...info.plans] : null,
      };
    });
  return { source: configured.source, providerId, effort: configured.effort ?? null, slots };
}

function rank(slot: string): number {
  const i = SLOT_ORDER.indexOf(slot);
  return i === -1 ? SLOT_ORDER.length : i;
}
