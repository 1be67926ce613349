import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwtPayload, type Emulator, startEmulator } from '../src/index.js';
import { CLIENT_ID, exchangeCode } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ deviceIntervalSeconds: 1 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'dev@example.com', plan: 'team' });
});

const post = (path: string, body: unknown) =>
  fetch(`${emu.issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface UserCode {
  device_auth_id: string;
  user_code: string;
  interval: unknown;
}
const userCode = async () =>
  (await (await post('/api/accounts/deviceauth/usercode', { client_id: CLIENT_ID })).json()) as UserCode;
const poll = (c: UserCode) =>
  post('/api/accounts/deviceauth/token', { device_auth_id: c.device_auth_id, user_code: c.user_code });

describe('device-code login', () => {
  it('gives a user code with the interval as a string (configurable)', async () => {
    const c = await userCode();
    expect(c.device_auth_id).toBeTruthy();
    expect(c.user_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(c.interval).toBe('1');
    const dflt = await startEmulator();
    try {
      const r = await fetch(`${dflt.issuer}/api/accounts/deviceauth/usercode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: CLIENT_ID }),
      });
      expect(((await r.json()) as UserCode).interval).toBe('5');
    } finally {
      await dflt.close();
    }
  });

  it('is pending (403) until approved, then returns a code that exchanges with the server verifier', async () => {
    emu.control.setDeviceBehavior({ email: 'dev@example.com', approveAfterPolls: 2 });
    const c = await userCode();
    for (let i = 0; i < 2; i++) {
      const pending = await poll(c);
      expect(pending.status).toBe(403);
      expect(await pending.json()).toMatchObject({ error: { code: 'deviceauth_authorization_pending' } });
    }
    const ok = await poll(c);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      authorization_code: string;
      code_verifier: string;
      code_challenge: string;
    };
    expect(body.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The browser redirect URI is refused for a device code; the device callback works.
    const wrong = await exchangeCode(emu, {
      code: body.authorization_code,
      redirect_uri: 'http://localhost:1455/auth/callback',
      code_verifier: body.code_verifier,
    });
    expect(wrong.status).toBe(400);
    const c2 = await userCode();
    await poll(c2);
    await poll(c2);
    const ok2 = (await (await poll(c2)).json()) as typeof body;
    const res = await exchangeCode(emu, {
      code: ok2.authorization_code,
      redirect_uri: `${emu.issuer}/deviceauth/callback`,
      code_verifier: ok2.code_verifier,
    });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as { id_token: string };
    expect(decodeJwtPayload(tokens.id_token).email).toBe('dev@example.com');
    expect(emu.control.counters().devicePolls).toBe(6);
  });

  it('approves after one pending poll by default', async () => {
    const c = await userCode();
    expect((await poll(c)).status).toBe(403);
    expect((await poll(c)).status).toBe(200);
    // A redeemed device code is gone.
    expect((await poll(c)).status).toBe(404);
  });

  it('stays pending forever with { never: true }', async () => {
    emu.control.setDeviceBehavior({ never: true });
    const c = await userCode();
    for (let i = 0; i < 5; i++) expect((await poll(c)).status).toBe(403);
  });

  it('answers 404 when device login is disabled, globally or for the account', async () => {
    emu.control.setDeviceBehavior({ disabled: true });
    expect((await post('/api/accounts/deviceauth/usercode', { client_id: CLIENT_ID })).status).toBe(404);
    emu.control.addAccount({ email: 'locked@example.com', plan: 'business', deviceAuthEnabled: false });
    emu.control.setDeviceBehavior({ email: 'locked@example.com' });
    expect((await post('/api/accounts/deviceauth/usercode', { client_id: CLIENT_ID })).status).toBe(404);
  });

  it('rejects a wrong client id and a wrong user code', async () => {
    expect((await post('/api/accounts/deviceauth/usercode', { client_id: 'app_x' })).status).toBe(400);
    const c = await userCode();
    expect((await poll({ ...c, user_code: 'AAAA-BBBB' })).status).toBe(404);
  });

  it('expires device codes', async () => {
    const short = await startEmulator({ deviceCodeTtlSeconds: 0 });
    try {
      const r = await fetch(`${short.issuer}/api/accounts/deviceauth/usercode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: CLIENT_ID }),
      });
      const c = (await r.json()) as UserCode;
      const p = await fetch(`${short.issuer}/api/accounts/deviceauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ device_auth_id: c.device_auth_id, user_code: c.user_code }),
      });
      expect(p.status).toBe(410);
    } finally {
      await short.close();
    }
  });
});

describe('verification page', () => {
  it('serves {issuer}/codex/device', async () => {
    const res = await fetch(`${emu.issuer}/codex/device`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('device code');
  });
});
