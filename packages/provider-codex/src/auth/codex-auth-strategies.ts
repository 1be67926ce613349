import type { AuthStrategy, LoginContext } from '@ccs/core';
import type { CodexOptions } from '../codex-options.js';
import { loginWithCodexBrowser } from './codex-browser-login.js';
import { codexTokensNeedRefresh } from './codex-credential-source.js';
import { loginWithCodexDevice } from './codex-device-login.js';
import { readCodexIdentity } from './codex-id-token.js';
import type { CodexLoginProgress } from './codex-login-types.js';
import { refreshCodexTokens, revokeCodexToken } from './codex-oauth-client.js';
import type { CodexTokenSet } from './codex-token-set.js';

export interface CodexAuthStrategyDeps {
  options: Pick<CodexOptions, 'issuer' | 'callbackPort'>;
  openUrl?: (url: string) => Promise<boolean>;
  env?: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
  /** The caller's sign-in command, named on the browser's error page (none when absent). */
  signInCommand?: string;
}

function needsRefresh(credentials: CodexTokenSet, now: Date): boolean {
  return codexTokensNeedRefresh(
    { access_token: credentials.accessToken, expired: credentials.expiresAt?.toISOString() },
    now,
  );
}

async function refresh(deps: CodexAuthStrategyDeps, credentials: CodexTokenSet, signal?: AbortSignal) {
  const next = await refreshCodexTokens({ ...deps, refreshToken: credentials.refreshToken, signal });
  const idToken = next.idToken ?? credentials.idToken;
  return {
    accessToken: next.accessToken ?? credentials.accessToken,
    refreshToken: next.refreshToken ?? credentials.refreshToken,
    idToken,
    expiresAt: next.expiresAt ?? credentials.expiresAt,
    identity: next.idToken ? readCodexIdentity(idToken) : credentials.identity,
  };
}

function authorize(credentials: CodexTokenSet): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${credentials.accessToken}` };
  if (credentials.identity.chatgptAccountId)
    headers['chatgpt-account-id'] = credentials.identity.chatgptAccountId;
  if (credentials.identity.fedramp) headers['x-openai-fedramp'] = 'true';
  return headers;
}

function common(deps: CodexAuthStrategyDeps) {
  return {
    needsRefresh,
    refresh: (c: CodexTokenSet, o?: { signal?: AbortSignal }) => refresh(deps, c, o?.signal),
    authorize,
    revoke: async (c: CodexTokenSet) => {
      await revokeCodexToken({ ...deps, refreshToken: c.refreshToken, accessToken: c.accessToken });
    },
  };
}

const progressOf = (context: LoginContext): CodexLoginProgress => context.progress;

/**
 * Browser sign-in (authorization code + PKCE, loopback callback on 1455/1457). With
 * `context.headless` it prints the URL and tunnel line instead and also accepts a pasted redirect URL.
 */
export function createCodexBrowserAuthStrategy(deps: CodexAuthStrategyDeps): AuthStrategy<CodexTokenSet> {
  return {
    id: 'codex-browser',
    kind: 'oauth-browser',
    login: (context) =>
      loginWithCodexBrowser({
        options: deps.options,
        progress: progressOf(context),
        headless: context.headless,
        openUrl: deps.openUrl,
        input: context.input,
        signal: context.signal,
        timeoutMs: context.timeoutMs,
        env: deps.env,
        fetch: deps.fetch,
        signInCommand: deps.signInCommand,
        cancelHint: context.cancelHint,
        noBrowserHint: context.noBrowserHint,
      }),
    ...common(deps),
  };
}

/** Device-code sign-in for machines with no browser at all (must be enabled in ChatGPT settings). */
export function createCodexDeviceAuthStrategy(
  deps: CodexAuthStrategyDeps & { minIntervalMs?: number },
): AuthStrategy<CodexTokenSet> {
  return {
    id: 'codex-device',
    kind: 'oauth-device',
    login: (context) =>
      loginWithCodexDevice({
        options: deps.options,
        progress: progressOf(context),
        signal: context.signal,
        timeoutMs: context.timeoutMs,
        cancelHint: context.cancelHint,
        minIntervalMs: deps.minIntervalMs,
        fetch: deps.fetch,
      }),
    ...common(deps),
  };
}
