import { contentType, isRecord, parseForm, parseJson, type RouteContext, sendJson } from '../server/http.js';
import { CODEX_CLIENT_ID, type EmulatorState, nowSeconds } from '../state.js';
import { s256 } from './pkce.js';

const oauthError = (ctx: RouteContext, status: number, error: string, description: string) =>
  sendJson(ctx, status, { error, error_description: description });

/** The error shape the refresh grant answers with; the CLI reads `error.code`. */
const refreshError = (ctx: RouteContext, code: string, message: string) =>
  sendJson(ctx, 401, { error: { message, type: 'invalid_request_error', param: null, code } });

function tokenBody(state: EmulatorState, email: string) {
  const t = state.issueTokens(email);
  return {
    id_token: t.idToken,
    access_token: t.accessToken,
    refresh_token: t.refreshToken,
    expires_in: t.expiresIn,
    token_type: 'Bearer',
    scope: 'openid profile email offline_access',
  };
}

/** POST /oauth/token: authorization_code (form only) and refresh_token (JSON, as the CLI sends; form also accepted). */
export function handleToken(state: EmulatorState, ctx: RouteContext) {
  state.counters.tokenRequests++;
  const type = contentType(ctx);
  let body: Record<string, unknown>;
  if (type === 'application/x-www-form-urlencoded') body = parseForm(ctx.rawBody);
  else if (type === 'application/json') {
    const parsed = parseJson(ctx.rawBody);
    if (!isRecord(parsed))
      return oauthError(ctx, 400, 'invalid_request', 'The request body is not valid JSON.');
    body = parsed;
  } else return oauthError(ctx, 400, 'invalid_request', `Unsupported content type: ${type || 'none'}.`);

  const grant = body.grant_type;
  if (grant === 'authorization_code') {
    state.counters.codeExchanges++;
    if (type !== 'application/x-www-form-urlencoded') {
      return oauthError(ctx, 400, 'invalid_request', 'The authorization_code grant must be form-encoded.');
    }
    return exchangeCode(state, ctx, body as Record<string, string>);
  }
  if (grant === 'refresh_token') {
    state.counters.tokenRefreshes++;
    return refresh(state, ctx, body);
  }
  if (grant === 'urn:ietf:params:oauth:grant-type:token-exchange') return exchangeForApiKey(state, ctx, body);
  return oauthError(ctx, 400, 'unsupported_grant_type', `Unsupported grant_type: ${String(grant)}.`);
}

function exchangeCode(state: EmulatorState, ctx: RouteContext, body: Record<string, string>) {
  if (body.client_id !== CODEX_CLIENT_ID) return oauthError(ctx, 401, 'invalid_client', 'Unknown client_id.');
  for (const field of ['code', 'redirect_uri', 'code_verifier']) {
    if (!body[field]) return oauthError(ctx, 400, 'invalid_request', `Missing required parameter: ${field}.`);
  }
  const entry = state.authCodes.get(body.code!);
  if (!entry) return oauthError(ctx, 400, 'invalid_grant', 'The authorization code is invalid.');
  if (entry.used)
    return oauthError(ctx, 400, 'invalid_grant', 'The authorization code has already been used.');
  // Any attempt burns the code, as single-use codes do on real servers.
  entry.used = true;
  if (entry.expiresAt <= nowSeconds())
    return oauthError(ctx, 400, 'invalid_grant', 'The authorization code has expired.');
  if (entry.redirectUri !== body.redirect_uri) {
    return oauthError(ctx, 400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
  }
  if (s256(body.code_verifier!) !== entry.codeChallenge) {
    return oauthError(ctx, 400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
  }
  sendJson(ctx, 200, tokenBody(state, entry.email));
}

function refresh(state: EmulatorState, ctx: RouteContext, body: Record<string, unknown>) {
  if (body.client_id !== CODEX_CLIENT_ID) return oauthError(ctx, 401, 'invalid_client', 'Unknown client_id.');
  const token = body.refresh_token;
  if (typeof token !== 'string' || token === '') {
    return oauthError(ctx, 400, 'invalid_request', 'Missing required parameter: refresh_token.');
  }
  const entry = state.refreshTokens.get(token);
  if (!entry) return refreshError(ctx, 'invalid_grant', 'The refresh token is invalid.');
  if (entry.status === 'active' && entry.expiresAt !== undefined && entry.expiresAt <= nowSeconds()) {
    entry.status = 'expired';
  }
  switch (entry.status) {
    case 'used':
      return refreshError(
        ctx,
        'refresh_token_reused',
        'Your refresh token has already been used to generate a new access token. Please try signing in again.',
      );
    case 'expired':
      return refreshError(
        ctx,
        'refresh_token_expired',
        'Your refresh token has expired. Please try signing in again.',
      );
    case 'revoked':
    case 'invalidated':
      return refreshError(
        ctx,
        'refresh_token_invalidated',
        'Your refresh token has been invalidated. Please try signing in again.',
      );
    case 'active':
      break;
  }
  if (!state.accounts.has(entry.email))
    return refreshError(ctx, 'refresh_token_invalidated', 'Unknown account.');
  entry.status = 'used';
  sendJson(ctx, 200, tokenBody(state, entry.email));
}

/** The browser flow's best-effort id_token → API key exchange. */
function exchangeForApiKey(state: EmulatorState, ctx: RouteContext, body: Record<string, unknown>) {
  if (body.client_id !== CODEX_CLIENT_ID) return oauthError(ctx, 401, 'invalid_client', 'Unknown client_id.');
  const claims = typeof body.subject_token === 'string' ? state.jwt.verify(body.subject_token) : undefined;
  if (!claims || body.requested_token !== 'openai-api-key') {
    return oauthError(ctx, 400, 'invalid_request', 'Invalid token exchange request.');
  }
  sendJson(ctx, 200, {
    access_token: `sk-emulator-${s256(String(claims.sub)).slice(0, 24)}`,
    token_type: 'Bearer',
  });
}
