import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { CcsError } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from './create-http-client.js';
import { parseRetryAfterSeconds, toUpstreamError } from './to-upstream-error.js';

const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const url = 'https://chatgpt.com/backend-api/codex/responses';

describe('toUpstreamError', () => {
  it.each([
    [401, 'AUTH_FAILED'],
    [403, 'PERMISSION_DENIED'],
    [404, 'NOT_FOUND'],
    [408, 'TIMEOUT'],
    [504, 'TIMEOUT'],
    [429, 'RATE_LIMITED'],
    [500, 'UPSTREAM_ERROR'],
    [502, 'UPSTREAM_ERROR'],
    [503, 'UPSTREAM_ERROR'],
    [529, 'UPSTREAM_OVERLOADED'],
    [400, 'INVALID_REQUEST'],
    [422, 'INVALID_REQUEST'],
  ])('maps HTTP %i to %s', async (status, code) => {
    const error = await toUpstreamError(new Response('x', { status }), { url });
    expect(CcsError.isInstance(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ status, host: 'chatgpt.com' });
    expect(error.suggestion).toBeTruthy();
  });

  it('parses retry-after on 429 (seconds, HTTP date, retry-after-ms)', async () => {
    const a = await toUpstreamError(new Response('', { status: 429, headers: { 'retry-after': '17' } }));
    expect(a.retryAfterSeconds).toBe(17);
    expect(a.retryable).toBe(true);
    const b = await toUpstreamError(new Response('', { status: 429, headers: { 'retry-after-ms': '1500' } }));
    expect(b.retryAfterSeconds).toBe(2);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterSeconds(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:01:00 GMT' }), now)).toBe(
      60,
    );
    expect(parseRetryAfterSeconds(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterSeconds(new Headers())).toBeUndefined();
  });

  it('puts the upstream message in the sentence and a redacted, bounded excerpt in details', async () => {
    const body = {
      error: {
        code: 'refresh_token_reused',
        message: 'Token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln was already used',
      },
      refresh_token: 'rt_SUPERSECRET123',
      pad: 'y'.repeat(10_000),
    };
    const error = await toUpstreamError(jsonResponse(400, body, { 'x-request-id': 'req_123' }), { url });
    expect(error.message).toBe('chatgpt.com answered HTTP 400: Token [REDACTED] was already used.');
    const json = JSON.stringify(error.toJSON());
    expect(json).not.toContain('SUPERSECRET');
    expect(json).not.toContain('eyJzdWIi');
    expect(error.details).toMatchObject({ upstreamCode: 'refresh_token_reused', requestId: 'req_123' });
    expect(String(error.details?.body).length).toBeLessThanOrEqual(500);
  });

  it('still finds the upstream message when the body is too long to parse whole', async () => {
    const body = {
      error: { message: 'Unsupported parameter: reasoning', code: 'bad_param' },
      pad: 'y'.repeat(30_000),
    };
    const error = await toUpstreamError(jsonResponse(400, body), { url });
    expect(error.message).toBe('chatgpt.com answered HTTP 400: Unsupported parameter: reasoning.');
    expect(error.details).toMatchObject({ upstreamCode: 'bad_param' });
  });

  it('reads only the beginning of a huge or stalled body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled === 1) controller.enqueue(new TextEncoder().encode('{"error":"server_error"'));
        // afterwards: never sends more, never closes
      },
    });
    const started = Date.now();
    const error = await toUpstreamError(new Response(body, { status: 500 }), {
      service: 'the ChatGPT backend',
    });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error.message).toBe('the ChatGPT backend answered HTTP 500.');
    expect(error.details?.body).toBe('{"error":"server_error"');
  });

  it('unwraps ky HTTPErrors and names the host of the request', async () => {
    const fetch = async () => jsonResponse(403, { error: { message: 'Workspace not allowed' } });
    const failure = await createHttpClient({ fetch })
      .get('https://api.example.test/v1/models?api_key=SECRETKEY1')
      .catch((e: unknown) => e);
    const error = await toUpstreamError(failure);
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toBe('api.example.test answered HTTP 403: Workspace not allowed.');
    expect(JSON.stringify(error.toJSON())).not.toContain('SECRETKEY1');
  });

  it('maps a real connection refusal to NETWORK_ERROR naming the host only', async () => {
    // Grab a free port, then close it so nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const target = `http://127.0.0.1:${port}/oauth/token?code=AUTHCODE123`;
    const failure = await createHttpClient({ retries: 0 })
      .get(target)
      .catch((e: unknown) => e);
    const error = await toUpstreamError(failure, { url: target });
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe(`Could not reach 127.0.0.1:${port} (connection refused).`);
    expect(error.details).toEqual({ host: `127.0.0.1:${port}`, errno: 'ECONNREFUSED' });
    expect(JSON.stringify(error.toJSON())).not.toContain('AUTHCODE123');
  });

  it('maps aborts to CANCELLED and passes CcsErrors through', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect((await toUpstreamError(abort, { url })).code).toBe('CANCELLED');
    const original = new CcsError('QUOTA_EXCEEDED', 'Quota used up.');
    expect(await toUpstreamError(original)).toBe(original);
  });
});
