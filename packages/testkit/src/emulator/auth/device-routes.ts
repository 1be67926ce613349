import { randomInt } from 'node:crypto';
import { isRecord, parseJson, type RouteContext, sendJson } from '../server/http.js';
import { type Account, CODEX_CLIENT_ID, type EmulatorState, nowSeconds, randomToken } from '../state.js';
import { makePkce } from './pkce.js';

const err = (ctx: RouteContext, status: number, code: string, message: string) =>
  sendJson(ctx, status, { error: { message, type: 'invalid_request_error', param: null, code } });

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const userCode = () =>
  Array.from({ length: 8 }, (_, i) => (i === 4 ? '-' : '') + LETTERS[randomInt(LETTERS.length)]).join('');

/** The account device login signs in, or a reason it cannot. */
function deviceAccount(state: EmulatorState): Account | 'disabled' | 'never' {
  const b = state.deviceBehavior;
  if (b && 'disabled' in b) return 'disabled';
  if (b && 'never' in b) return 'never';
  const account = b && 'email' in b ? state.accounts.get(b.email) : state.defaultAccount();
  if (!account?.deviceAuthEnabled) return 'disabled';
  return account;
}

/** POST /api/accounts/deviceauth/usercode `{client_id}` → `{device_auth_id, user_code, interval: "<seconds>"}`. */
export function handleUserCode(state: EmulatorState, ctx: RouteContext) {
  state.counters.deviceCodeRequests++;
  const body = parseJson(ctx.rawBody);
  if (!isRecord(body)) return err(ctx, 400, 'invalid_request', 'The request body is not valid JSON.');
  if (body.client_id !== CODEX_CLIENT_ID) return err(ctx, 400, 'invalid_client', 'Unknown client_id.');
  if (deviceAccount(state) === 'disabled') {
    return err(ctx, 404, 'not_found', 'Device code authorization is not enabled for this account.');
  }
  const session = {
    deviceAuthId: `deviceauth_${randomToken(24)}`,
    userCode: userCode(),
    polls: 0,
    expiresAt: nowSeconds() + state.options.deviceCodeTtlSeconds,
    redeemed: false,
  };
  state.deviceSessions.set(session.deviceAuthId, session);
  sendJson(ctx, 200, {
    device_auth_id: session.deviceAuthId,
    user_code: session.userCode,
    // The real server sends the interval as a string of seconds.
    interval: String(state.options.deviceIntervalSeconds),
    expires_at: new Date(session.expiresAt * 1000).toISOString(),
  });
}

/** POST /api/accounts/deviceauth/token `{device_auth_id, user_code}`: 403 while pending, then the code + PKCE pair. */
export function handleDeviceToken(state: EmulatorState, ctx: RouteContext) {
  state.counters.devicePolls++;
  const body = parseJson(ctx.rawBody);
  if (!isRecord(body)) return err(ctx, 400, 'invalid_request', 'The request body is not valid JSON.');
  const session =
    typeof body.device_auth_id === 'string' ? state.deviceSessions.get(body.device_auth_id) : undefined;
  if (!session || session.userCode !== body.user_code || session.redeemed) {
    return err(ctx, 404, 'deviceauth_not_found', 'Unknown device authorization.');
  }
  if (session.expiresAt <= nowSeconds()) {
    return err(ctx, 410, 'deviceauth_expired', 'The device code has expired. Please start again.');
  }
  session.polls++;
  const account = deviceAccount(state);
  if (account === 'disabled') {
    return err(ctx, 403, 'deviceauth_disabled', 'Device code authorization is not enabled for this account.');
  }
  const b = state.deviceBehavior;
  const approveAfter =
    b && 'approveAfterPolls' in b && b.approveAfterPolls !== undefined ? b.approveAfterPolls : 1;
  if (account === 'never' || session.polls <= approveAfter) {
    return err(ctx, 403, 'deviceauth_authorization_pending', 'The user has not approved the device yet.');
  }
  session.redeemed = true;
  const pkce = makePkce();
  const code = `ac_${randomToken(32)}`;
  state.authCodes.set(code, {
    email: account.email,
    clientId: CODEX_CLIENT_ID,
    redirectUri: `${state.issuer}/deviceauth/callback`,
    codeChallenge: pkce.challenge,
    expiresAt: nowSeconds() + state.options.authCodeTtlSeconds,
    used: false,
  });
  sendJson(ctx, 200, {
    authorization_code: code,
    code_challenge: pkce.challenge,
    code_verifier: pkce.verifier,
  });
}
