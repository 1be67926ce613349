import { EFFORT_LEVELS, type EffortLevel, effortRank, isEffortLevel, type ModelInfo } from '@ccs/core';
import { z } from 'zod';

/**
 * One entry of `GET {base}/codex/models` (research: codex-models-today.md, "Fields worth reading");
 * unknown fields are tolerated because the list grows.
 */
const remoteModelSchema = z.looseObject({
  slug: z.string().min(1),
  display_name: z.string().nullish(),
  description: z.string().nullish(),
  default_reasoning_level: z.string().nullish(),
  supported_reasoning_levels: z.array(z.looseObject({ effort: z.string() })).nullish(),
  visibility: z.string().nullish(),
  priority: z.number().nullish(),
  context_window: z.number().int().positive().nullish(),
  max_context_window: z.number().int().positive().nullish(),
  available_in_plans: z.array(z.string()).nullish(),
  input_modalities: z.array(z.string()).nullish(),
  supports_reasoning_summary_parameter: z.boolean().nullish(),
  support_verbosity: z.boolean().nullish(),
  default_verbosity: z.string().nullish(),
  service_tiers: z.array(z.looseObject({ id: z.string() })).nullish(),
  upgrade: z.looseObject({ model: z.string().min(1) }).nullish(),
});
export type RemoteCodexModel = z.output<typeof remoteModelSchema>;

export const remoteModelsResponseSchema = z.looseObject({ models: z.array(z.unknown()) });

/** Valid entries only: one malformed model must not cost the user the whole live list. */
export function parseRemoteModels(body: unknown): RemoteCodexModel[] {
  const parsed = remoteModelsResponseSchema.safeParse(body);
  if (!parsed.success) throw new Error('The model list response does not have the expected shape.');
  const models: RemoteCodexModel[] = [];
  for (const entry of parsed.data.models) {
    const model = remoteModelSchema.safeParse(entry);
    if (model.success) models.push(model.data);
  }
  return models.sort((a, b) => (a.priority ?? 1000) - (b.priority ?? 1000));
}

function remoteEfforts(model: RemoteCodexModel): EffortLevel[] | undefined {
  const levels = (model.supported_reasoning_levels ?? [])
    .map((level) => level.effort.toLowerCase())
    .filter(isEffortLevel);
  if (levels.length === 0) return undefined;
  return EFFORT_LEVELS.filter((level) => levels.includes(level));
}

const VERBOSITY = ['low', 'medium', 'high'] as const;
const VISIBILITY = ['list', 'hide', 'none'] as const;

/**
 * A live entry as ModelInfo. The live list is the authority on everything it states; `base` (the
 * compiled entry of the same id, if any) only fills what the entry leaves out.
 */
export function mergeRemoteModel(remote: RemoteCodexModel, base: ModelInfo | undefined): ModelInfo {
  const supported = remoteEfforts(remote) ?? base?.effort.supported ?? ['low', 'medium', 'high'];
  const max = supported.reduce((a, b) => (effortRank(b) > effortRank(a) ? b : a));
  const wantedDefault = remote.default_reasoning_level?.toLowerCase();
  const fallbackDefault = base?.effort.default ?? 'medium';
  const defaultEffort =
    isEffortLevel(wantedDefault) && supported.includes(wantedDefault)
      ? wantedDefault
      : supported.includes(fallbackDefault)
        ? fallbackDefault
        : supported[0]!;
  const modalities = remote.input_modalities?.filter(
    (m): m is 'text' | 'image' => m === 'text' || m === 'image',
  );
  const visibility = (VISIBILITY as readonly string[]).includes(remote.visibility ?? '')
    ? (remote.visibility as ModelInfo['visibility'])
    : base?.visibility;
  const info: ModelInfo = {
    id: remote.slug,
    displayName: remote.display_name ?? base?.displayName ?? remote.slug,
    effort: { supported, default: defaultEffort, max },
    source: 'remote',
  };
  const description = remote.description ?? base?.description;
  if (description) info.description = description;
  const contextWindow = remote.context_window ?? base?.contextWindow;
  if (contextWindow) info.contextWindow = contextWindow;
  const maxContextWindow = remote.max_context_window ?? base?.maxContextWindow;
  if (maxContextWindow) info.maxContextWindow = maxContextWindow;
  const plans = remote.available_in_plans ?? base?.plans;
  if (plans) info.plans = plans.map((plan) => plan.toLowerCase());
  if (base?.notes) info.notes = base.notes;
  const inputModalities = modalities && modalities.length > 0 ? modalities : base?.inputModalities;
  if (inputModalities) info.inputModalities = inputModalities;
  const priority = remote.priority ?? base?.priority;
  if (priority !== undefined) info.priority = priority;
  if (visibility) info.visibility = visibility;
  if (visibility && visibility !== 'list') info.hidden = true;
  const summaryParam = remote.supports_reasoning_summary_parameter ?? base?.supportsReasoningSummaryParameter;
  if (summaryParam !== undefined) info.supportsReasoningSummaryParameter = summaryParam;
  const verbosity = remote.default_verbosity?.toLowerCase();
  if (remote.support_verbosity === false) {
    // The model takes no verbosity: say nothing rather than the compiled default.
  } else if ((VERBOSITY as readonly string[]).includes(verbosity ?? '')) {
    info.defaultVerbosity = verbosity as ModelInfo['defaultVerbosity'];
  } else if (remote.support_verbosity === undefined && base?.defaultVerbosity) {
    info.defaultVerbosity = base.defaultVerbosity;
  }
  const tiers = remote.service_tiers?.map((tier) => tier.id) ?? base?.serviceTiers;
  if (tiers) info.serviceTiers = tiers;
  const upgrade = remote.upgrade?.model ?? base?.upgradeTo;
  if (upgrade && upgrade !== remote.slug) info.upgradeTo = upgrade;
  return info;
}

/**
 * The merged catalog: the live list first, in its priority order; then every compiled model the list
 * does not carry, hidden and marked as not served (retired ones keep their replacement). So a model
 * the user configured from an older list is still known (and repaired), never "unknown".
 */
export function mergeCatalog(
  staticModels: readonly ModelInfo[],
  remote: readonly RemoteCodexModel[],
): ModelInfo[] {
  const staticById = new Map(staticModels.map((model) => [model.id, model]));
  const merged = remote.map((model) => mergeRemoteModel(model, staticById.get(model.slug)));
  const live = new Set(remote.map((model) => model.slug));
  for (const model of staticModels) {
    if (live.has(model.id)) continue;
    // No plan may use what the list leaves out (plans: []); it stays known for repair and lookups.
    merged.push({ ...model, hidden: true, visibility: 'none', plans: [] });
  }
  return merged;
}
