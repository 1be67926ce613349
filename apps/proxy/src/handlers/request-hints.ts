import { type CcsError, suggestionWithHint, toCcsError, withErrorDetails } from '@ccs/core/internal';

/**
 * The error as Claude Code should show it: with the ccs command that helps (sign in again, add an
 * account, pick another model) after the library's own advice, for the provider the request was routed
 * to. Claude Code shows the message and nothing else. Errors whose advice already names a ccs command
 * (the account pool's) are left as they are.
 */
export function withRequestHint(error: unknown, routedProviderId: string | undefined): CcsError {
  const ccs = toCcsError(error);
  if (ccs.suggestion?.includes('"ccs ')) return ccs;
  const suggestion = suggestionWithHint(ccs, routedProviderId);
  return suggestion === ccs.suggestion ? ccs : withErrorDetails(ccs, {}, { suggestion });
}
