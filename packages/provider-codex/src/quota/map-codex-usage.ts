import type { QuotaSnapshot, QuotaWindow } from '@ccs/core';
import type { CodexRateLimit, CodexUsageBody, CodexUsageWindow } from './codex-usage-schema.js';
import { labelForWindowSeconds, windowLabel } from './quota-window-label.js';

/** The limit id of the main Codex limit (as the Codex CLI names it). */
export const CODEX_MAIN_LIMIT_ID = 'codex';

export interface WindowInput {
  usedPercent?: number | null;
  windowSeconds?: number | null;
  /** unix seconds */
  resetAt?: number | null;
  resetAfterSeconds?: number | null;
  used?: number | null;
  limit?: number | null;
}

const clampPercent = (n: number) => Math.min(100, Math.max(0, n));

/**
 * One window, or undefined when the upstream sent an empty placeholder: 0 % used, no length and no
 * reset means "no such window" (research §4.1).
 */
export function toQuotaWindow(
  input: WindowInput,
  limit: { id: string; name?: string },
  now: Date,
): QuotaWindow | undefined {
  const windowSeconds =
    input.windowSeconds && input.windowSeconds > 0 ? Math.round(input.windowSeconds) : null;
  let resetsAt: string | null = null;
  if (input.resetAt !== null && input.resetAt !== undefined && input.resetAt > 0) {
    resetsAt = new Date(input.resetAt * 1000).toISOString();
  } else if (
    input.resetAfterSeconds !== null &&
    input.resetAfterSeconds !== undefined &&
    input.resetAfterSeconds >= 0
  ) {
    resetsAt = new Date(now.getTime() + input.resetAfterSeconds * 1000).toISOString();
  }
  const used = input.used ?? null;
  const max = input.limit ?? null;
  let usedPercent = input.usedPercent ?? null;
  if (usedPercent === null && used !== null && max !== null && max > 0) usedPercent = (used / max) * 100;
  if ((usedPercent ?? 0) === 0 && windowSeconds === null && resetsAt === null && used === null)
    return undefined;
  return {
    label: windowLabel(labelForWindowSeconds(windowSeconds), limit.name),
    limitId: limit.id,
    ...(limit.name ? { limitName: limit.name } : {}),
    usedPercent: clampPercent(usedPercent ?? 0),
    used,
    limit: max,
    windowSeconds,
    resetsAt,
  };
}

function fromBodyWindow(w: CodexUsageWindow | null | undefined): WindowInput | undefined {
  if (!w) return undefined;
  return {
    usedPercent: w.used_percent,
    windowSeconds: w.limit_window_seconds,
    resetAt: w.reset_at,
    resetAfterSeconds: w.reset_after_seconds,
    used: w.used,
    limit: w.limit,
  };
}

function rateLimitWindows(
  rl: CodexRateLimit | null | undefined,
  limit: { id: string; name?: string },
  now: Date,
): QuotaWindow[] {
  if (!rl) return [];
  const out: QuotaWindow[] = [];
  for (const w of [rl.primary_window, rl.secondary_window]) {
    const input = fromBodyWindow(w);
    const window = input && toQuotaWindow(input, limit, now);
    if (window) out.push(window);
  }
  return out;
}

/** The main limit first, then other limits in the order given; within a limit, shortest window first. */
export function sortWindows(windows: QuotaWindow[]): QuotaWindow[] {
  const families: string[] = [CODEX_MAIN_LIMIT_ID];
  for (const w of windows)
    if (!families.includes(w.limitId ?? CODEX_MAIN_LIMIT_ID)) families.push(w.limitId ?? '');
  const rank = (w: QuotaWindow) => families.indexOf(w.limitId ?? CODEX_MAIN_LIMIT_ID);
  const length = (w: QuotaWindow) => w.windowSeconds ?? Number.MAX_SAFE_INTEGER;
  return [...windows].sort((a, b) => rank(a) - rank(b) || length(a) - length(b));
}

/** When the main Codex limit's weekly window resets (the "weekly reset schedule"). */
export function weeklyResetOf(windows: QuotaWindow[]): string | null {
  const weekly = windows.find(
    (w) => (w.limitId ?? CODEX_MAIN_LIMIT_ID) === CODEX_MAIN_LIMIT_ID && w.label === 'weekly',
  );
  return weekly?.resetsAt ?? null;
}

/** 'unknown' and empty plan strings mean "not known", not a plan called unknown. */
export function normalizeUsagePlan(plan: string | null | undefined): string | undefined {
  const p = plan?.trim().toLowerCase();
  return p && p !== 'unknown' ? p : undefined;
}

/** A validated /wham/usage body → a snapshot (cache fields set by the caller). */
export function mapCodexUsage(body: CodexUsageBody, now: Date): Omit<QuotaSnapshot, 'cached'> {
  const windows: QuotaWindow[] = [...rateLimitWindows(body.rate_limit, { id: CODEX_MAIN_LIMIT_ID }, now)];
  windows.push(
    ...rateLimitWindows(body.code_review_rate_limit, { id: 'code_review', name: 'code review' }, now),
  );
  for (const extra of body.additional_rate_limits ?? []) {
    if (!extra) continue;
    const id = extra.metered_feature || extra.limit_name || 'additional';
    windows.push(...rateLimitWindows(extra.rate_limit, { id, name: extra.limit_name || id }, now));
  }
  const spend = body.spend_control?.individual_limit;
  if (spend) {
    const window = toQuotaWindow(
      {
        usedPercent: spend.used_percent,
        used: spend.used,
        limit: spend.limit,
        resetAt: spend.reset_at,
        resetAfterSeconds: spend.reset_after_seconds,
      },
      { id: 'spend_control', name: 'credit spend' },
      now,
    );
    if (window) windows.push({ ...window, label: 'credit spend limit' });
  }
  const sorted = sortWindows(windows);
  const plan = normalizeUsagePlan(body.plan_type);
  const credits = body.credits;
  const limitReached = Boolean(body.rate_limit?.limit_reached || body.spend_control?.reached);
  return {
    ...(plan ? { plan } : {}),
    windows: sorted,
    ...(credits && (credits.has_credits !== undefined || credits.unlimited !== undefined)
      ? {
          credits: {
            hasCredits: credits.has_credits ?? false,
            unlimited: credits.unlimited ?? false,
            ...(credits.balance !== null && credits.balance !== undefined
              ? { balance: String(credits.balance) }
              : {}),
          },
        }
      : {}),
    fetchedAt: now.toISOString(),
    source: 'api',
    weeklyResetAt: weeklyResetOf(sorted),
    limitReached,
  };
}
