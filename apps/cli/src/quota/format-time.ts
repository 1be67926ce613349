/** Times in quota output: relative ("resets in 6h 12m") and absolute in the user's local time zone. */
import { formatCountdown } from '@ccs/core/internal';

/** "6h 12m", "2d 6h", "45m", "30s"; the countdown shared with the proxy's usage-limit messages. */
export const formatDuration = formatCountdown;

export interface LocalParts {
  year: string;
  month: string;
  monthName: string;
  day: string;
  weekday: string;
  weekdayLong: string;
  hour: string;
  minute: string;
  second: string;
}

/** Calendar parts of a date in a time zone (default: the system's), stable across locales. */
export function localParts(date: Date, timeZone?: string): LocalParts {
  const fmt = (options: Intl.DateTimeFormatOptions) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { ...options, ...(timeZone ? { timeZone } : {}) })
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    ) as Record<string, string>;
  const n = fmt({
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const names = fmt({ weekday: 'long', month: 'short' });
  return {
    year: n.year ?? '',
    month: n.month ?? '',
    monthName: names.month ?? '',
    day: n.day ?? '',
    weekday: (names.weekday ?? '').slice(0, 3),
    weekdayLong: names.weekday ?? '',
    hour: n.hour ?? '',
    minute: n.minute ?? '',
    second: n.second ?? '',
  };
}

/** "2026-02-04 18:00:00" */
export function formatTimestamp(date: Date, timeZone?: string): string {
  const p = localParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "Fri 6 Feb 00:12" */
export function formatDayTime(date: Date, timeZone?: string): string {
  const p = localParts(date, timeZone);
  return `${p.weekday} ${Number(p.day)} ${p.monthName} ${p.hour}:${p.minute}`;
}

/** "resets in 6h 12m", plus the local date and time when the reset is more than a day away. */
export function formatReset(resetsAt: string | null, now: Date, timeZone?: string): string | undefined {
  if (!resetsAt) return undefined;
  const at = new Date(resetsAt);
  const ms = at.getTime() - now.getTime();
  if (!Number.isFinite(ms)) return undefined;
  if (ms <= 0) return 'resets now';
  const relative = `resets in ${formatDuration(ms)}`;
  return ms > 86_400_000 ? `${relative} (${formatDayTime(at, timeZone)})` : relative;
}
