import { usageError } from '@ccs/core';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `--since 7d` (also 12h, 30m, 2w) or a date `2026-12-01` (local midnight) → the earliest time counted. */
export function parseSince(value: string, now: Date): Date {
  const relative = /^(\d{1,5})([mhdw])$/.exec(value.trim());
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!]!);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (date) {
    const at = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (!Number.isNaN(at.getTime()) && at.getDate() === Number(date[3])) return at;
  }
  throw usageError(
    `Invalid --since "${value}".`,
    'Use a duration such as 7d, 24h, 30m or 2w, or a date such as 2026-12-01.',
  );
}
