import type { QuotaSnapshot, QuotaWindow } from '../spec/v1/quota.js';

/** One quota window as the stable JSON of `ccs cliproxy quota --json` and the dashboard. */
export function quotaWindowJson(window: QuotaWindow, providerId: string) {
  return {
    label: window.label,
    limitId: window.limitId ?? providerId,
    usedPercent: Math.round(window.usedPercent * 100) / 100,
    used: window.used,
    limit: window.limit,
    windowSeconds: window.windowSeconds,
    resetsAt: window.resetsAt,
  };
}

/** Credits as stable JSON (null when the account has none reported). */
export function quotaCreditsJson(credits: QuotaSnapshot['credits']) {
  return credits
    ? { hasCredits: credits.hasCredits, unlimited: credits.unlimited, balance: credits.balance ?? null }
    : null;
}
