import type {
  ModelAccountContext,
  ModelCatalog,
  ModelInfo,
  ModelListOptions,
  ModelRepair,
  ModelSlot,
} from '@ccs/core';
import { createSingleFlight } from '@ccs/provider-kit';
import { CODEX_CLIENT_VERSION, codexRequestHeaders } from '../codex-headers.js';
import type { CodexOptions } from '../codex-options.js';
import { decideRepair, describePlans, isUsable, pickSlotDefaults, planAllows } from './codex-model-rules.js';
import { type CachedModelList, type CodexModelsCache, planKey } from './codex-models-cache.js';
import { CODEX_STATIC_MODELS } from './codex-static-models.js';
import { mergeCatalog, parseRemoteModels } from './remote-codex-models.js';

/** How long a live model list is reused before it is asked for again (the Codex CLI uses 300 s too). */
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

/** The identity a list request is sent with. */
export interface CodexIdentityLike {
  accessToken: string;
  chatgptAccountId: string;
  fedramp?: boolean;
}

export interface CreateCodexModelCatalogArgs {
  options: Pick<CodexOptions, 'baseUrl' | 'headers'> & { clientVersion?: string };
  /** Without credentials the catalog never touches the network. */
  credentials?: CodexModelCredentials;
  /** The on-disk lists per plan; without it lists live in memory only. */
  cache?: CodexModelsCache;
  /** The account's plan (the cache is per plan: the backend filters the list by plan). */
  planOf?: (accountId: string) => Promise<string | undefined>;
  fetch?: typeof fetch;
  now?: () => number;
  /** Told when the live list could not be fetched (the best offline list is used instead). */
  onError?: (error: unknown) => void;
}

/** The Codex catalog: ModelCatalog plus what the provider itself drives (refresh on a changed ETag). */
export interface CodexModelCatalog extends ModelCatalog {
  offlineModels(context?: ModelAccountContext): ModelInfo[];
  defaultSlotModels(context?: ModelAccountContext): Record<ModelSlot, string>;
  repairModel(modelId: string, context?: ModelAccountContext & { slot?: ModelSlot }): ModelRepair | undefined;
  /**
   * Fetches the account's list right after a sign-in, with the tokens just obtained (so a short-lived
   * token is not refreshed for it); a failure is reported through onError, never thrown.
   */
  refreshAfterLogin(accountId: string, plan: string | undefined, identity: CodexIdentityLike): Promise<void>;
  /** A Responses answer's headers: a different `X-Models-Etag`, or a stale list, refreshes in the background. */
  observeResponse(accountId: string, plan: string | undefined, headers: Record<string, string>): void;
}

const withAvailability = (model: ModelInfo): ModelInfo => ({ ...model, availability: describePlans(model) });
const COMPILED = CODEX_STATIC_MODELS.map(withAvailability);

/**
 * The live `GET {baseUrl}/codex/models?client_version=…` list is the authority; it is kept on disk per
 * plan (with its ETag) so start-up never waits for the network, and merged with the compiled list so
 * every model ever shipped stays known (retired ones with their replacement). Listing never throws.
 */
