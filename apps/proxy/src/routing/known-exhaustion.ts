import type { Provider, QuotaSnapshot } from '@ccs/core';

/** How long a "limit reached" with no known reset time keeps an account aside after it was seen. */
const UNKNOWN_RESET_MS = 60_000;

/** What a quota source already knows, without a request (a source's optional `peek`). */
type PeekQuota = (accountId: string) => QuotaSnapshot | undefined;

export function quotaPeekOf(provider: Provider): PeekQuota | undefined {
  const source = provider.quotaSource as { peek?: unknown } | undefined;
  if (typeof source?.peek !== 'function') return undefined;
  const peek = source.peek as PeekQuota;
  return (accountId) => {
    try {
      return peek.call(source, accountId);
    } catch {
      return undefined; // a broken quota source must never fail a request
    }
  };
}

/** A provider's main limit carries no id or the provider's own id (per-model limits have their own). */
const isMain = (limitId: string | undefined, providerId: string) =>
  limitId === undefined || limitId === providerId;

/**
 * When the known quota says the account cannot serve requests now: until when (ms) and which window.
 * A main-limit window at 100 % whose reset is ahead (header data counts) blocks until the latest such
 * reset; `limitReached` without such a window blocks only briefly after it was read. Per-model
 * limits do not block the account (other models still work), and neither do usable credits.
 */
export function knownExhaustion(
  snapshot: QuotaSnapshot | undefined,
  now: number,
  providerId: string,
): { until: number; window: string | undefined } | undefined {
  if (!snapshot) return undefined;
  const credits = snapshot.credits;
  if (credits?.hasCredits && (credits.unlimited || Number(credits.balance ?? 0) > 0)) return undefined;
  let found: { until: number; window: string | undefined } | undefined;
  for (const window of snapshot.windows) {
    if (!isMain(window.limitId, providerId) || window.usedPercent < 100 || !window.resetsAt) continue;
    const until = Date.parse(window.resetsAt);
    if (!Number.isFinite(until) || until <= now) continue;
    if (!found || until > found.until) found = { until, window: window.label };
  }
  if (found || !snapshot.limitReached) return found;
  // Reached, but no full main window says until when (a spend cap, a window without a reset time):
  // a short pause from when it was read; the next 429 then tells the real reset.
  const seen = Date.parse(snapshot.fetchedAt);
  const until = (Number.isFinite(seen) ? seen : now) + UNKNOWN_RESET_MS;
  return until > now ? { until, window: undefined } : undefined;
}
