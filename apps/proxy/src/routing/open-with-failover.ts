import { type AccountInfo, CcsError, toCcsError } from '@ccs/core';
import { type AccountPool, isAccountScoped } from './account-pool.js';
import { knownModelFallback } from './plan-safe-fallback.js';
import type { ModelRoute } from './resolve-model-route.js';

/** What routing hands to one try: the account, and the model id for it (a learnt fallback, else the route's). */
export interface RouteAttempt {
  account: AccountInfo;
  modelId: string;
}

export interface FailoverState {
  pool: AccountPool;
  /** Catalog-known replacements learnt from "model not supported" answers, per provider, account and model. */
  fallbacks: Map<string, string>;
  /** One line the user sees without --verbose (a model replaced at request time). */
  notice: (line: string) => void;
}

/**
 * Routing's half of a request after the model is known: which account, which model for it, and what
 * to do when the upstream refuses. `attempt` is the rest of the path (policy → provider) for one
 * account; it resolves once the provider produced its first output. An account-scoped failure moves
 * on to the next account (quota and rate limits cool it down); a model the account may not use is
 * repaired once from the provider's catalog; anything else reaches the client. Trace notes go to `notes`.
 */
export async function openWithFailover<T>(
  state: FailoverState,
  route: ModelRoute,
  notes: string[],
  signal: AbortSignal,
  attempt: (target: RouteAttempt) => Promise<T>,
): Promise<{ value: T; account: AccountInfo }> {
  const { provider } = route;
  const accounts = await state.pool.candidates(provider, notes);
  let lastError: CcsError | undefined;
  let allQuota = true;
  for (const account of accounts) {
    let fellBack = false;
    for (;;) {
      const key = `${provider.id}\0${account.id}\0${route.modelId}`;
      const modelId = state.fallbacks.get(key) ?? route.modelId;
      try {
        const value = await attempt({ account, modelId });
        state.pool.recordUse(provider, account);
        return { value, account };
      } catch (error) {
        const ccs = toCcsError(error);
        if (signal.aborted) throw new CcsError('CANCELLED', 'The client went away.');
        if (ccs.code === 'MODEL_NOT_AVAILABLE' && !fellBack) {
          const repair = await knownModelFallback(provider, modelId, account, route.slot, signal);
          if (repair) {
            fellBack = true;
            state.fallbacks.set(key, repair.to);
            const line = `${modelId} was refused for ${account.nickname}: ${repair.message} for the rest of this session`;
            notes.push(line);
            state.notice(line);
            continue;
          }
        }
        if (!isAccountScoped(ccs)) throw ccs;
        notes.push(state.pool.markFailure(provider, account, ccs));
        if (ccs.code !== 'QUOTA_EXCEEDED' && ccs.code !== 'RATE_LIMITED') allQuota = false;
        lastError = ccs;
        break;
      }
    }
  }
  if (lastError && allQuota) throw await state.pool.exhaustedAfter(provider, lastError);
  throw lastError ?? new CcsError('INTERNAL', 'No account could serve the request.');
}