export function createCodexModelCatalog(args: CreateCodexModelCatalogArgs): CodexModelCatalog {
  const now = args.now ?? Date.now;
  const clientVersion = args.options.clientVersion ?? CODEX_CLIENT_VERSION;
  const flights = createSingleFlight<string, ModelInfo[]>();
  // Lists held in memory when there is no disk cache (and the merged form of each, by plan key).
  const memory = new Map<string, CachedModelList>();
  const merged = new Map<string, { from: CachedModelList; models: ModelInfo[] }>();

  /** The plan's own list; else (no plan, or none fetched for it yet) the newest list of any plan. */
  const cachedList = (plan: string | undefined): CachedModelList | undefined => {
    const own =
      planKey(plan) === 'unknown' ? undefined : (memory.get(planKey(plan)) ?? args.cache?.read(plan));
    if (own) return own;
    let newest = args.cache?.read(undefined);
    for (const list of memory.values()) if (!newest || list.fetchedAt > newest.fetchedAt) newest = list;
    return newest;
  };

  const mergedOf = (list: CachedModelList): ModelInfo[] => {
    const key = planKey(list.plan);
    const hit = merged.get(key);
    if (hit?.from === list) return hit.models;
    let models: ModelInfo[];
    try {
      const remote = parseRemoteModels({ models: list.models });
      // An empty list says nothing about what exists: the compiled list stays the better guess.
      models = remote.length > 0 ? mergeCatalog(CODEX_STATIC_MODELS, remote).map(withAvailability) : COMPILED;
    } catch {
      models = COMPILED;
    }
    merged.set(key, { from: list, models });
    return models;
  };

  const offline = (context: ModelAccountContext = {}): ModelInfo[] => {
    const list = cachedList(context.plan);
    return list ? mergedOf(list) : COMPILED;
  };

  async function fetchLive(
    accountId: string,
    plan: string | undefined,
    signal?: AbortSignal,
    identity?: CodexIdentityLike,
  ) {
    const previous = cachedList(plan);
    const sameList = previous && planKey(previous.plan) === planKey(plan) ? previous : undefined;
    const credentials =
      identity ?? (await args.credentials!.getCredentials(accountId, signal ? { signal } : undefined));
    const url = `${args.options.baseUrl.replace(/\/+$/, '')}/codex/models?client_version=${encodeURIComponent(clientVersion)}`;
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    const headers: Record<string, string> = {
      ...codexRequestHeaders(credentials, args.options),
      accept: 'application/json',
    };
    if (sameList?.etag && sameList.clientVersion === clientVersion) headers['if-none-match'] = sameList.etag;
    // Resolved here, not at creation: touching globalThis.fetch loads undici, which startup does not need.
    const response = await (args.fetch ?? globalThis.fetch)(url, {
      method: 'GET',
      headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    let list: CachedModelList;
    if (response.status === 304 && sameList) {
      list = { ...sameList, fetchedAt: now() };
    } else {
      if (!response.ok) throw new Error(`The model list request failed with HTTP ${response.status}.`);
      const body = (await response.json()) as { models?: unknown };
      parseRemoteModels(body); // validates the shape before anything is kept
      list = {
        version: 1,
        plan: planKey(plan),
        fetchedAt: now(),
        clientVersion,
        models: body.models as unknown[],
      };
      const etag = response.headers.get('etag');
      if (etag) list.etag = etag;
    }
    memory.set(planKey(plan), list);
    await args.cache?.write(list);
    return mergedOf(list);
  }

  async function list(options: ModelListOptions = {}): Promise<ModelInfo[]> {
    const { accountId } = options;
    if (!accountId || !args.credentials) return offline();
    let plan: string | undefined;
    try {
      plan = await args.planOf?.(accountId);
      const cached = cachedList(plan);
      const fresh =
        cached && planKey(cached.plan) === planKey(plan) && now() - cached.fetchedAt < CODEX_MODELS_TTL_MS;
      if (fresh && options.refresh !== true) return mergedOf(cached);
      return await flights.run(accountId, () => fetchLive(accountId, plan, options.signal));
    } catch (error) {
      args.onError?.(error);
      return offline({ plan });
    }
  }

  /** Any model ever seen: a listed entry of any cached plan first, then the compiled list. */
  const get = (modelId: string): ModelInfo | undefined => {
    let known: ModelInfo | undefined;
    const lists = [...(args.cache?.all().values() ?? []), ...memory.values()];
    for (const cached of lists) {
      const model = mergedOf(cached).find((m) => m.id === modelId);
      if (model && isUsable(model, undefined)) return model;
      known ??= model;
    }
    return known ?? COMPILED.find((model) => model.id === modelId);
  };

  // One background refresh per account at a time, and after one (even a failed one) none for a minute:
  // a backend that keeps failing the list must not get a list request per chat request.
  const lastRefresh = new Map<string, number>();
  const refreshInBackground = (accountId: string) => {
    if (!args.credentials) return;
    const last = lastRefresh.get(accountId);
    if (last !== undefined && now() - last < 60_000) return;
    lastRefresh.set(accountId, now());
    void list({ accountId, refresh: true });
  };

  return {
    specificationVersion: 'v1',
    staticModels: () => COMPILED.map((model) => ({ ...model })),
    list,
    get,
    isAvailable(modelId, plan) {
      const model = offline({ plan }).find((m) => m.id === modelId);
      if (!model) return undefined;
      if (model.retired || model.visibility === 'none') return false;
      return planAllows(model, plan);
    },
    offlineModels: offline,
    defaultSlotModels(context = {}) {
      return (
        pickSlotDefaults(offline(context), context.plan) ??
        pickSlotDefaults(COMPILED, undefined) ?? { default: '', opus: '', sonnet: '', haiku: '' }
      );
    },
    repairModel(modelId, context = {}) {
      return decideRepair(offline(context), modelId, context.plan, context.slot);
    },
    async refreshAfterLogin(accountId, plan, identity) {
      try {
        await flights.run(accountId, () =>
          fetchLive(accountId, plan, AbortSignal.timeout(FETCH_TIMEOUT_MS), identity),
        );
      } catch (error) {
        args.onError?.(error);
      }
    },
    observeResponse(accountId, plan, headers) {
      const etag = headers['x-models-etag'];
      const cached = cachedList(plan);
      const sameList = cached && planKey(cached.plan) === planKey(plan) ? cached : undefined;
      const stale = !sameList || now() - sameList.fetchedAt >= CODEX_MODELS_TTL_MS;
      if ((etag && etag !== sameList?.etag) || stale) refreshInBackground(accountId);
    },
  };
}
