import { USER_EFFORT_LEVELS, type UserEffortLevel, usageError } from '@ccs/core';
import { providerEnvName } from '../settings/provider-env-name.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * CCS_<ID>_EFFORT from the environment (scripts), e.g. CCS_CODEX_EFFORT; an invalid value is a usage
 * error, not ignored.
 */
export function effortFromEnv(env: Env, providerId: string): UserEffortLevel | undefined {
  const name = providerEnvName(providerId, 'EFFORT');
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (!(USER_EFFORT_LEVELS as readonly string[]).includes(raw)) {
    throw usageError(
      `${name}="${env[name]}" is not an effort level.`,
      `Use one of: ${USER_EFFORT_LEVELS.join(', ')}.`,
    );
  }
  return raw as UserEffortLevel;
}

/** CCS_<ID>_FAST from the environment: "1"/"true"/"on" or "0"/"false"/"off"; anything else is a usage error. */
export function fastFromEnv(env: Env, providerId: string): boolean | undefined {
  const name = providerEnvName(providerId, 'FAST');
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (['1', 'true', 'on'].includes(raw)) return true;
  if (['0', 'false', 'off'].includes(raw)) return false;
  throw usageError(`${name}="${env[name]}" is not a switch.`, 'Use 1 (on) or 0 (off).');
}
