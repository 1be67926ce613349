import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { CcsError } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { parseIntervalSeconds, pollDeviceCode } from './device-code-poller.js';
import { startCallbackServer } from './loopback-callback-server.js';
import { readPastedRedirectUrl } from './pasted-redirect.js';
import { createPkcePair, randomState } from './pkce.js';
import { parseRedirectUrl } from './redirect-params.js';

const get = async (url: string) => {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text() };
};

describe('PKCE and state', () => {
  it('makes an 86-character verifier whose S256 challenge matches, different every time', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.verifier).not.toBe(b.verifier);
    expect(randomState()).not.toBe(randomState());
    expect(randomState()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('parseRedirectUrl', () => {
  it.each([
    ['http://localhost:1455/auth/callback?code=c1&state=s1', 'c1', 's1'],
    ['localhost:1455/auth/callback?code=c1&state=s1', 'c1', 's1'],
    ['  "http://localhost:1455/auth/callback?state=s1&code=c1"  ', 'c1', 's1'],
    ['?code=c1&state=s1', 'c1', 's1'],
    ['code=c1&state=s1', 'c1', 's1'],
    ['http://localhost:1455/auth/callback#code=c1&state=s1', 'c1', 's1'],
  ])('reads %s', (text, code, state) => {
    expect(parseRedirectUrl(text)).toMatchObject({ code, state });
  });

  it('reads errors and refuses text without code or error', () => {
    expect(parseRedirectUrl('http://x/cb?error=access_denied&error_description=no&state=s')).toMatchObject({
      error: 'access_denied',
      errorDescription: 'no',
    });
    expect(parseRedirectUrl('hello world')).toBeUndefined();
    expect(parseRedirectUrl('http://localhost:1455/auth/callback')).toBeUndefined();
  });
});

describe('startCallbackServer', () => {
  it('refuses a wrong or missing state with 400 and keeps waiting for the right one', async () => {
    const server = await startCallbackServer({ ports: [0], expectedState: 'good', timeoutMs: 5_000 });
    try {
      const base = `http://127.0.0.1:${server.port}/auth/callback`;
      expect(server.redirectUri).toBe(`http://localhost:${server.port}/auth/callback`);
      expect((await get(`${base}?code=c&state=bad`)).status).toBe(400);
      expect((await get(`${base}?code=c`)).status).toBe(400);
      // an error without the right state cannot end the login either
      expect((await get(`${base}?error=access_denied`)).status).toBe(400);
      expect((await get(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
      const browser = get(`${base}?code=the-code&state=good`);
      await expect(server.result).resolves.toEqual({ code: 'the-code', state: 'good' });
      server.finish({ ok: true });
      const page = await browser;
      expect(page.status).toBe(200);
      expect(page.text).toContain('Signed in');
      expect(page.text).not.toContain('the-code');
    } finally {
      await server.close();
    }
  });

  it('ends with LOGIN_FAILED and an escaped error page on access_denied with the right state', async () => {
    const server = await startCallbackServer({ ports: [0], expectedState: 's', timeoutMs: 5_000 });
    try {
      const page = await get(
        `http://127.0.0.1:${server.port}/auth/callback?state=s&error=access_denied&error_description=${encodeURIComponent('<b>nope</b>')}`,
      );
      expect(page.text).toContain('&lt;b&gt;nope&lt;/b&gt;');
      await expect(server.result).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    } finally {
      await server.close();
    }
  });

  it('falls back to the next port and never disturbs the program holding the first', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    const busy = (holder.address() as { port: number }).port;
    const server = await startCallbackServer({
      ports: [busy, 0],
      expectedState: 's',
      bindAttempts: 2,
      bindRetryMs: 10,
    });
    try {
      expect(server.port).not.toBe(busy);
      expect(holder.listening).toBe(true);
    } finally {
      await server.close();
    }
    await expect(
      startCallbackServer({ ports: [busy], expectedState: 's', bindAttempts: 2, bindRetryMs: 10 }),
    ).rejects.toThrow(/in use by another program/);
    expect(holder.listening).toBe(true);
    holder.close();
  });

  it('times out, and aborts with CANCELLED', async () => {
    const timed = await startCallbackServer({ ports: [0], expectedState: 's', timeoutMs: 50 });
    await expect(timed.result).rejects.toMatchObject({ code: 'LOGIN_TIMEOUT' });
    await timed.close();
    const controller = new AbortController();
    const aborted = await startCallbackServer({ ports: [0], expectedState: 's', signal: controller.signal });
    controller.abort();
    await expect(aborted.result).rejects.toMatchObject({ code: 'CANCELLED' });
    await aborted.close();
  });

  it('accepts a pasted URL through submit with the same state check', async () => {
    const server = await startCallbackServer({ ports: [0], expectedState: 's', timeoutMs: 5_000 });
    try {
      const input = new PassThrough();
      const rejected: string[] = [];
      const pasted = readPastedRedirectUrl(input, {
        accept: (params) => {
          const verdict = server.submit(params);
          return verdict.accepted ? undefined : verdict.reason;
        },
        onRejected: (reason) => rejected.push(reason),
      });
      input.write('not a url\n');
      input.write('http://localhost:1455/auth/callback?code=c&state=wrong\n');
      input.write('http://localhost:1455/auth/callback?code=c2&state=s\n');
      await expect(pasted).resolves.toMatchObject({ code: 'c2' });
      await expect(server.result).resolves.toEqual({ code: 'c2', state: 's' });
      expect(rejected).toHaveLength(2);
      expect(rejected.join(' ')).not.toContain('wrong');
    } finally {
      await server.close();
    }
  });

  it('readPastedRedirectUrl resolves undefined when the input ends', async () => {
    const input = new PassThrough();
    const pasted = readPastedRedirectUrl(input);
    input.end();
    await expect(pasted).resolves.toBeUndefined();
  });
});

describe('pollDeviceCode', () => {
  it('polls until done, at no less than the minimum interval', async () => {
    let polls = 0;
    const started = Date.now();
    const value = await pollDeviceCode({
      intervalMs: 0,
      minIntervalMs: 30,
      poll: async () => (++polls < 3 ? { status: 'pending' } : { status: 'done', value: 'ok' }),
    });
    expect(value).toBe('ok');
    expect(polls).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(85);
  });

  it('gives up at the time limit and on abort', async () => {
    await expect(
      pollDeviceCode({ minIntervalMs: 10, timeoutMs: 60, poll: async () => ({ status: 'pending' }) }),
    ).rejects.toMatchObject({ code: 'LOGIN_TIMEOUT' });
    const controller = new AbortController();
    const polling = pollDeviceCode({
      minIntervalMs: 10,
      signal: controller.signal,
      poll: async () => ({ status: 'pending' }),
    });
    setTimeout(() => controller.abort(), 30);
    await expect(polling).rejects.toBeInstanceOf(CcsError);
  });

  it('defaults the minimum interval to 5 s and reads string intervals', async () => {
    expect(parseIntervalSeconds('5')).toBe(5);
    expect(parseIntervalSeconds(3)).toBe(3);
    expect(parseIntervalSeconds('soon')).toBeUndefined();
    let polled = false;
    const controller = new AbortController();
    const polling = pollDeviceCode({
      intervalMs: 0,
      signal: controller.signal,
      poll: async () => {
        polled = true;
        return { status: 'pending' };
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    await polling.catch(() => {});
    expect(polled).toBe(false);
  });
});
