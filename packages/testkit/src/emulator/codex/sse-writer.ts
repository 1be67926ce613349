import type { ServerResponse } from 'node:http';
import type { SseEvent } from './turn-events.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes SSE events (`event:` + `data:` lines) with an optional pause before each; stops if the client left. */
export async function writeSse(
  res: ServerResponse,
  events: readonly SseEvent[],
  opts: { delayMs?: number; isClosed: () => boolean },
): Promise<void> {
  for (const event of events) {
    if (opts.delayMs) await sleep(opts.delayMs);
    if (opts.isClosed()) return;
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }
}
