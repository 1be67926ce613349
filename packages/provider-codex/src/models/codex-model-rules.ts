import type { ModelInfo, ModelRepair, ModelSlot } from '@ccs/core';
import { isFreePlan } from './codex-plans.js';
import { PAGE_FREE_PLAN_REWRITES } from './codex-static-models.js';

const normalise = (plan: string | undefined) => plan?.trim().toLowerCase() || undefined;

/** true: the plan may use it; false: it may not; undefined: cannot tell (no plan known). */
export function planAllows(model: ModelInfo, plan: string | undefined): boolean | undefined {
  if (!model.plans) return true;
  if (model.plans.length === 0) return false;
  const value = normalise(plan);
  if (!value) return undefined;
  return model.plans.includes(value);
}

/** Served and not internal: a model a session may be pointed at on this plan. */
export function isUsable(model: ModelInfo, plan: string | undefined): boolean {
  return !model.retired && model.visibility !== 'none' && planAllows(model, plan) !== false;
}

/** What pickers and defaults offer: usable and listed (`visibility: list`), in the list's priority order. */
export function offeredModels(models: readonly ModelInfo[], plan: string | undefined): ModelInfo[] {
  return models
    .filter((model) => isUsable(model, plan) && !model.hidden)
    .sort((a, b) => (a.priority ?? 1000) - (b.priority ?? 1000));
}

/** `gpt-5.6-sol` → `gpt-5.6`: the generation a model belongs to. */
const family = (id: string) => id.split('-').slice(0, 2).join('-');

/**
 * The defaults by rule (the Codex CLI's own rule for its default: the first listed model by priority):
 * default/opus/sonnet get the flagship; haiku the last-listed model of the flagship's generation that
 * takes the same inputs (the small sibling), else the flagship too.
 */
export function pickSlotDefaults(
  models: readonly ModelInfo[],
  plan: string | undefined,
): Record<ModelSlot, string> | undefined {
  const offered = offeredModels(models, plan);
  const flagship = offered[0];
  if (!flagship) return undefined;
  const inputs = flagship.inputModalities ?? ['text'];
  const siblings = offered.filter(
    (model) =>
      family(model.id) === family(flagship.id) &&
      inputs.every((kind) => (model.inputModalities ?? ['text']).includes(kind)),
  );
  const fast = siblings.at(-1) ?? flagship;
  return { default: flagship.id, opus: flagship.id, sonnet: flagship.id, haiku: fast.id };
}

function findUsable(models: readonly ModelInfo[], id: string | undefined, plan: string | undefined) {
  if (!id) return undefined;
  const model = models.find((m) => m.id === id);
  return model && isUsable(model, plan) ? model : undefined;
}

/**
 * What a configured model the account cannot use becomes: the provider page's free-plan rewrite where
 * the list still offers its safe model, else the list's own `upgrade` target, else the best listed model
 * for the plan (the fast default for the haiku slot and for small models). undefined: the model is fine,
 * unknown, or the plan cannot be verified (keep it).
 */
export function decideRepair(
  models: readonly ModelInfo[],
  modelId: string,
  plan: string | undefined,
  slot?: ModelSlot,
): ModelRepair | undefined {
  const model = models.find((m) => m.id === modelId);
  if (!model) return undefined;
  const allowed = planAllows(model, plan);
  if (!model.retired && model.visibility !== 'none' && allowed !== false) return undefined;
  const defaults = pickSlotDefaults(models, plan);
  const small = slot === 'haiku' || /mini|spark|luna/.test(modelId);
  const pageSafe =
    isFreePlan(plan) === true ? findUsable(models, PAGE_FREE_PLAN_REWRITES[modelId], plan) : undefined;
  const target =
    pageSafe ??
    findUsable(models, model.upgradeTo, plan) ??
    findUsable(models, defaults ? (small ? defaults.haiku : defaults.default) : undefined, plan);
  if (!target || target.id === modelId) return undefined;
  // The page's free-plan rule is about the plan, whatever else is known about the model.
  const reason: ModelRepair['reason'] = pageSafe
    ? 'plan'
    : model.retired
      ? 'retired'
      : model.plans?.length === 0
        ? 'unlisted'
        : 'plan';
  const why =
    reason === 'retired'
      ? `${modelId} is retired for ChatGPT sign-in`
      : reason === 'plan'
        ? `${modelId} is not on the ${normalise(plan)} plan`
        : `${modelId} is no longer in the Codex model list`;
  return { to: target.id, reason, message: `${why}; using ${target.id}` };
}

/** "all plans" / "paid plans" / "free plans" / "no plan" as a person reads it (never the backend's codes). */
export function describePlans(model: ModelInfo): string {
  if (!model.plans) return 'all plans';
  if (model.plans.length === 0) return 'not offered';
  const free = model.plans.filter((plan) => isFreePlan(plan) === true);
  const paid = model.plans.filter((plan) => isFreePlan(plan) === false);
  if (free.length > 0 && paid.length > 0) return 'all plans';
  if (paid.length > 0) return 'paid plans';
  if (free.length > 0) return 'free plans';
  return 'some plans';
}
