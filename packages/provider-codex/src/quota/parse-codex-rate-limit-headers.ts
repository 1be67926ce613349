import type { QuotaSnapshot, QuotaWindow } from '@ccs/core';
import {
  CODEX_MAIN_LIMIT_ID,
  sortWindows,
  toQuotaWindow,
  type WindowInput,
  weeklyResetOf,
} from './map-codex-usage.js';

const WINDOW_HEADER =
  /^x-([a-z0-9][a-z0-9-]*?)-(primary|secondary)-(used-percent|window-minutes|reset-at|reset-after-seconds)$/;

const toNumber = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

const toBool = (value: string | undefined): boolean | undefined => {
  const v = value?.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
};

/** 'codex' stays 'codex'; 'codex-bengalfox' becomes 'codex_bengalfox' (as the Codex CLI names limit ids). */
const limitIdOf = (family: string) => family.replaceAll('-', '_');

/**
 * Quota from the `x-codex-*` headers of any backend response (research: openai-codex.md §4.1): the main limit,
 * other limit families (`x-<limit>-primary-*`, named by `x-<limit>-limit-name`) and credits. Accepts both
 * `reset-at` (unix seconds) and the older `reset-after-seconds`. Undefined when the headers carry no quota.
 */
export function parseCodexRateLimitHeaders(
  headers: Record<string, string>,
  now: Date,
): Partial<QuotaSnapshot> | undefined {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;

  const families = new Map<string, { primary: WindowInput; secondary: WindowInput }>();
  for (const [name, value] of Object.entries(lower)) {
    const m = WINDOW_HEADER.exec(name);
    if (!m) continue;
    const [, family, slot, field] = m as unknown as [string, string, 'primary' | 'secondary', string];
    let entry = families.get(family);
    if (!entry) {
      entry = { primary: {}, secondary: {} };
      families.set(family, entry);
    }
    const n = toNumber(value);
    const w = entry[slot];
    if (field === 'used-percent') w.usedPercent = n;
    else if (field === 'window-minutes') w.windowSeconds = n === undefined ? undefined : n * 60;
    else if (field === 'reset-at') w.resetAt = n;
    else w.resetAfterSeconds = n;
  }

  const windows: QuotaWindow[] = [];
  for (const [family, slots] of families) {
    const id = limitIdOf(family);
    const name = id === CODEX_MAIN_LIMIT_ID ? undefined : lower[`x-${family}-limit-name`]?.trim() || id;
    for (const input of [slots.primary, slots.secondary]) {
      const window = toQuotaWindow(input, { id, ...(name ? { name } : {}) }, now);
      if (window) windows.push(window);
    }
  }

  // Credits count only when both flags are present, as in the Codex CLI.
  const hasCredits = toBool(lower['x-codex-credits-has-credits']);
  const unlimited = toBool(lower['x-codex-credits-unlimited']);
  const balance = lower['x-codex-credits-balance']?.trim();
  const credits =
    hasCredits !== undefined && unlimited !== undefined
      ? { hasCredits, unlimited, ...(balance ? { balance } : {}) }
      : undefined;

  if (windows.length === 0 && !credits) return undefined;
  const sorted = sortWindows(windows);
  const result: Partial<QuotaSnapshot> = { windows: sorted, source: 'headers', fetchedAt: now.toISOString() };
  if (credits) result.credits = credits;
  const main = windows.filter((w) => (w.limitId ?? CODEX_MAIN_LIMIT_ID) === CODEX_MAIN_LIMIT_ID);
  if (main.length > 0) {
    result.weeklyResetAt = weeklyResetOf(sorted);
    result.limitReached = main.some((w) => w.usedPercent >= 100);
  }
  return result;
}
