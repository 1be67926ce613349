import { EFFORT_LEVELS, type EffortLevel, effortRank, isEffortLevel, type ModelInfo } from '@ccs/core';
import { z } from 'zod';

/** One entry of `GET {base}/codex/models` (research: openai-codex.md §5.1); unknown fields tolerated. */
const remoteModelSchema = z.looseObject({
  slug: z.string().min(1),
  display_name: z.string().nullish(),
  description: z.string().nullish(),
  default_reasoning_level: z.string().nullish(),
  supported_reasoning_levels: z.array(z.looseObject({ effort: z.string() })).nullish(),
  visibility: z.string().nullish(),
  priority: z.number().nullish(),
  context_window: z.number().int().positive().nullish(),
  available_in_plans: z.array(z.string()).nullish(),
  input_modalities: z.array(z.string()).nullish(),
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

/**
 * The live entry merged over the static one. For models of the provider page the static entry keeps
 * its visibility and notes (the page is what we promise); the live list wins for efforts, context
 * window and plans, because the backend is the authority on what it accepts today.
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
  const plans = remote.available_in_plans ?? base?.plans;
  if (plans) info.plans = [...plans];
  if (base?.notes) info.notes = base.notes;
  const inputModalities = modalities && modalities.length > 0 ? modalities : base?.inputModalities;
  if (inputModalities) info.inputModalities = inputModalities;
  if (!base && remote.visibility && remote.visibility !== 'list') info.hidden = true;
  return info;
}

/** Static entries first (in their order, live data merged in), then live-only models by priority. */
export function mergeCatalog(
  staticModels: readonly ModelInfo[],
  remote: readonly RemoteCodexModel[],
): ModelInfo[] {
  const remoteById = new Map(remote.map((model) => [model.slug, model]));
  const merged = staticModels.map((model) => {
    const live = remoteById.get(model.id);
    return live ? mergeRemoteModel(live, model) : model;
  });
  const staticIds = new Set(staticModels.map((model) => model.id));
  for (const model of remote) if (!staticIds.has(model.slug)) merged.push(mergeRemoteModel(model, undefined));
  return merged;
}
