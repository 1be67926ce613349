import { type Account, nowSeconds } from '../state.js';
import type { UsageWindow } from '../types.js';

export const DEFAULT_PRIMARY: UsageWindow = {
  usedPercent: 12,
  windowMinutes: 300,
  resetAfterSeconds: 3 * 3600,
};
export const DEFAULT_SECONDARY: UsageWindow = {
  usedPercent: 34,
  windowMinutes: 10_080,
  resetAfterSeconds: 4 * 86_400,
};

export function primaryWindow(a: Account): UsageWindow | undefined {
  return a.usage.primary === null ? undefined : (a.usage.primary ?? DEFAULT_PRIMARY);
}
export function secondaryWindow(a: Account): UsageWindow | undefined {
  return a.usage.secondary === null ? undefined : (a.usage.secondary ?? DEFAULT_SECONDARY);
}

function windowHeaders(prefix: string, w: UsageWindow | undefined, out: Record<string, string>): void {
  if (!w) return;
  out[`${prefix}-used-percent`] = String(w.usedPercent);
  out[`${prefix}-window-minutes`] = String(w.windowMinutes);
  out[`${prefix}-reset-at`] = String(nowSeconds() + w.resetAfterSeconds);
}

/** The `x-codex-*` headers sent on every `/codex/responses` answer (research §4.1). */
export function rateLimitHeaders(a: Account, overridePrimary?: UsageWindow): Record<string, string> {
  const out: Record<string, string> = {};
  windowHeaders('x-codex-primary', overridePrimary ?? primaryWindow(a), out);
  windowHeaders('x-codex-secondary', secondaryWindow(a), out);
  for (const extra of a.usage.additional ?? []) {
    const family = extra.meteredFeature.replace(/^codex_/, '');
    out[`x-codex-${family}-limit-name`] = extra.limitName;
    windowHeaders(`x-codex-${family}-primary`, extra.primary, out);
    windowHeaders(`x-codex-${family}-secondary`, extra.secondary, out);
  }
  return out;
}

function windowJson(w: UsageWindow | undefined) {
  if (!w) return null;
  return {
    used_percent: Math.round(w.usedPercent),
    limit_window_seconds: w.windowMinutes * 60,
    reset_after_seconds: w.resetAfterSeconds,
    reset_at: nowSeconds() + w.resetAfterSeconds,
  };
}

function rateLimitJson(primary: UsageWindow | undefined, secondary: UsageWindow | undefined) {
  const reached = [primary, secondary].some((w) => w !== undefined && w.usedPercent >= 100);
  return {
    allowed: !reached,
    limit_reached: reached,
    primary_window: windowJson(primary),
    secondary_window: windowJson(secondary),
  };
}

/** `GET /wham/usage` body (research §4.3), or the exact `raw` body a test set. */
export function usageBody(a: Account): object {
  if (a.usage.raw) return a.usage.raw;
  const rateLimit = rateLimitJson(primaryWindow(a), secondaryWindow(a));
  return {
    plan_type: a.plan,
    rate_limit: rateLimit,
    ...(rateLimit.limit_reached ? { rate_limit_reached_type: { type: 'rate_limit_reached' } } : {}),
    credits: { has_credits: false, unlimited: false, balance: '0' },
    additional_rate_limits: (a.usage.additional ?? []).map((x) => ({
      limit_name: x.limitName,
      metered_feature: x.meteredFeature,
      rate_limit: rateLimitJson(x.primary, x.secondary),
    })),
  };
}
