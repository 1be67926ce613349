import { CcsError, type QuotaSnapshot, type QuotaSource } from '@ccs/core';
import { TtlCache } from '@ccs/provider-kit';
import { CODEX_PROVIDER_ID, type CodexOptions } from '../codex-options.js';
import { fetchCodexUsage, type UsageIdentity } from './fetch-codex-usage.js';
import { mapCodexUsage, normalizeUsagePlan } from './map-codex-usage.js';
import { mergeQuotaSnapshot } from './merge-quota-snapshot.js';
import { parseCodexRateLimitHeaders } from './parse-codex-rate-limit-headers.js';

/**
 * What the quota source needs from the credential source (structurally the auth area's
 * `CodexCredentialSource`): fresh credentials per account, and a forced refresh after a 401.
 */
export interface QuotaCredentialSource {
  getCredentials(
    accountId: string,
    options?: { forceRefresh?: boolean; rejectedAccessToken?: string; signal?: AbortSignal },
  ): Promise<UsageIdentity & { plan?: string }>;
}

export interface CodexQuotaSource extends QuotaSource {
  snapshot(accountId: string, options?: { refresh?: boolean; signal?: AbortSignal }): Promise<QuotaSnapshot>;
  observe(accountId: string, headers: Record<string, string>): void;
  /** The newest quota known for an account without any request (cache or passive headers), or undefined. */
  peek(accountId: string): QuotaSnapshot | undefined;
  /** Forgets cached quota (one account or all), e.g. after a logout. */
  forget(accountId?: string): void;
}

export interface CreateCodexQuotaSourceArgs {
  options: Pick<CodexOptions, 'baseUrl' | 'headers' | 'quotaCacheSeconds'>;
  credentials: QuotaCredentialSource;
  now?: () => number;
  fetch?: typeof fetch;
  /**
   * Called when /wham/usage reports a plan that differs from the one in the account's token (plans change
   * without a new login): the account store records it. Failures are ignored; quota still shows.
   */
  onPlanObserved?: (accountId: string, plan: string) => void | Promise<void>;
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CcsError('CANCELLED', 'The quota request was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Quota of Codex accounts from `GET {base}/wham/usage`, cached in memory per account for
 * `quotaCacheSeconds` (default 120 s) and kept current by the `x-codex-*` headers of proxied responses.
 * Concurrent callers for one account share one request; a 401 refreshes the token and retries once.
 */
export function createCodexQuotaSource(args: CreateCodexQuotaSourceArgs): CodexQuotaSource {
  const now = args.now ?? Date.now;
  const doFetch = args.fetch ?? globalThis.fetch;
  // Only /wham/usage answers are cached (and expire); header updates live beside them and are laid over
  // a cached answer when newer, so they never keep a stale plan or spend limit alive past the TTL.
  const cache = new TtlCache<string, QuotaSnapshot>({
    ttlMs: args.options.quotaCacheSeconds * 1000,
    now,
    maxEntries: 1000,
  });
  const observed = new Map<string, QuotaSnapshot>();

  const overlay = (accountId: string, snapshot: QuotaSnapshot): QuotaSnapshot => {
    const update = observed.get(accountId);
    if (!update || update.fetchedAt <= snapshot.fetchedAt) return snapshot;
    return mergeQuotaSnapshot(snapshot, {
      windows: update.windows,
      ...(update.credits ? { credits: update.credits } : {}),
      // Newer headers on the main limit also say whether it is still reached (the proxy routes on it).
      ...(update.limitReached !== undefined ? { limitReached: update.limitReached } : {}),
      fetchedAt: update.fetchedAt,
      source: 'headers',
    });
  };

  async function load(accountId: string): Promise<QuotaSnapshot> {
    let credentials = await args.credentials.getCredentials(accountId);
    let result = await fetchCodexUsage({ options: args.options, identity: credentials, fetch: doFetch });
    if (!result.ok) {
      // The token expired (or was revoked) between the freshness check and the request: refresh once.
      // rejectedAccessToken: when another request or process already refreshed, that token is used as is.
      credentials = await args.credentials.getCredentials(accountId, {
        forceRefresh: true,
        rejectedAccessToken: credentials.accessToken,
      });
      result = await fetchCodexUsage({ options: args.options, identity: credentials, fetch: doFetch });
      if (!result.ok) {
        throw new CcsError(
          'AUTH_REQUIRED',
          'Codex rejected the sign-in of this account even after a token refresh.',
          { details: { providerId: CODEX_PROVIDER_ID } },
        );
      }
    }
    const at = new Date(now());
    const mapped = mapCodexUsage(result.body, at);
    const tokenPlan = normalizeUsagePlan(credentials.plan);
    if (mapped.plan && mapped.plan !== tokenPlan && args.onPlanObserved) {
      Promise.resolve()
        .then(() => args.onPlanObserved?.(accountId, mapped.plan as string))
        .catch(() => {});
    }
    const snapshot: QuotaSnapshot = { ...mapped, plan: mapped.plan ?? tokenPlan, cached: false };
    if (snapshot.plan === undefined) delete snapshot.plan;
    return snapshot;
  }

  return {
    async snapshot(accountId, options = {}) {
      options.signal?.throwIfAborted();
      // The shared request is not tied to one caller's signal: others may still be waiting for it.
      const result = await raceSignal(
        cache.getOrLoad(accountId, () => load(accountId), { refresh: options.refresh ?? false }),
        options.signal,
      );
      return overlay(accountId, { ...result.value, cached: result.cached });
    },

    observe(accountId, headers) {
      const update = parseCodexRateLimitHeaders(headers, new Date(now()));
      if (!update) return;
      const base: QuotaSnapshot = observed.get(accountId) ?? {
        windows: [],
        fetchedAt: update.fetchedAt ?? new Date(now()).toISOString(),
        source: 'headers',
        cached: true,
        weeklyResetAt: null,
      };
      observed.set(accountId, mergeQuotaSnapshot(base, update));
    },

    peek(accountId) {
      const entry = cache.get(accountId);
      const best = entry ? overlay(accountId, entry.value) : observed.get(accountId);
      return best ? { ...best, cached: true } : undefined;
    },

    forget(accountId) {
      if (accountId === undefined) {
        cache.clear();
        observed.clear();
      } else {
        cache.delete(accountId);
        observed.delete(accountId);
      }
    },
  };
}
