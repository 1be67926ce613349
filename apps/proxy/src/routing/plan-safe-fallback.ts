import type { AccountInfo, ModelRepair, ModelSlot, Provider } from '@ccs/core';

/** How long the model list may take to refresh before the upstream's own error is answered instead. */
const REFRESH_TIMEOUT_MS = 5_000;

/**
 * The one retry the proxy allows itself: the upstream refused `modelId` for this account (retired, or
 * not on its plan). The provider's catalog is asked again with a fresh list, and answers with a model
 * of the same provider that it knows this account can use (the list's own upgrade, else its best model
 * for the plan). No catalog repair means no fallback: the upstream's error reaches the client.
 */
export async function knownModelFallback(
  provider: Provider,
  modelId: string,
  account: AccountInfo,
  slot: ModelSlot | undefined,
  signal: AbortSignal,
): Promise<ModelRepair | undefined> {
  const catalog = provider.modelCatalog;
  if (!catalog.repairModel) return undefined;
  await catalog
    .list({
      accountId: account.id,
      refresh: true,
      signal: AbortSignal.any([signal, AbortSignal.timeout(REFRESH_TIMEOUT_MS)]),
    })
    .catch(() => undefined);
  const repair = catalog.repairModel(modelId, { accountId: account.id, plan: account.plan, slot });
  if (!repair || repair.to === modelId || !catalog.get(repair.to)) return undefined;
  return repair;
}
