export interface QuotaWindow {
  /** '5h' | 'daily' | 'weekly' | 'monthly' | 'annual' | other, by duration, not by position. */
  label: string;
  /** Which limit family (e.g. 'codex' or a per-model limit id). */
  limitId?: string;
  limitName?: string;
  usedPercent: number;
  used: number | null;
  limit: number | null;
  windowSeconds: number | null;
  /** ISO 8601 */
  resetsAt: string | null;
}

export interface QuotaSnapshot {
  plan?: string;
  windows: QuotaWindow[];
  credits?: { hasCredits: boolean; unlimited: boolean; balance?: string };
  /** ISO 8601: when the upstream was asked. */
  fetchedAt: string;
  source: 'api' | 'headers';
  /** true when served from the cache rather than fetched for this call. */
  cached: boolean;
  /** ISO 8601 of the weekly window's reset, when there is one. */
  weeklyResetAt: string | null;
  limitReached?: boolean;
}

export interface QuotaSource {
  /** Current quota of an account (cached per the provider's policy; `refresh` skips the cache). */
  snapshot(accountId: string, options?: { refresh?: boolean; signal?: AbortSignal }): Promise<QuotaSnapshot>;
  /** Passive update from upstream response headers. */
  observe?(accountId: string, headers: Record<string, string>): void;
}
