import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake Codex backend misbehaves on the next /codex/responses request. */
export type Fault =
  | 'ok'
  | 'stall-before-headers'
  | 'stall-mid-stream'
  | 'ping-forever'
  | 'reset-mid-stream'
  | 'malformed-events'
  | 'oversized-event'
  | 'flood';

const event = (type: string, body: Record<string, unknown>) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;

export const CREATED = event('response.created', { response: { id: 'resp_f', model: 'gpt-5.4' } });
export const ITEM = event('response.output_item.added', {
  output_index: 0,
  item: { type: 'message', id: 'msg_f', role: 'assistant', content: [] },
});
export const delta = (text: string) =>
  event('response.output_text.delta', { item_id: 'msg_f', output_index: 0, content_index: 0, delta: text });
export const COMPLETED = event('response.completed', {
  response: { id: 'resp_f', status: 'completed', usage: { input_tokens: 3, output_tokens: 2 } },
});

export interface FaultUpstream {
  url: string;
  /** Faults for the coming requests, in order; when empty, requests get 'ok'. */
  faults: Fault[];
  /** Bytes written to the proxy by the last 'flood' response (before the proxy stopped reading). */
  floodBytes: number;
  /** Resolves when the connection of the last response closed. */
  lastClosed: Promise<void>;
  openConnections(): number;
  close(): Promise<void>;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** A loopback stand-in for the Codex backend that fails in the ways a real network does. */
export async function startFaultUpstream(): Promise<FaultUpstream> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closedResolve: () => void = () => {};
  const upstream: FaultUpstream = {
    url: '',
    faults: [],
    floodBytes: 0,
    lastClosed: Promise.resolve(),
    openConnections: () => sockets.size,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    upstream.lastClosed = new Promise<void>((resolve) => {
      closedResolve = resolve;
    });
    res.on('close', () => closedResolve());
    const fault = upstream.faults.shift() ?? 'ok';
    if (fault === 'stall-before-headers') return; // never answers
    res.writeHead(200, SSE_HEADERS);
    switch (fault) {
      case 'ok':
        res.end(CREATED + ITEM + delta('Hello') + delta(' there.') + COMPLETED);
        return;
      case 'stall-mid-stream':
        res.write(CREATED + ITEM + delta('Hello'));
        return; // then silence, connection open
      case 'ping-forever': {
        res.write(CREATED + ITEM + delta('Hello'));
        const timer = setInterval(() => res.write(': keep-alive\n\n'), 50);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case 'reset-mid-stream':
        res.write(CREATED + ITEM + delta('Hello'), () => setTimeout(() => req.socket.destroy(), 20));
        return;
      case 'malformed-events':
        res.end(
          `${CREATED + ITEM + delta('Hello')}data: {not json\n\nevent: x\ndata: [1,\n\n\u0000\u0000garbage\n\n`,
        );
        return;
      case 'oversized-event': {
        res.write(CREATED + ITEM + delta('Hello'));
        // 17 MiB without a line break, written with back-pressure.
        const chunk = 'x'.repeat(1 << 20);
        let sent = 0;
        const pump = () => {
          while (sent < 17) {
            sent++;
            if (!res.write(sent === 1 ? `data: ${chunk}` : chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      case 'flood': {
        // Deltas as fast as the proxy takes them (respecting back-pressure), up to 200 MB.
        upstream.floodBytes = 0;
        const piece = delta('y'.repeat(4000));
        res.write(CREATED + ITEM);
        const pump = () => {
          while (upstream.floodBytes < 200_000_000 && !res.destroyed) {
            upstream.floodBytes += piece.length;
            if (!res.write(piece)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end(COMPLETED);
        };
        pump();
        return;
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return upstream;
}
