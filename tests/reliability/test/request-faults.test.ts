import { createServer } from 'node:net';
import type { RunningProxy } from '@ccs/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postStream, startFaultProxy, streamOnce } from './harness/fault-proxy.js';
import { type Fault, type FaultUpstream, startFaultUpstream } from './harness/fault-upstream.js';
import { saveFigures } from './harness/figures.js';

// Faults on the request path, injected by a loopback stand-in for the Codex backend; the proxy runs the
// real Codex transport, SSE decoder and stream mapper. Each must reach the client as a clear Anthropic
// error, in bounded time, without leaking the upstream connection.
const IDLE_MS = 400;
let upstream: FaultUpstream;
let proxy: RunningProxy;
const figures: Array<{ fault: string; status: number; error?: string; message?: string; ms: number }> = [];

beforeAll(async () => {
  upstream = await startFaultUpstream();
  proxy = await startFaultProxy(upstream.url, IDLE_MS);
});
afterAll(async () => {
  await saveFigures('request-faults', figures);
  await proxy?.close();
  await upstream?.close();
});

async function inject(fault: Fault) {
  upstream.faults.push(fault);
  const outcome = await streamOnce(proxy.url);
  figures.push({
    fault,
    status: outcome.status,
    ms: Math.round(outcome.ms),
    ...(outcome.error ? { error: outcome.error.type, message: outcome.error.message } : {}),
  });
  return outcome;
}

describe('upstream faults reach the client as Anthropic errors', () => {
  it('a healthy answer for reference', async () => {
    const outcome = await inject('ok');
    expect(outcome).toMatchObject({ status: 200, text: 'Hello there.' });
    expect(outcome.error).toBeUndefined();
  });

  it('stall before the headers: 504 after the idle timeout, not a hang', async () => {
    const outcome = await inject('stall-before-headers');
    expect(outcome.status).toBe(504);
    expect(outcome.error).toMatchObject({
      type: 'api_error',
      message: expect.stringContaining('sent nothing'),
    });
    expect(outcome.ms).toBeLessThan(IDLE_MS + 3_000);
  });

  it('stall mid-stream: the text so far, then an error event naming the timeout', async () => {
    const outcome = await inject('stall-mid-stream');
    expect(outcome.text).toBe('Hello');
    expect(outcome.error?.message).toContain('sent nothing for 400 ms');
    expect(outcome.ms).toBeLessThan(IDLE_MS + 3_000);
  });

  it('a stream that never ends (keep-alive comments only) times out the same way', async () => {
    const outcome = await inject('ping-forever');
    expect(outcome.text).toBe('Hello');
    expect(outcome.error?.message).toContain('sent nothing for 400 ms');
    expect(outcome.ms).toBeLessThan(IDLE_MS + 3_000);
  });

  it('a reset mid-stream: an error event saying the stream ended early', async () => {
    const outcome = await inject('reset-mid-stream');
    expect(outcome.text).toBe('Hello');
    expect(outcome.error?.message).toMatch(/ended before the response was complete/);
  });

  it('malformed events are skipped; the missing completion is reported', async () => {
    const outcome = await inject('malformed-events');
    expect(outcome.text).toBe('Hello');
    expect(outcome.error?.message).toMatch(/ended before the response was complete/);
  });

  it('an oversized event is refused instead of buffered', async () => {
    const before = process.memoryUsage().rss;
    const outcome = await inject('oversized-event');
    expect(outcome.text).toBe('Hello');
    expect(outcome.error?.message).toMatch(/larger than 16 MiB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('the client side', () => {
  it('a client that stops reading holds the upstream back (back-pressure), memory stays bounded', async () => {
    upstream.faults.push('flood');
    const before = process.memoryUsage().rss;
    const controller = new AbortController();
    const res = await postStream(proxy.url, 'flood me', controller.signal);
    const reader = res.body!.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 1_500)); // the client reads nothing
    const sentWhileStalled = upstream.floodBytes;
    await new Promise((r) => setTimeout(r, 500));
    const grewAfterStall = upstream.floodBytes - sentWhileStalled;
    const rssGrowth = process.memoryUsage().rss - before;
    figures.push({
      fault: `slow client: upstream sent ${(sentWhileStalled / 1e6).toFixed(1)} MB of 200 MB, then ${grewAfterStall} B more; RSS +${(rssGrowth / 1e6).toFixed(0)} MB`,
      status: res.status,
      ms: 2_000,
    });
    expect(sentWhileStalled).toBeLessThan(40_000_000);
    expect(grewAfterStall).toBe(0);
    expect(rssGrowth).toBeLessThan(150 * 1024 * 1024);
    // The client vanishes: the upstream request is released at once.
    const started = performance.now();
    controller.abort();
    await reader.cancel().catch(() => {});
    await upstream.lastClosed;
    const ms = performance.now() - started;
    figures.push({
      fault: 'client vanishes mid-stream: upstream connection closed',
      status: 0,
      ms: Math.round(ms),
    });
    expect(ms).toBeLessThan(2_000);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('network failures', () => {
  for (const [label, url] of [
    ['DNS failure', 'http://ccs-reliability-no-such-host.invalid'],
    ['connection refused', ''],
  ] as const) {
    it(`${label}: 502 saying the backend cannot be reached`, async () => {
      const target = url || `http://127.0.0.1:${await closedPort()}`;
      const broken = await startFaultProxy(target, IDLE_MS);
      try {
        const outcome = await streamOnce(broken.url);
        figures.push({
          fault: label,
          status: outcome.status,
          error: outcome.error?.type,
          message: outcome.error?.message,
          ms: Math.round(outcome.ms),
        });
        expect(outcome.status).toBe(502);
        expect(outcome.error).toMatchObject({
          type: 'api_error',
          message: expect.stringContaining('Could not reach the Codex backend'),
        });
        expect(outcome.ms).toBeLessThan(5_000);
      } finally {
        await broken.close();
      }
    });
  }

  it('no upstream connection is left open after all of this', async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(upstream.openConnections()).toBeLessThanOrEqual(1); // at most one idle keep-alive socket
  });
});
