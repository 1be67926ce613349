import { type RouteContext, redirect, sendHtml } from '../server/http.js';
import { CODEX_CLIENT_ID, type EmulatorState, nowSeconds, randomToken } from '../state.js';

/** Validates the redirect URI the way the real allow-list does: the Codex CLI's loopback callback only. */
export function isAllowedRedirect(uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  return (
    u.protocol === 'http:' &&
    u.hostname === 'localhost' &&
    u.port !== '' &&
    u.pathname === '/auth/callback' &&
    u.search === '' &&
    u.hash === ''
  );
}

/** GET /oauth/authorize: a user who is already signed in and consents at once (or declines). */
export function handleAuthorize(state: EmulatorState, ctx: RouteContext) {
  state.counters.authorizes++;
  const q = ctx.query;
  const fail = (message: string) => sendHtml(ctx, 400, 'Invalid request', message);
  if (q.get('client_id') !== CODEX_CLIENT_ID) return fail('Unknown client_id.');
  if (q.get('response_type') !== 'code') return fail('response_type must be code.');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!isAllowedRedirect(redirectUri)) return fail('redirect_uri is not registered for this client.');
  if (q.get('code_challenge_method') !== 'S256') return fail('code_challenge_method must be S256.');
  const challenge = q.get('code_challenge') ?? '';
  // An S256 challenge is base64url(sha256) without padding: exactly 43 characters.
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('code_challenge is missing or malformed.');
  const st = q.get('state');
  if (!st) return fail('state is required.');
  const scopes = (q.get('scope') ?? '').split(/\s+/);
  if (!scopes.includes('openid') || !scopes.includes('offline_access')) {
    return fail('scope must include openid and offline_access.');
  }

  const target = new URL(redirectUri);
  const behavior = state.authorizeBehavior;
  if (behavior && 'error' in behavior) {
    target.searchParams.set('error', behavior.error);
    target.searchParams.set('error_description', behavior.description ?? 'The user denied the request.');
    target.searchParams.set('state', st);
    return redirect(ctx, target.toString());
  }
  const email = behavior?.email ?? state.defaultAccount().email;
  if (!state.accounts.has(email)) return fail(`No account ${email} in the emulator.`);
  const code = `ac_${randomToken(32)}`;
  state.authCodes.set(code, {
    email,
    clientId: CODEX_CLIENT_ID,
    redirectUri,
    codeChallenge: challenge,
    expiresAt: nowSeconds() + state.options.authCodeTtlSeconds,
    used: false,
  });
  target.searchParams.set('code', code);
  target.searchParams.set('scope', q.get('scope') ?? '');
  target.searchParams.set('state', st);
  redirect(ctx, target.toString());
}
