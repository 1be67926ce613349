/**
 * "2h 10m", "3d 4h", "45m": @ccs/core's formatCountdown, repeated here on purpose. `ccs statusline` runs
 * on every Claude Code status update and must not load @ccs/core (~115 ms of imports, zod included);
 * a test keeps the two identical.
 */
export function countdown(ms: number): string {
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
