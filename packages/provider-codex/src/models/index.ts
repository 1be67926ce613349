export * from './codex-model-catalog.js';
export { mergeCatalog, parseRemoteModels, type RemoteCodexModel } from './remote-codex-models.js';
