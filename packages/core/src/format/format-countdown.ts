/** "2h 15m", "3d 4h", "45m", "30s": two units at most, the way people read a countdown. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const totalMinutes = Math.round(totalSeconds / 60);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "in 2h 15m (at 14:05 UTC, 2026-11-26)": relative for people, absolute in UTC because messages with it
 * reach Claude Code (and its logs) without the user's time zone. Both arguments are epoch milliseconds.
 */
export function formatResetUtc(resetAt: number, now: number): string {
  const at = new Date(Math.round(resetAt / 60_000) * 60_000);
  const clock = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
  const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  return `in ${formatCountdown(resetAt - now)} (at ${clock}, ${day})`;
}
