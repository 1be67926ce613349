import type { UserEffortLevel } from '@ccs/core';

// Longest first so `-xhigh` is not read as `-high`.
const SUFFIXES: readonly UserEffortLevel[] = ['xhigh', 'medium', 'high', 'low'];

/**
 * Splits an effort suffix off a model id: `gpt-5.3-codex-high` → `gpt-5.3-codex` + `high`.
 * Only the four user effort levels count as suffixes, so `gpt-5-codex-mini` stays whole.
 * Claude Code's `[1m]` context marker is dropped first.
 */
export function splitCodexModelSuffix(id: string): { modelId: string; effort?: UserEffortLevel } {
  const trimmed = id.trim().replace(/\[1m\]$/i, '');
  const lower = trimmed.toLowerCase();
  for (const effort of SUFFIXES) {
    const suffix = `-${effort}`;
    if (lower.endsWith(suffix) && lower.length > suffix.length) {
      return { modelId: trimmed.slice(0, -suffix.length), effort };
    }
  }
  return { modelId: trimmed };
}

/** The inverse: `gpt-5-codex` + `high` → `gpt-5-codex-high`. */
export function joinCodexModelSuffix(modelId: string, effort: UserEffortLevel | undefined): string {
  return effort ? `${modelId}-${effort}` : modelId;
}
