export * from './codex-model-catalog.js';
export {
  decideRepair,
  describePlans,
  isUsable,
  offeredModels,
  pickSlotDefaults,
  planAllows,
} from './codex-model-rules.js';
export { CodexModelsCache, planKey } from './codex-models-cache.js';
export * from './codex-plans.js';
export * from './codex-static-models.js';
export { mergeCatalog, parseRemoteModels, type RemoteCodexModel } from './remote-codex-models.js';
export * from './split-codex-model-suffix.js';
