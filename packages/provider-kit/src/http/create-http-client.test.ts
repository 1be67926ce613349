import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from './create-http-client.js';
import { toUpstreamError } from './to-upstream-error.js';

function stubFetch(responses: Array<() => Response | Promise<Response>>) {
  let i = 0;
  return vi.fn(async (input: string | URL | Request, _init?: RequestInit) => {
    // Like a real fetch, consume the request body (ky waits for that before settling).
    if (input instanceof Request) await input.arrayBuffer();
    const next = responses[Math.min(i++, responses.length - 1)]!;
    return next();
  });
}

let server: Server;
let base: string;
const seen: Array<{ method?: string; ua?: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method, ua: req.headers['user-agent'] });
    if (req.url?.startsWith('/slow')) {
      setTimeout(() => res.end('late'), 2_000).unref();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('createHttpClient', () => {
  it('sends the user agent over real loopback HTTP', async () => {
    const http = createHttpClient({ userAgent: 'ccs/1.2.3 (test)' });
    expect(await http.get(`${base}/ok`).json()).toEqual({ ok: true });
    expect(seen.at(-1)).toEqual({ method: 'GET', ua: 'ccs/1.2.3 (test)' });
  });

  it('retries a GET on 5xx up to `retries` times', async () => {
    const fetch = stubFetch([
      () => new Response('down', { status: 503 }),
      () => new Response('down', { status: 502 }),
      () => Response.json({ ok: 1 }),
    ]);
    const http = createHttpClient({ fetch, retries: 2 });
    expect(await http.get('http://upstream.test/x').json()).toEqual({ ok: 1 });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('gives up after `retries` retries', async () => {
    const fetch = stubFetch([() => new Response('down', { status: 500 })]);
    const http = createHttpClient({ fetch, retries: 1 });
    await expect(http.get('http://upstream.test/x')).rejects.toMatchObject({ name: 'HTTPError' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('never retries a POST (token refreshes and model calls are not idempotent)', async () => {
    const fetch = stubFetch([() => new Response('oops', { status: 500 })]);
    const http = createHttpClient({ fetch });
    await expect(http.post('http://upstream.test/oauth/token', { json: {} })).rejects.toThrow();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('never retries a 429 or a 4xx', async () => {
    for (const status of [429, 400, 401]) {
      const fetch = stubFetch([() => new Response('no', { status })]);
      await expect(createHttpClient({ fetch }).get('http://upstream.test/x')).rejects.toThrow();
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });

  it('retries network errors on GET', async () => {
    const fetch = stubFetch([
      () => {
        throw new TypeError('fetch failed');
      },
      () => Response.json({ ok: 2 }),
    ]);
    expect(await createHttpClient({ fetch }).get('http://upstream.test/x').json()).toEqual({ ok: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('times out per attempt, and the error maps to TIMEOUT', async () => {
    const http = createHttpClient({ timeoutMs: 100, retries: 0 });
    const error = await http.get(`${base}/slow?code=SECRET123`).catch((e: unknown) => e);
    const mapped = await toUpstreamError(error);
    expect(mapped.code).toBe('TIMEOUT');
    expect(mapped.message).toBe(`${base.slice(7)} did not answer in time.`);
    expect(JSON.stringify(mapped)).not.toContain('SECRET123');
  });
});

describe('createHttpClient failures with a request body', () => {
  it('settles a POST with a body when the connection is refused (no hang)', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const started = Date.now();
    const error = await createHttpClient({ retries: 0 })
      .post(`http://127.0.0.1:${port}/oauth/token`, { json: { grant_type: 'refresh_token' } })
      .catch((e: unknown) => e);
    expect((await toUpstreamError(error)).code).toBe('NETWORK_ERROR');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
