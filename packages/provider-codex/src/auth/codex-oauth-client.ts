import { CcsError } from '@ccs/core';
import { createHttpClient } from '@ccs/provider-kit';
import { z } from 'zod';
import { CODEX_CLIENT_ID, CODEX_PROVIDER_ID, type CodexOptions } from '../codex-options.js';
import { accessTokenExpiry, readCodexIdentity } from './codex-id-token.js';
import type { CodexTokenSet } from './codex-token-set.js';

/** Scope of the Codex CLI's browser login before the connector scopes (research §1.2). */
export const CODEX_SCOPE = 'openid profile email offline_access';
export const CODEX_ORIGINATOR_PARAM = 'codex_cli_rs';
const REQUEST_TIMEOUT_MS = 30_000;
export const REVOKE_TIMEOUT_MS = 10_000;

type Fetch = typeof fetch;
export interface OAuthClientArgs {
  options: Pick<CodexOptions, 'issuer'>;
  fetch?: Fetch;
}

const issuerUrl = (options: Pick<CodexOptions, 'issuer'>, path: string) =>
  `${options.issuer.replace(/\/+$/, '')}${path}`;

/** The browser authorize URL, with the parameters in the Codex CLI's order. */
export function buildCodexAuthorizeUrl(args: {
  options: Pick<CodexOptions, 'issuer'>;
  redirectUri: string;
  codeChallenge: string;
  state: string;
}): string {
  const params = new URLSearchParams([
    ['response_type', 'code'],
    ['client_id', CODEX_CLIENT_ID],
    ['redirect_uri', args.redirectUri],
    ['scope', CODEX_SCOPE],
    ['code_challenge', args.codeChallenge],
    ['code_challenge_method', 'S256'],
    ['id_token_add_organizations', 'true'],
    ['codex_cli_simplified_flow', 'true'],
    ['state', args.state],
    ['originator', CODEX_ORIGINATOR_PARAM],
  ]);
  return `${issuerUrl(args.options, '/oauth/authorize')}?${params.toString()}`;
}

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().min(1).optional(),
  expires_in: z.number().optional().catch(undefined),
});
type TokenResponse = z.infer<typeof tokenResponseSchema>;

