import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CcsError } from '@ccs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from './create-http-client.js';
import { requestJson } from './request-json.js';

let server: Server;
let base: string;
let flaky = 0;
const bodies: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      if (text) bodies.push(JSON.parse(text));
      const send = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (req.url === '/models') return send(200, '{"models":[{"slug":"m1"}]}');
      if (req.url === '/echo') return send(200, JSON.stringify({ got: bodies.at(-1) }));
      if (req.url === '/flaky') return ++flaky < 2 ? send(503, '{}') : send(200, '{"models":[]}');
      if (req.url === '/html') return send(200, '<html>');
      if (req.url === '/shape') return send(200, '{"models":"nope"}');
      return send(401, '{"error":{"message":"token expired","code":"token_expired"}}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const schema = z.object({ models: z.array(z.object({ slug: z.string() })) });

describe('requestJson', () => {
  it('returns the validated answer, and retries a GET after a 503', async () => {
    const http = createHttpClient();
    expect(await requestJson(http, `${base}/models`, { schema })).toEqual({ models: [{ slug: 'm1' }] });
    expect(await requestJson(http, `${base}/flaky`, { schema })).toEqual({ models: [] });
    expect(flaky).toBe(2);
  });

  it('posts a JSON body', async () => {
    const answer = await requestJson(createHttpClient(), `${base}/echo`, {
      method: 'post',
      json: { a: 1 },
      schema: z.object({ got: z.object({ a: z.number() }) }),
    });
    expect(answer).toEqual({ got: { a: 1 } });
  });

  it('maps an HTTP error to a CcsError with the upstream message', async () => {
    const error = await requestJson(createHttpClient(), `${base}/other`, {
      schema,
      service: 'the backend',
    }).catch((e: unknown) => e);
    expect(CcsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'AUTH_FAILED',
      message: 'the backend answered HTTP 401: token expired.',
    });
  });

  it('names a body that is not JSON or not the expected shape', async () => {
    const http = createHttpClient();
    await expect(requestJson(http, `${base}/html`, { schema })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: `The answer of ${base.slice(7)} is not JSON.`,
    });
    await expect(requestJson(http, `${base}/shape`, { schema })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      details: { path: 'models' },
    });
  });
});
