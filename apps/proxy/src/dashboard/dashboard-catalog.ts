import { type ModelInfo, type Provider, USER_EFFORT_LEVELS, type UserEffortLevel } from '@ccs/core';

const LIST_TIMEOUT_MS = 10_000;

/** One model the slot editor offers: what the list says about effort and plans. */
export interface CatalogModelView {
  id: string;
  displayName: string;
  /** The efforts a slot may name for it (its supported ones that settings accept), lowest first. */
  efforts: UserEffortLevel[];
  defaultEffort: string;
  maxEffort: string;
  /** Plans it is available on; null = every plan. */
  plans: string[] | null;
  /** The provider's own words for who may use it ("paid plans"), when it has them. */
  availability: string | null;
  /** Whether the default account's plan may use it; null when unknown. */
  onPlan: boolean | null;
}

export interface CatalogView {
  provider: string;
  /** The default account's plan, when known (what `onPlan` is about). */
  plan: string | null;
  /** The provider's effort ladder: every effort one of its models supports (a default effort may name). */
  efforts: UserEffortLevel[];
  models: CatalogModelView[];
}

/**
 * The provider's live catalog (its TTL cache answers inside its window; asked for the default account,
 * so a plan-specific list is the one that account sees), falling back to what it knows offline.
 */
export async function catalogModels(provider: Provider): Promise<ModelInfo[]> {
  const account = await provider.accounts.getDefault().catch(() => undefined);
  try {
    return await provider.modelCatalog.list({
      signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
      ...(account ? { accountId: account.id } : {}),
    });
  } catch {
    const context = account ? { accountId: account.id, plan: account.plan } : undefined;
    return provider.modelCatalog.offlineModels?.(context) ?? provider.modelCatalog.staticModels();
  }
}

/** Models a person may pick: listed, not retired. */
export function offeredModels(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((m) => !m.retired && !m.hidden && (m.visibility ?? 'list') === 'list');
}

export function userEfforts(model: Pick<ModelInfo, 'effort'>): UserEffortLevel[] {
  return USER_EFFORT_LEVELS.filter((e) => (model.effort.supported as string[]).includes(e));
}

export function effortLadder(models: readonly ModelInfo[]): UserEffortLevel[] {
  return USER_EFFORT_LEVELS.filter((e) => models.some((m) => (m.effort.supported as string[]).includes(e)));
}

export async function catalogView(provider: Provider): Promise<CatalogView> {
  const models = offeredModels(await catalogModels(provider));
  const plan = (await provider.accounts.getDefault().catch(() => undefined))?.plan;
  return {
    provider: provider.id,
    plan: plan ?? null,
    efforts: effortLadder(models),
    models: models.map((m) => ({
      id: m.id,
      displayName: m.displayName,
      efforts: userEfforts(m),
      defaultEffort: m.effort.default,
      maxEffort: m.effort.max,
      plans: m.plans ? [...m.plans] : null,
      availability: m.availability ?? null,
      onPlan: plan ? (provider.modelCatalog.isAvailable(m.id, plan) ?? null) : null,
    })),
  };
}
