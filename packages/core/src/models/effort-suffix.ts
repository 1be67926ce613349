import { USER_EFFORT_LEVELS, type UserEffortLevel } from '../spec/v1/effort.js';

// Longest first so `-xhigh` is not read as `-high`.
const SUFFIXES: readonly UserEffortLevel[] = [...USER_EFFORT_LEVELS].sort((a, b) => b.length - a.length);

/**
 * Splits an effort suffix off a model name, the convention every provider shares:
 * `gpt-5.6-sol-max` → `gpt-5.6-sol` + `max`. Only user effort levels count, so `gpt-5-codex-mini`
 * stays whole, and a name the catalog knows as a whole (`gpt-5.1-codex-max`) is never split.
 * Claude Code's `[1m]` context marker is dropped first.
 */
export function splitEffortSuffix(
  name: string,
  isKnown: (modelId: string) => boolean = () => false,
): { modelId: string; effort?: UserEffortLevel } {
  const trimmed = name.trim().replace(/\[1m\]$/i, '');
  if (isKnown(trimmed)) return { modelId: trimmed };
  const lower = trimmed.toLowerCase();
  for (const effort of SUFFIXES) {
    const suffix = `-${effort}`;
    if (lower.endsWith(suffix) && lower.length > suffix.length) {
      return { modelId: trimmed.slice(0, -suffix.length), effort };
    }
  }
  return { modelId: trimmed };
}

/** The inverse: `gpt-5.6-sol` + `high` → `gpt-5.6-sol-high`. */
export function joinEffortSuffix(modelId: string, effort: UserEffortLevel | undefined): string {
  return effort ? `${modelId}-${effort}` : modelId;
}
