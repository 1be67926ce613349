import type { ModelCatalog, ModelInfo, ModelListOptions } from '@ccs/core';
import { TtlCache } from '@ccs/provider-kit';
import { CODEX_CLIENT_VERSION, codexRequestHeaders } from '../codex-headers.js';
import type { CodexOptions } from '../codex-options.js';
import { isFreePlan } from './codex-plans.js';
import { CODEX_STATIC_MODELS } from './codex-static-models.js';
import { mergeCatalog, parseRemoteModels } from './remote-codex-models.js';

export * from './codex-plans.js';
export * from './codex-static-models.js';
export * from './split-codex-model-suffix.js';

/** How long a live model list is reused (the Codex CLI caches it for 300 s too). */
export const CODEX_MODELS_TTL_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 10_000;

/**
 * What the catalog needs from the credential source (structurally the auth module's
 * CodexCredentialSource, so it can be passed as is).
 */
export interface CodexModelCredentials {
  getCredentials(
    accountId: string,
    options?: { forceRefresh?: boolean; signal?: AbortSignal },
  ): Promise<{ accessToken: string; chatgptAccountId: string; fedramp?: boolean }>;
}

export interface CreateCodexModelCatalogArgs {
  options: Pick<CodexOptions, 'baseUrl' | 'headers'>;
  /** Without credentials the catalog is static only and never touches the network. */
  credentials?: CodexModelCredentials;
  fetch?: typeof fetch;
  now?: () => number;
  /** Told when the live list could not be fetched (the static list is used instead). */
  onError?: (error: unknown) => void;
}

/**
 * The Codex model catalog: the provider page's static models, merged with the live
 * `GET {baseUrl}/codex/models` list per account (cached 5 minutes, one fetch at a time per account).
 * Any failure falls back to the static list; listing never throws.
 */
export function createCodexModelCatalog(args: CreateCodexModelCatalogArgs): ModelCatalog {
  const now = args.now ?? Date.now;
  // Per account (the backend filters by plan); one fetch at a time per account; failures not cached.
  const cache = new TtlCache<string, ModelInfo[]>({ ttlMs: CODEX_MODELS_TTL_MS, now, maxEntries: 100 });
  // Everything ever learnt from a live list, so get() knows live-only models synchronously.
  const learned = new Map<string, ModelInfo>();

  async function fetchLive(accountId: string, signal: AbortSignal | undefined): Promise<ModelInfo[]> {
    const credentials = await args.credentials!.getCredentials(accountId, signal ? { signal } : undefined);
    const url = `${args.options.baseUrl.replace(/\/+$/, '')}/codex/models?client_version=${CODEX_CLIENT_VERSION}`;
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    // Resolved here, not at creation: touching globalThis.fetch loads undici, which startup does not need.
    const response = await (args.fetch ?? globalThis.fetch)(url, {
      method: 'GET',
      headers: { ...codexRequestHeaders(credentials, args.options), accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) throw new Error(`The model list request failed with HTTP ${response.status}.`);
    const models = mergeCatalog(CODEX_STATIC_MODELS, parseRemoteModels(await response.json()));
    for (const model of models) if (model.source === 'remote') learned.set(model.id, model);
    return models;
  }

  const get = (modelId: string): ModelInfo | undefined =>
    learned.get(modelId) ?? CODEX_STATIC_MODELS.find((model) => model.id === modelId);

  return {
    specificationVersion: 'v1',
    staticModels: () => CODEX_STATIC_MODELS.map((model) => ({ ...model })),
    async list(options: ModelListOptions = {}) {
      const { accountId } = options;
      if (!accountId || !args.credentials) return CODEX_STATIC_MODELS.map((model) => ({ ...model }));
      try {
        const loaded = await cache.getOrLoad(accountId, () => fetchLive(accountId, options.signal), {
          refresh: options.refresh === true,
        });
        return loaded.value;
      } catch (error) {
        args.onError?.(error);
        return CODEX_STATIC_MODELS.map((model) => ({ ...model }));
      }
    },
    get,
    isAvailable(modelId, plan) {
      const model = get(modelId);
      if (!model) return undefined;
      if (!model.plans) return true;
      const value = plan?.trim().toLowerCase();
      if (!value) return undefined;
      if (model.plans.includes(value)) return true;
      // A plan we know that is not on the model's list cannot use it; an unknown plan is unknown.
      return isFreePlan(value) === undefined ? undefined : false;
    },
  };
}
