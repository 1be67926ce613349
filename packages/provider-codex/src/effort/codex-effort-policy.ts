import {
  type EffortDecision,
  type EffortLevel,
  type EffortPolicy,
  type EffortRequest,
  type EffortSource,
  effortRank,
  type ModelCatalog,
  type ModelSlot,
} from '@ccs/core';

/** The provider page's "Automatic Effort Mapping": what each Claude Code slot asks for. */
export const CODEX_SLOT_EFFORT: Readonly<Record<ModelSlot, EffortLevel>> = {
  default: 'xhigh',
  opus: 'xhigh',
  sonnet: 'high',
  haiku: 'medium',
};

/** When neither the request nor a slot says anything (the Responses API's own default). */
const FALLBACK_EFFORT: EffortLevel = 'medium';

/** Sources the user chose on purpose: capping those is worth telling them about. */
const EXPLICIT_SOURCES: readonly EffortSource[] = ['explicit', 'suffix', 'client'];

/**
 * The nearest level the model supports: the highest one at or below `wanted`, else (the model starts
 * higher, e.g. the mini models have no `low`) its lowest level.
 */
function fitToModel(wanted: EffortLevel, supported: readonly EffortLevel[]): EffortLevel {
  const sorted = [...supported].sort((a, b) => effortRank(a) - effortRank(b));
  let best: EffortLevel | undefined;
  for (const level of sorted) if (effortRank(level) <= effortRank(wanted)) best = level;
  return best ?? sorted[0] ?? wanted;
}

/**
 * Pure effort policy of the Codex provider. Precedence: an explicit request (flag, model suffix, the
 * client) over the slot default over the model's default; the result is then fitted to what the model
 * supports, capped at its maximum. Slot defaults are capped quietly (that is the documented behaviour:
 * "xhigh, capped by the selected model's max"); a value the user chose gets a warning when it changes.
 * An unknown model gets the requested value unchanged, with a warning, since we cannot know its limits.
 */
export function createCodexEffortPolicy(catalog: Pick<ModelCatalog, 'get'>): EffortPolicy {
  return {
    specificationVersion: 'v1',
    resolve(request: EffortRequest): EffortDecision {
      const model = catalog.get(request.modelId);
      let requested: EffortLevel;
      let source: EffortSource;
      if (request.requested !== undefined) {
        requested = request.requested;
        source = request.source ?? 'explicit';
      } else if (request.slot !== undefined) {
        requested = CODEX_SLOT_EFFORT[request.slot];
        source = 'slot-default';
      } else {
        requested = model?.effort.default ?? FALLBACK_EFFORT;
        source = 'model-default';
      }

      if (!model) {
        return {
          effort: requested,
          requested,
          source,
          capped: false,
          warnings: [
            `unknown model ${request.modelId}: reasoning.effort ${requested} sent unchanged (its limits are not known)`,
          ],
        };
      }

      const ceiling = fitToModel(model.effort.max, model.effort.supported);
      const effort =
        effortRank(requested) > effortRank(ceiling) ? ceiling : fitToModel(requested, model.effort.supported);
      const warnings: string[] = [];
      if (effort !== requested && EXPLICIT_SOURCES.includes(source)) {
        warnings.push(
          effortRank(effort) < effortRank(requested)
            ? `reasoning.effort ${requested} capped to ${effort} for ${model.id}`
            : `reasoning.effort ${requested} raised to ${effort} for ${model.id} (the lowest level it supports)`,
        );
      }
      return { effort, requested, source, capped: effortRank(effort) < effortRank(requested), warnings };
    },
  };
}
