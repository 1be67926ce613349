import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwtPayload, type Emulator, startEmulator } from '../src/index.js';
import { authorize, CLIENT_ID, exchangeCode, REDIRECT, refresh, signIn } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'john@example.com', plan: 'plus', accessTokenTtlSeconds: 1200 });
});

async function codeAndVerifier() {
  const { location, verifier } = await authorize(emu);
  return { code: new URL(location!).searchParams.get('code')!, verifier };
}

describe('POST /oauth/token authorization_code', () => {
  it('returns id, access and refresh tokens with the account claims and expires_in', async () => {
    const t = await signIn(emu);
    expect(t.expires_in).toBe(1200);
    expect(t.refresh_token).toMatch(/^rt_/);
    const id = decodeJwtPayload(t.id_token);
    expect(id.email).toBe('john@example.com');
    expect(typeof id.exp).toBe('number');
    expect(typeof id.iat).toBe('number');
    const access = decodeJwtPayload(t.access_token);
    expect((access.exp as number) - (access.iat as number)).toBe(1200);
    expect(access['https://api.openai.com/auth']).toMatchObject({ chatgpt_plan_type: 'plus' });
    // Well-formed JWTs: three base64url parts.
    expect(t.access_token.split('.')).toHaveLength(3);
  });

  it('refuses a JSON-encoded code exchange', async () => {
    const { code, verifier } = await codeAndVerifier();
    const res = await fetch(`${emu.issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a wrong PKCE verifier', async () => {
    const { code } = await codeAndVerifier();
    const res = await exchangeCode(emu, { code, redirect_uri: REDIRECT, code_verifier: 'x'.repeat(86) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a redirect_uri different from the authorize request', async () => {
    const { code, verifier } = await codeAndVerifier();
    const res = await exchangeCode(emu, {
      code,
      redirect_uri: 'http://localhost:1457/auth/callback',
      code_verifier: verifier,
    });
    expect(res.status).toBe(400);
  });

  it('uses codes once', async () => {
    const { code, verifier } = await codeAndVerifier();
    expect((await exchangeCode(emu, { code, redirect_uri: REDIRECT, code_verifier: verifier })).status).toBe(
      200,
    );
    const again = await exchangeCode(emu, { code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error_description: string }).error_description).toMatch(
      /already been used/,
    );
  });

  it('refuses a wrong client_id and missing fields', async () => {
    const { code, verifier } = await codeAndVerifier();
    expect(
      (await exchangeCode(emu, { client_id: 'app_x', code, redirect_uri: REDIRECT, code_verifier: verifier }))
        .status,
    ).toBe(401);
    expect((await exchangeCode(emu, { code, redirect_uri: REDIRECT })).status).toBe(400);
  });

  it('expires codes', async () => {
    const short = await startEmulator({ authCodeTtlSeconds: 0 });
    try {
      const { location, verifier } = await authorize(short);
      const code = new URL(location!).searchParams.get('code')!;
      const res = await exchangeCode(short, { code, redirect_uri: REDIRECT, code_verifier: verifier });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error_description: string }).error_description).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });

  it('counts code exchanges', async () => {
    await signIn(emu);
    expect(emu.control.counters().codeExchanges).toBe(1);
  });
});

describe('POST /oauth/token refresh_token', () => {
  it('rotates: returns new tokens and the old refresh token is then reused', async () => {
    const t = await signIn(emu);
    const r1 = await refresh(emu, t.refresh_token);
    expect(r1.status).toBe(200);
    const n = (await r1.json()) as { refresh_token: string; access_token: string; id_token: string };
    expect(n.refresh_token).not.toBe(t.refresh_token);
    expect(n.access_token).not.toBe(t.access_token);
    const reuse = await refresh(emu, t.refresh_token);
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toMatchObject({ error: { code: 'refresh_token_reused' } });
    expect((await refresh(emu, n.refresh_token)).status).toBe(200);
    expect(emu.control.counters().tokenRefreshes).toBe(3);
  });

  it('carries a changed plan in the refreshed id token', async () => {
    const t = await signIn(emu);
    emu.control.setPlan('john@example.com', 'pro');
    const n = (await (await refresh(emu, t.refresh_token)).json()) as { id_token: string };
    expect(decodeJwtPayload(n.id_token)['https://api.openai.com/auth']).toMatchObject({
      chatgpt_plan_type: 'pro',
    });
  });

  it.each([
    ['expired', 'refresh_token_expired'],
    ['invalidated', 'refresh_token_invalidated'],
  ] as const)('answers %s refresh tokens with %s', async (reason, code) => {
    const t = await signIn(emu);
    emu.control.invalidateRefreshTokens('john@example.com', reason);
    const res = await refresh(emu, t.refresh_token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it('expires refresh tokens after refreshTokenTtlSeconds', async () => {
    emu.control.addAccount({ email: 'short@example.com', plan: 'plus', refreshTokenTtlSeconds: 0 });
    const t = emu.control.issueTokens('short@example.com');
    const res = await refresh(emu, t.refreshToken);
    expect(await res.json()).toMatchObject({ error: { code: 'refresh_token_expired' } });
  });

  it('also accepts the form-encoded refresh other clients send, but not an unknown grant', async () => {
    const t = await signIn(emu);
    const form = await fetch(`${emu.issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        grant_type: 'refresh_token',
        refresh_token: t.refresh_token,
      }),
    });
    expect(form.status).toBe(200);
    const bad = await fetch(`${emu.issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: CLIENT_ID, grant_type: 'password' }),
    });
    expect(await bad.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('rejects unknown refresh tokens and a wrong client id', async () => {
    expect((await refresh(emu, 'rt_nope')).status).toBe(401);
    const t = await signIn(emu);
    const res = await fetch(`${emu.issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'app_other',
        grant_type: 'refresh_token',
        refresh_token: t.refresh_token,
      }),
    });
    expect(res.status).toBe(401);
  });
});

describe('POST /oauth/revoke', () => {
  const revoke = (body: object) =>
    fetch(`${emu.issuer}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records the revocation and the refresh token stops working', async () => {
    const t = await signIn(emu);
    const res = await revoke({
      token: t.refresh_token,
      token_type_hint: 'refresh_token',
      client_id: CLIENT_ID,
    });
    expect(res.status).toBe(200);
    expect(emu.control.counters().revocations).toBe(1);
    const after = await refresh(emu, t.refresh_token);
    expect(await after.json()).toMatchObject({ error: { code: 'refresh_token_invalidated' } });
  });

  it('revokes access tokens too, and rejects a body without a token', async () => {
    const t = await signIn(emu);
    expect((await revoke({ token: t.access_token, token_type_hint: 'access_token' })).status).toBe(200);
    const acct = emu.control.accounts()[0]!;
    const res = await fetch(`${emu.baseUrl}/wham/usage`, {
      headers: { authorization: `Bearer ${t.access_token}`, 'chatgpt-account-id': acct.chatgptAccountId },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'token_invalidated' } });
    expect((await revoke({})).status).toBe(400);
  });
});

describe('token-exchange for an API key', () => {
  it('answers with a key for a valid id_token', async () => {
    const t = await signIn(emu);
    const res = await fetch(`${emu.issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        client_id: CLIENT_ID,
        requested_token: 'openai-api-key',
        subject_token: t.id_token,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { access_token: string }).access_token).toMatch(/^sk-/);
  });
});
