import type { EffortLevel } from './effort.js';

export interface ModelInfo {
  id: string;
  displayName: string;
  description?: string;
  /** Context window the backend really enforces, in tokens. */
  contextWindow?: number;
  maxOutputTokens?: number;
  effort: { supported: EffortLevel[]; default: EffortLevel; max: EffortLevel };
  /** Plans the model is available on; undefined means every plan. */
  plans?: string[];
  /** A short note such as "Cross-plan-safe default". */
  notes?: string;
  inputModalities?: Array<'text' | 'image'>;
  source: 'static' | 'remote';
  hidden?: boolean;
}

export interface ModelListOptions {
  /** Account to ask the live catalog for (ignored by static-only catalogs). */
  accountId?: string;
  /** Skip caches and ask the upstream again. */
  refresh?: boolean;
  signal?: AbortSignal;
}

export interface ModelCatalog {
  readonly specificationVersion: 'v1';
  /** Static entries, available synchronously and offline. */
  staticModels(): ModelInfo[];
  /** Static entries merged with the live list (TTL-cached); falls back to static on failure. */
  list(options?: ModelListOptions): Promise<ModelInfo[]>;
  /** Look a model up by id (static entries, then anything learnt from the live list). */
  get(modelId: string): ModelInfo | undefined;
  /** Whether the plan may use the model; undefined plan means unknown. */
  isAvailable(modelId: string, plan: string | undefined): boolean | undefined;
}
