import type { ModelSlot, Provider } from '@ccs/core';

/**
 * A model every plan may use, to retry with when the account's plan does not include the one asked
 * for: a catalog entry without plan restrictions (a "mini" one for the haiku slot and for mini or
 * spark models, the full one otherwise).
 */
export function planSafeFallback(
  provider: Provider,
  modelId: string,
  slot: ModelSlot | undefined,
): string | undefined {
  const open = provider.modelCatalog.staticModels().filter((model) => !model.plans && !model.hidden);
  const small = slot === 'haiku' || /mini|spark/.test(modelId);
  const pick = open.find((model) => /mini/.test(model.id) === small) ?? open[0];
  return pick && pick.id !== modelId ? pick.id : undefined;
}
