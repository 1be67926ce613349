import type { QuotaSnapshot } from '@ccs/core';
import { CODEX_MAIN_LIMIT_ID, sortWindows, weeklyResetOf } from './map-codex-usage.js';

const familyOf = (w: { limitId?: string }) => w.limitId ?? CODEX_MAIN_LIMIT_ID;

/**
 * Folds a passive update (parsed response headers) into a snapshot: the windows of every limit family the
 * update mentions are replaced as a whole (a window missing from fresh headers no longer exists), other
 * families, the plan and anything the headers cannot carry are kept. The result is as fresh as the update.
 */
export function mergeQuotaSnapshot(base: QuotaSnapshot, update: Partial<QuotaSnapshot>): QuotaSnapshot {
  const updated = update.windows ?? [];
  const families = new Set(updated.map(familyOf));
  const windows = sortWindows([...base.windows.filter((w) => !families.has(familyOf(w))), ...updated]);
  return {
    ...base,
    ...(update.plan ? { plan: update.plan } : {}),
    windows,
    ...(update.credits ? { credits: update.credits } : {}),
    fetchedAt: update.fetchedAt ?? base.fetchedAt,
    source: update.source ?? base.source,
    weeklyResetAt: weeklyResetOf(windows),
    ...(update.limitReached !== undefined ? { limitReached: update.limitReached } : {}),
  };
}
