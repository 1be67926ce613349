import { type CcsError, toCcsError, withErrorDetails } from '@ccs/core';

/**
 * The ccs command a Claude Code user needs for a request-path error (sign in again, add an account,
 * pick another model). Provider libraries put only codes and details in their errors; the proxy,
 * like the CLI, names the command, since Claude Code shows the message and nothing else.
 */
function requestHint(error: CcsError, providerId: string): string | undefined {
  const ccs = `ccs ${providerId}`;
  const apiKey = error.details?.authKind === 'api-key';
  switch (error.code) {
    case 'AUTH_REQUIRED':
    case 'AUTH_FAILED':
    case 'AUTH_REFRESH_FAILED':
      return apiKey ? `Store a valid key with: ${ccs} --auth` : `Sign in again with: ${ccs} --auth`;
    case 'PERMISSION_DENIED':
      return `To sign in again, or with another account: ${ccs} --auth`;
    case 'QUOTA_EXCEEDED':
      return apiKey
        ? `Add another key with: ${ccs} --auth --add`
        : `Add another account with: ${ccs} --auth --add`;
    case 'MODEL_NOT_AVAILABLE':
      return `Pick another model with: ${ccs} --config`;
    default:
      return undefined;
  }
}

/**
 * The error as the client should read it: with the command that helps appended to its advice, unless
 * the advice already names a ccs command (the proxy's own account-pool errors do).
 */
export function withRequestHint(error: unknown, routedProviderId: string | undefined): CcsError {
  const ccs = toCcsError(error);
  if (ccs.suggestion?.includes('"ccs ')) return ccs;
  const providerId = typeof ccs.details?.providerId === 'string' ? ccs.details.providerId : routedProviderId;
  const hint = providerId ? requestHint(ccs, providerId) : undefined;
  if (!hint) return ccs;
  return withErrorDetails(ccs, {}, { suggestion: ccs.suggestion ? `${ccs.suggestion} ${hint}` : hint });
}
