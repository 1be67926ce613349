import { contentType, isRecord, parseForm, parseJson, type RouteContext, sendJson } from '../server/http.js';
import type { EmulatorState } from '../state.js';

/** POST /oauth/revoke: the CLI sends JSON `{token, token_type_hint, client_id?}`. Unknown tokens succeed (RFC 7009). */
export function handleRevoke(state: EmulatorState, ctx: RouteContext) {
  state.counters.revocations++;
  const body =
    contentType(ctx) === 'application/x-www-form-urlencoded'
      ? parseForm(ctx.rawBody)
      : parseJson(ctx.rawBody);
  if (!isRecord(body) || typeof body.token !== 'string' || body.token === '') {
    return sendJson(ctx, 400, {
      error: 'invalid_request',
      error_description: 'Missing required parameter: token.',
    });
  }
  const refresh = state.refreshTokens.get(body.token);
  if (refresh) refresh.status = 'revoked';
  const claims = state.jwt.verify(body.token);
  const access = typeof claims?.jti === 'string' ? state.accessTokens.get(claims.jti) : undefined;
  if (access) access.revoked = true;
  sendJson(ctx, 200, {});
}
