import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ChatStreamPart } from '@ccs/core';
import type { AnthropicStreamEncoder } from '../anthropic/encode-anthropic-stream.js';

const PING_INTERVAL_MS = 15_000;
const PING = 'event: ping\ndata: {"type":"ping"}\n\n';

/**
 * Streams parts to the client as Anthropic SSE. Parts are gathered and written once per event-loop
 * turn (setImmediate runs after the I/O of this turn, so every upstream chunk that arrived together
 * becomes one socket write instead of one chunked-encoding writev each): no timer, no added wait.
 * Honours back-pressure.
 */
export async function writeSse(
  res: ServerResponse,
  encoder: AnthropicStreamEncoder,
  parts: AsyncIterable<ChatStreamPart>,
  signal: AbortSignal,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let pending = '';
  let scheduled = false;
  let lastWrite = Date.now();
  // A long silent stretch (reasoning without visible summary) gets pings, as Anthropic sends them, so
  // idle timeouts in clients and middleboxes do not cut a healthy stream.
  const keepAlive = setInterval(() => {
    if (Date.now() - lastWrite >= PING_INTERVAL_MS) write(PING);
  }, PING_INTERVAL_MS);
  keepAlive.unref();
  const flush = () => {
    scheduled = false;
    if (pending.length === 0 || res.writableEnded) return;
    const text = pending;
    pending = '';
    lastWrite = Date.now();
    res.write(text);
  };
  const write = (text: string) => {
    if (text.length === 0) return;
    pending += text;
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  try {
    write(encoder.start());
    for await (const part of parts) {
      if (signal.aborted) break;
      write(encoder.encode(part));
      if (encoder.done) break;
      if (res.writableNeedDrain) {
        flush();
        await once(res, 'drain', { signal }).catch(() => {});
      }
    }
    if (!signal.aborted) write(encoder.interrupted());
  } finally {
    clearInterval(keepAlive);
    flush();
    res.end();
  }
}
