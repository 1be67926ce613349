import { z } from 'zod';
import type { QuotaSnapshot, QuotaWindow } from '../spec/v1/quota.js';

/**
 * The one schema of a quota window as JSON, shared by `ccs cliproxy quota --json` (INTERFACE.md) and
 * the dashboard's state: fields may be added, never removed. Strict, so nothing else slips in.
 */
export const quotaWindowJsonSchema = z.strictObject({
  label: z.string(),
  /** The provider's id for its main limit, otherwise the limit's id (a per-model limit, code review, credit spend). */
  limitId: z.string(),
  usedPercent: z.number(),
  used: z.number().nullable(),
  limit: z.number().nullable(),
  windowSeconds: z.number().int().nullable(),
  resetsAt: z.iso.datetime().nullable(),
});

/** Credits as JSON (see quotaCreditsJson), null when the account has none reported. */
export const quotaCreditsJsonSchema = z
  .strictObject({ hasCredits: z.boolean(), unlimited: z.boolean(), balance: z.string().nullable() })
  .nullable();

/** Why an account's quota could not be read, and what the user should do about it. */
export const quotaErrorJsonSchema = z
  .strictObject({ code: z.string(), message: z.string(), action: z.string() })
  .nullable();

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
