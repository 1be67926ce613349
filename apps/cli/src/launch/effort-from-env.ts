import { USER_EFFORT_LEVELS, type UserEffortLevel, usageError } from '@ccs/core';

/** CCS_CODEX_EFFORT from the environment (scripts); an invalid value is a usage error, not ignored. */
export function effortFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): UserEffortLevel | undefined {
  const raw = env.CCS_CODEX_EFFORT?.trim().toLowerCase();
  if (!raw) return undefined;
  if (!(USER_EFFORT_LEVELS as readonly string[]).includes(raw)) {
    throw usageError(
      `CCS_CODEX_EFFORT="${env.CCS_CODEX_EFFORT}" is not an effort level.`,
      `Use one of: ${USER_EFFORT_LEVELS.join(', ')}.`,
    );
  }
  return raw as UserEffortLevel;
}

/** CCS_CODEX_FAST from the environment: "1"/"true"/"on" or "0"/"false"/"off"; anything else is a usage error. */
export function fastFromEnv(env: Readonly<Record<string, string | undefined>>): boolean | undefined {
  const raw = env.CCS_CODEX_FAST?.trim().toLowerCase();
  if (!raw) return undefined;
  if (['1', 'true', 'on'].includes(raw)) return true;
  if (['0', 'false', 'off'].includes(raw)) return false;
  throw usageError(`CCS_CODEX_FAST="${env.CCS_CODEX_FAST}" is not a switch.`, 'Use 1 (on) or 0 (off).');
}