const errorBodySchema = z.looseObject({
  error: z
    .union([z.string(), z.looseObject({ code: z.string().optional(), message: z.string().optional() })])
    .optional(),
  error_description: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** The error code and a human detail from an OAuth error body (research §1.4, §2.3). Never token values. */
export function readOAuthError(text: string): { code?: string; detail?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return {};
  const body = parsed.data;
  const code = typeof body.error === 'string' ? body.error : (body.error?.code ?? body.code);
  const detail =
    body.error_description ??
    (typeof body.error === 'object' ? body.error.message : undefined) ??
    body.message ??
    code;
  return { code: code?.toLowerCase(), detail: detail?.slice(0, 300) };
}

async function post(
  args: OAuthClientArgs,
  path: string,
  body: { form: Record<string, string> } | { json: Record<string, unknown> },
  signal: AbortSignal | undefined,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<{ status: number; text: string }> {
  const url = issuerUrl(args.options, path);
  const isForm = 'form' in body;
  // provider-kit's client: its timeout per attempt, and no retry (a POST here is never retried: an
  // authorization code and a refresh token are single-use). Statuses are read, not thrown.
  const http = createHttpClient({ fetch: args.fetch, timeoutMs, retries: 0 });
  try {
    const res = await http.post(url, {
      headers: {
        'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
        accept: 'application/json',
        originator: CODEX_ORIGINATOR_PARAM,
      },
      body: isForm ? new URLSearchParams(body.form).toString() : JSON.stringify(body.json),
      throwHttpErrors: false,
      ...(signal ? { signal } : {}),
    });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    if (signal?.aborted) throw new CcsError('CANCELLED', 'The operation was cancelled.');
    const timedOut = (error as { name?: unknown } | undefined)?.name === 'TimeoutError';
    throw new CcsError(
      timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
      timedOut
        ? `The sign-in server ${new URL(url).host} did not answer within ${Math.round(timeoutMs / 1000)} s.`
        : `Could not reach the sign-in server ${new URL(url).host}.`,
      {
        suggestion: 'Check your network connection (and proxy settings), then try again.',
        // Only the host: the request URL and the ky error carry no secret here, but a cause is
        // printed with --verbose and a timeout's message quotes the full URL.
        details: { host: new URL(url).host },
        ...(timedOut ? {} : { cause: error }),
      },
    );
  }
}

function parseTokens(text: string): TokenResponse | undefined {
  try {
    const parsed = tokenResponseSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function expiryOf(accessToken: string, expiresIn: number | undefined, now: Date): Date | undefined {
  return (
    accessTokenExpiry(accessToken) ?? (expiresIn ? new Date(now.getTime() + expiresIn * 1000) : undefined)
  );
}

/** Exchanges an authorization code (form-encoded, PKCE) for a token set. */
export async function exchangeCodexCode(
  args: OAuthClientArgs & { code: string; redirectUri: string; codeVerifier: string; signal?: AbortSignal },
): Promise<CodexTokenSet> {
  const res = await post(
    args,
    '/oauth/token',
    {
      form: {
        grant_type: 'authorization_code',
        code: args.code,
        redirect_uri: args.redirectUri,
        client_id: CODEX_CLIENT_ID,
        code_verifier: args.codeVerifier,
      },
    },
    args.signal,
  );
  const tokens = res.status >= 200 && res.status < 300 ? parseTokens(res.text) : undefined;
  if (!tokens?.access_token || !tokens.refresh_token || !tokens.id_token) {
    const { detail } = readOAuthError(res.text);
    throw new CcsError(
      'LOGIN_FAILED',
      res.status >= 200 && res.status < 300
        ? 'Token exchange failed: the sign-in server returned an incomplete token set.'
        : `Token exchange failed: the sign-in server answered ${res.status}${detail ? ` (${detail})` : ''}.`,
      { details: { status: res.status } },
    );
  }
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token,
    expiresAt: expiryOf(tokens.access_token, tokens.expires_in, new Date()),
    identity: readCodexIdentity(tokens.id_token),
  };
}

export interface RefreshedTokens {
  accessToken?: string;
  refreshToken?: string;
  idToken?: string;
  expiresAt?: Date;
}

const PERMANENT_REFRESH_CODES = new Set([
  'refresh_token_expired',
  'refresh_token_reused',
  'refresh_token_invalidated',
]);
const PERMANENT_MESSAGES: Record<string, string> = {
  refresh_token_expired: 'Your Codex sign-in has expired',
  refresh_token_reused: 'Your Codex sign-in was used elsewhere and is no longer valid (refresh token reused)',
  refresh_token_invalidated: 'Your Codex sign-in was revoked',
};

/**
 * Refreshes with a JSON body (research §2.1). Permanent failures (401 or the refresh_token_* codes) throw
 * AUTH_REFRESH_FAILED with `details.permanent = true`; anything else is retryable UPSTREAM_ERROR.
 */
export async function refreshCodexTokens(
  args: OAuthClientArgs & { refreshToken: string; signal?: AbortSignal; accountLabel?: string },
): Promise<RefreshedTokens> {
  const res = await post(
    args,
    '/oauth/token',
    { json: { client_id: CODEX_CLIENT_ID, grant_type: 'refresh_token', refresh_token: args.refreshToken } },
    args.signal,
  );
  if (res.status >= 200 && res.status < 300) {
    const tokens = parseTokens(res.text);
    if (tokens?.access_token) {
      return {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        idToken: tokens.id_token,
        expiresAt: expiryOf(tokens.access_token, tokens.expires_in, new Date()),
      };
    }
  }
  const { code, detail } = readOAuthError(res.text);
  const label = args.accountLabel ? ` for ${args.accountLabel}` : '';
  if (res.status === 401 || (code && PERMANENT_REFRESH_CODES.has(code))) {
    const base = (code && PERMANENT_MESSAGES[code]) ?? 'Your Codex sign-in could not be refreshed';
    throw new CcsError('AUTH_REFRESH_FAILED', `${base}${label}.`, {
      details: { providerId: CODEX_PROVIDER_ID, permanent: true, reason: code ?? `status_${res.status}` },
    });
  }
  throw new CcsError(
    'UPSTREAM_ERROR',
    `Refreshing the Codex sign-in${label} failed: the sign-in server answered ${res.status}${detail ? ` (${detail})` : ''}.`,
    { suggestion: 'This is usually temporary; try again in a moment.', details: { status: res.status } },
  );
}

/** Best-effort revocation (research §1.7): true when the server accepted it. Never throws. */
export async function revokeCodexToken(
  args: OAuthClientArgs & { refreshToken?: string; accessToken?: string; signal?: AbortSignal },
): Promise<boolean> {
  const body: Record<string, unknown> | undefined = args.refreshToken
    ? { token: args.refreshToken, token_type_hint: 'refresh_token', client_id: CODEX_CLIENT_ID }
    : args.accessToken
      ? { token: args.accessToken, token_type_hint: 'access_token' }
      : undefined;
  if (!body) return false;
  try {
    const res = await post(args, '/oauth/revoke', { json: body }, args.signal, REVOKE_TIMEOUT_MS);
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}

export { post as postToCodexIssuer };
