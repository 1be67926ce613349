import type { LoginProgress } from '@ccs/core';

/** Progress sink of a Codex login: lines for the user, plus the URL to open (shown on its own). */
export interface CodexLoginProgress extends LoginProgress {
  /** The authorize or verification URL (fine to show: it carries no secret the user must keep). */
  url?(url: string): void;
  /** Details for --verbose (ports, steps); never a secret. */
  debug?(message: string): void;
}

export const DEFAULT_LOGIN_TIMEOUT_MS = 10 * 60_000;

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  return `${Math.round(seconds / 60)} minutes`;
}
