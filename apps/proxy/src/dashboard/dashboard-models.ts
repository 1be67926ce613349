import { MODEL_SLOTS, type Provider } from '@ccs/core';
import { splitEffortSuffix } from '../routing/resolve-model-route.js';
import type { DashboardSlotModels } from './dashboard-options.js';

export interface SlotModelsView {
  source: string;
  effort: string | null;
  slots: Array<{
    slot: string;
    model: string;
    /** The catalog id without the effort suffix, and the suffix: what the editor starts from. */
    modelId: string;
    slotEffort: string | null;
    displayName: string | null;
    maxEffort: string | null;
    plans: string[] | null;
  }>;
}

/** One provider's configured model per slot, each looked up in its catalog (max effort, plans). */
export function slotModelsState(provider: Provider, configured: DashboardSlotModels): SlotModelsView {
  const slots = Object.entries(configured.models)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([slot, model]) => {
      const { modelId, effort } = splitEffortSuffix(provider, model);
      const info = provider.modelCatalog.get(modelId);
      return {
        slot,
        model: effort ? `${modelId} (${effort})` : modelId,
        modelId,
        slotEffort: effort ?? null,
        displayName: info?.displayName ?? null,
        maxEffort: info?.effort.max ?? null,
        plans: info?.plans ? [...info.plans] : null,
      };
    });
  return { source: configured.source, effort: configured.effort ?? null, slots };
}

function rank(slot: string): number {
  const i = (MODEL_SLOTS as readonly string[]).indexOf(slot);
  return i === -1 ? MODEL_SLOTS.length : i;
}
