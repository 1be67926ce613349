import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { authorize, REDIRECT } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

describe('GET /oauth/authorize', () => {
  it('redirects to the callback with a code and the same state for a valid request', async () => {
    emu.control.addAccount({ email: 'a@example.com', plan: 'pro' });
    const { res, location } = await authorize(emu, { redirect_uri: 'http://localhost:1457/auth/callback' });
    expect(res.status).toBe(302);
    const url = new URL(location!);
    expect(url.origin + url.pathname).toBe('http://localhost:1457/auth/callback');
    expect(url.searchParams.get('code')).toMatch(/^ac_/);
    expect(url.searchParams.get('state')).toBe('st_123');
  });

  it('signs in a default Plus account when the test added none', async () => {
    await authorize(emu);
    expect(emu.control.accounts()).toEqual([
      expect.objectContaining({ email: 'user@example.com', plan: 'plus' }),
    ]);
  });

  it('answers access_denied with the description and state when told to', async () => {
    emu.control.setAuthorizeBehavior({ error: 'access_denied', description: 'missing_codex_entitlement' });
    const { res, location } = await authorize(emu);
    expect(res.status).toBe(302);
    const url = new URL(location!);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('error_description')).toBe('missing_codex_entitlement');
    expect(url.searchParams.get('state')).toBe('st_123');
    expect(url.searchParams.get('code')).toBeNull();
  });

  it('signs in the account chosen by setAuthorizeBehavior', async () => {
    emu.control.addAccount({ email: 'first@example.com', plan: 'plus' });
    emu.control.addAccount({ email: 'second@example.com', plan: 'team' });
    emu.control.setAuthorizeBehavior({ email: 'second@example.com' });
    const { location } = await authorize(emu);
    expect(new URL(location!).searchParams.get('code')).toBeTruthy();
    expect(() => emu.control.setAuthorizeBehavior({ email: 'nobody@example.com' })).toThrow(/no account/);
  });

  it.each([
    ['wrong client_id', { client_id: 'app_other' }],
    ['response_type token', { response_type: 'token' }],
    ['redirect host 127.0.0.1', { redirect_uri: 'http://127.0.0.1:1455/auth/callback' }],
    ['redirect path', { redirect_uri: 'http://localhost:1455/callback' }],
    ['https redirect', { redirect_uri: 'https://localhost:1455/auth/callback' }],
    ['plain challenge method', { code_challenge_method: 'plain' }],
    ['missing challenge', { code_challenge: undefined }],
    ['missing state', { state: undefined }],
    ['scope without offline_access', { scope: 'openid profile email' }],
    ['scope without openid', { scope: 'profile email offline_access' }],
  ])('rejects %s with a 400 page and no redirect', async (_name, over) => {
    const { res } = await authorize(emu, over);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('accepts the legacy scope without the connector scopes', async () => {
    const { res } = await authorize(emu, {
      scope: 'openid profile email offline_access',
      redirect_uri: REDIRECT,
    });
    expect(res.status).toBe(302);
  });
});
