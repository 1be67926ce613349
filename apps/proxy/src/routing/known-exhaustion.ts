import type { Provider, QuotaSnapshot } from '@ccs/core';

/** The main limit's id in Codex quota; providers without limit ids have only a main limit. */
const MAIN_LIMIT_ID = 'codex';
/** How long a "limit reached" with no known reset time keeps an account aside after it was seen. */
const UNKNOWN_RESET_MS = 60_000;

/** What a quota source already knows, without a request (the Codex source's `peek`; optional for plugins). */
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

const isMain = (limitId: string | undefined) => limitId === undefined || limitId === MAIN_LIMIT_ID;

/**
 * When the known quota says the account cannot serve requests now: until when (ms) and which window.
 * A main-limit window at 100 % whose reset is ahead (header data counts) blocks until the latest such
 * reset; `limitReached` without a window to time it blocks briefly after it was read. Per-model
 * limits do not block the account (other models still work), and neither do usable credits.
 */
export function knownExhaustion(
  snapshot: QuotaSnapshot | undefined,
  now: number,
): { until: number; window: string } | undefined {
  if (!snapshot) return undefined;
  const credits = snapshot.credits;
  if (credits?.hasCredits && (credits.unlimited || Number(credits.balance ?? 0) > 0)) return undefined;
  let found: { until: number; window: string } | undefined;
  for (const window of snapshot.windows) {
    if (!isMain(window.limitId) || window.usedPercent < 100 || !window.resetsAt) continue;
    const until = Date.parse(window.resetsAt);
    if (!Number.isFinite(until) || until <= now) continue;
    if (!found || until > found.until) found = { until, window: window.label };
  }
  if (found || !snapshot.limitReached) return found;
  // Reached, but no full main window tells when it ends: the latest future main reset, else a short pause.
  for (const window of snapshot.windows) {
    const until = isMain(window.limitId) && window.resetsAt ? Date.parse(window.resetsAt) : Number.NaN;
    if (Number.isFinite(until) && until > now && (!found || until > found.until))
      found = { until, window: window.label };
  }
  if (found) return found;
  const seen = Date.parse(snapshot.fetchedAt);
  const until = (Number.isFinite(seen) ? seen : now) + UNKNOWN_RESET_MS;
  return until > now ? { until, window: 'usage' } : undefined;
}
