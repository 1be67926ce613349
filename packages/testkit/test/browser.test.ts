import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { authorizeUrl, exchangeCode } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

describe('visitAuthorizeUrl', () => {
  it('plays the browser: authorize, then the redirect to the client callback, which can exchange the code', async () => {
    emu.control.addAccount({ email: 'web@example.com', plan: 'plus' });
    let verifier = '';
    let redirectUri = '';
    // A stand-in for a client's loopback callback server.
    const callback = createServer(async (req, res) => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      const code = url.searchParams.get('code')!;
      const r = await exchangeCode(emu, { code, redirect_uri: redirectUri, code_verifier: verifier });
      res.writeHead(r.status === 200 ? 200 : 500).end(r.status === 200 ? 'Signed in' : 'failed');
    });
    await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
    try {
      const port = (callback.address() as AddressInfo).port;
      redirectUri = `http://localhost:${port}/auth/callback`;
      const built = authorizeUrl(emu, { redirect_uri: redirectUri });
      verifier = built.verifier;
      const visit = await emu.control.visitAuthorizeUrl(built.url);
      expect(visit.authorizeStatus).toBe(302);
      expect(visit.location).toContain(`localhost:${port}/auth/callback?code=`);
      expect(visit.callbackStatus).toBe(200);
      expect(visit.callbackBody).toBe('Signed in');
      expect(emu.control.counters().codeExchanges).toBe(1);
    } finally {
      await new Promise((r) => callback.close(r));
    }
  });

  it('stops at a 400 page for a bad request and does not follow anything', async () => {
    const visit = await emu.control.visitAuthorizeUrl(`${emu.issuer}/oauth/authorize?client_id=nope`);
    expect(visit).toMatchObject({ authorizeStatus: 400, location: undefined, callbackStatus: undefined });
  });
});

describe('waitForRequests', () => {
  it('resolves when the request arrives and rejects after the timeout', async () => {
    const waiting = emu.control.waitForRequests({ path: '/oauth/token', timeoutMs: 2000 });
    setTimeout(() => void fetch(`${emu.issuer}/oauth/token`, { method: 'POST' }), 20);
    const [req] = await waiting;
    expect(req!.status).toBe(400);
    await expect(emu.control.waitForRequests({ path: '/oauth/revoke', timeoutMs: 50 })).rejects.toThrow(
      /within 50 ms/,
    );
  });
});
