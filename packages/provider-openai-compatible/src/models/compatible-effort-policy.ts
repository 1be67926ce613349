import { type EffortLevel, type EffortPolicy, effortRank } from '@ccs/core';
import type { CompatibleModelCatalog } from './compatible-model-catalog.js';

/**
 * Pure and total. A model configured with `thinking.levels` gets the nearest level it lists (down
 * when it can, else up), with a warning whenever the level changes; any other model has one nominal
 * level (`medium`): ccs sends no `reasoning_effort` for it, so it runs at the endpoint's default.
 */
export function createCompatibleEffortPolicy(catalog: CompatibleModelCatalog): EffortPolicy {
  return {
    specificationVersion: 'v1',
    resolve(request) {
      const model = catalog.get(request.modelId);
      const supported: EffortLevel[] = model?.effort.supported ?? ['medium'];
      const fallback = model?.effort.default ?? 'medium';
      const requested = request.requested ?? fallback;
      const source = request.requested ? (request.source ?? 'explicit') : 'model-default';
      if (supported.includes(requested)) {
        return { effort: requested, requested, source, capped: false, warnings: [] };
      }
      const rank = effortRank(requested);
      const below = supported
        .filter((e) => effortRank(e) < rank)
        .sort((a, b) => effortRank(b) - effortRank(a))[0];
      const above = supported
        .filter((e) => effortRank(e) > rank)
        .sort((a, b) => effortRank(a) - effortRank(b))[0];
      const effort = below ?? above ?? fallback;
      const warning = catalog.hasEffortControl(request.modelId)
        ? `${request.modelId} supports effort ${supported.join(', ')}; using ${effort} instead of ${requested}.`
        : `${request.modelId} has no effort levels (thinking.levels in config.yaml); it runs at the endpoint's default.`;
      return { effort, requested, source, capped: effortRank(effort) < rank, warnings: [warning] };
    },
  };
}
