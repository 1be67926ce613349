import type { LedgerRecord } from './ledger-record.js';

export const USAGE_GROUPS = ['day', 'model', 'account', 'session'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

export interface UsageTotals {
  requests: number;
  /** Requests that did not complete (an error status, a cut stream, a cancel). */
  failed: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** input + cached + output (reasoning is part of output). */
  totalTokens: number;
}

export interface UsageRow extends UsageTotals {
  key: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an ISO time, YYYY-MM-DD (people count their days in their own zone). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function keyOf(record: LedgerRecord, by: UsageGroup): string {
  switch (by) {
    case 'day':
      return localDay(record.ts);
    case 'model':
      return record.model ?? record.requestedModel ?? '(unknown)';
    case 'account':
      return `${record.provider}/${record.account ?? '(none)'}`;
    case 'session':
      return record.session ?? '(no session id)';
  }
}

export function emptyTotals(): UsageTotals {
  return {
    requests: 0,
    failed: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
  };
}

function add(into: UsageTotals, record: LedgerRecord): void {
  into.requests++;
  if (record.status !== 200 || record.error) into.failed++;
  into.inputTokens += record.inputTokens;
  into.cachedInputTokens += record.cachedInputTokens;
  into.outputTokens += record.outputTokens;
  into.reasoningTokens += record.reasoningTokens;
  into.totalTokens += record.inputTokens + record.cachedInputTokens + record.outputTokens;
}

/** Groups ledger records; days in date order, everything else by total tokens, largest first. */
export function summariseUsage(
  records: readonly LedgerRecord[],
  by: UsageGroup,
): { rows: UsageRow[]; total: UsageTotals } {
  const groups = new Map<string, UsageRow>();
  const total = emptyTotals();
  for (const record of records) {
    const key = keyOf(record, by);
    let row = groups.get(key);
    if (!row) {
      row = { key, ...emptyTotals() };
      groups.set(key, row);
    }
    add(row, record);
    add(total, record);
  }
  const rows = [...groups.values()];
  if (by === 'day') rows.sort((a, b) => a.key.localeCompare(b.key));
  else rows.sort((a, b) => b.totalTokens - a.totalTokens || a.key.localeCompare(b.key));
  return { rows, total };
}
