/**
 * Windows are named by how long they are, never by their primary/secondary position: an account
 * whose 5h window was removed has its weekly window in the primary slot (research: openai-codex.md §4.4).
 */
const NAMED_WINDOWS: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 300, label: '5h' },
  { minutes: 1440, label: 'daily' },
  { minutes: 10080, label: 'weekly' },
  { minutes: 43200, label: 'monthly' },
  { minutes: 525600, label: 'annual' },
];

/** The tolerance the Codex CLI uses when matching a window to a named duration. */
const TOLERANCE = 0.05;

/** '5h' | 'daily' | 'weekly' | 'monthly' | 'annual', or a compact duration ('90m', '12h', '3d'); 'usage' when unknown. */
export function labelForWindowSeconds(windowSeconds: number | null | undefined): string {
  if (windowSeconds === null || windowSeconds === undefined || !(windowSeconds > 0)) return 'usage';
  const minutes = windowSeconds / 60;
  for (const named of NAMED_WINDOWS) {
    if (Math.abs(minutes - named.minutes) <= named.minutes * TOLERANCE) return named.label;
  }
  return describeDuration(windowSeconds);
}

function describeDuration(seconds: number): string {
  const round1 = (n: number) => String(Math.round(n * 10) / 10);
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${Math.max(1, minutes)}m`;
  if (minutes < 48 * 60) return `${round1(minutes / 60)}h`;
  return `${round1(minutes / 1440)}d`;
}

/** Prefixes the duration label with a limit's name for limits other than the main Codex one. */
export function windowLabel(durationLabel: string, limitName: string | undefined): string {
  return limitName ? `${limitName} ${durationLabel}` : durationLabel;
}
