import { type RouteContext, sendJson } from '../server/http.js';
import { type Account, type EmulatorState, nowSeconds } from '../state.js';

/** The body the ChatGPT backend sends for an expired access token (as seen in Codex CLI error reports). */
export const TOKEN_EXPIRED_BODY = {
  error: {
    message: 'Provided authentication token is expired. Please try signing in again.',
    type: null,
    code: 'token_expired',
    param: null,
  },
  status: 401,
};

const unauthorized = (ctx: RouteContext, code: string | null, message: string) =>
  sendJson(ctx, 401, { error: { message, type: 'invalid_request_error', code, param: null }, status: 401 });

/**
 * Checks `Authorization: Bearer <access token>` and `ChatGPT-Account-ID` for a backend route. Answers the error
 * itself and returns undefined when the request may not proceed.
 */
export function authenticateBackend(state: EmulatorState, ctx: RouteContext): Account | undefined {
  const auth = ctx.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) {
    unauthorized(ctx, null, 'Missing bearer authentication in header.');
    return undefined;
  }
  const claims = state.jwt.verify(m[1]!);
  const entry = typeof claims?.jti === 'string' ? state.accessTokens.get(claims.jti) : undefined;
  if (!entry) {
    unauthorized(
      ctx,
      'invalid_token',
      'Could not parse your authentication token. Please try signing in again.',
    );
    return undefined;
  }
  if (entry.revoked) {
    unauthorized(
      ctx,
      'token_invalidated',
      'Your authentication token has been invalidated. Please try signing in again.',
    );
    return undefined;
  }
  if (entry.forcedExpired || entry.exp <= nowSeconds()) {
    sendJson(ctx, 401, TOKEN_EXPIRED_BODY);
    return undefined;
  }
  const account = state.accounts.get(entry.email);
  if (!account) {
    unauthorized(
      ctx,
      'token_invalidated',
      'Your authentication token has been invalidated. Please try signing in again.',
    );
    return undefined;
  }
  const headerAccount = ctx.headers['chatgpt-account-id'];
  if (!headerAccount) {
    sendJson(ctx, 403, { detail: 'Missing ChatGPT-Account-ID header.' });
    return undefined;
  }
  if (headerAccount !== entry.accountId || headerAccount !== account.chatgptAccountId) {
    sendJson(ctx, 403, { detail: 'You do not have access to this workspace.' });
    return undefined;
  }
  return account;
}
