import type { CcsError } from './ccs-error.js';

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Retrying a sign-in that failed: the same method again, or the one that works where this one cannot. */
function loginHint(ccs: string, details: Record<string, unknown>): string {
  if (Array.isArray(details.ports)) return `For a device code: ${ccs} --auth --device`;
  switch (details.loginMethod) {
    case 'device':
      return details.deviceLoginDisabled === true
        ? `For example: ${ccs} --auth --headless`
        : `Run ${ccs} --auth --device again, or use ${ccs} --auth --headless.`;
    case 'headless':
      return `Run ${ccs} --auth --headless again and paste the final redirect URL here, or use ${ccs} --auth --device.`;
    case 'browser':
      return `Run ${ccs} --auth again; if the browser cannot reach this machine use ${ccs} --auth --headless, or --auth --device.`;
    default:
      return `Try signing in again with: ${ccs} --auth`;
  }
}

/**
 * The ccs command that fixes an error, from its code and structured details (`providerId`, and
 * `loginMethod`, `authKind`, … where they matter). Libraries never name ccs commands in their errors;
 * the ccs apps add this when they show one: the CLI when it prints an error, the proxy in the message
 * Claude Code shows (there `routedProviderId`, the provider the request went to, stands in for a
 * missing `providerId`). Undefined when no command helps or the provider is unknown. Only on
 * `@ccs/core/internal`: this is the apps' knowledge, not the libraries'.
 */
export function commandHint(error: CcsError, routedProviderId?: string): string | undefined {
  const details = error.details ?? {};
  const providerId = text(details.providerId) ?? routedProviderId;
  if (!providerId) return undefined;
  const ccs = `ccs ${providerId}`;
  const apiKey = details.authKind === 'api-key';
  switch (error.code) {
    case 'AUTH_REQUIRED':
    case 'AUTH_FAILED':
    case 'AUTH_REFRESH_FAILED':
      if (details.unknownAccount === true)
        return `See your accounts with ${ccs} --accounts, or sign in with ${ccs} --auth.`;
      return apiKey ? `Store a valid key with: ${ccs} --auth` : `Sign in again with: ${ccs} --auth`;
    case 'PERMISSION_DENIED':
      return `To sign in again, or with another account: ${ccs} --auth`;
    case 'LOGIN_FAILED':
    case 'LOGIN_TIMEOUT':
      return loginHint(ccs, details);
    case 'QUOTA_EXCEEDED':
      return apiKey
        ? `Add another key with: ${ccs} --auth --add`
        : `Add another account with: ${ccs} --auth --add`;
    case 'MODEL_NOT_AVAILABLE':
      return `Pick another model with: ${ccs} --config`;
    case 'USAGE':
      if (details.noAccounts === true)
        return apiKey ? `Store a key with: ${ccs} --auth` : `Sign in with: ${ccs} --auth`;
      if (details.noKey === true) return `Run "${ccs} --auth" again.`;
      if (details.noTerminal === true)
        return `For example: printf '%s' "$KEY" | ${ccs} --auth --with-api-key`;
      return undefined;
    default:
      return undefined;
  }
}

/** What the user reads under the error: the library's own advice, then the command that helps. */
export function suggestionWithHint(error: CcsError, routedProviderId?: string): string | undefined {
  const hint = commandHint(error, routedProviderId);
  if (!hint) return error.suggestion;
  return error.suggestion ? `${error.suggestion} ${hint}` : hint;
}
