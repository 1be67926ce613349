import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLog } from './request-log.js';

const KEEPALIVE_MS = 15_000;

/**
 * Streams the request log as server-sent events (`data: <line>`): the recent lines first, then each new
 * one, until the page goes away. The page reads it with fetch (it must send the token header, which
 * EventSource cannot).
 */
export function streamRequestLog(
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog | undefined,
  headers: Record<string, string>,
): void {
  req.resume();
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  });
  const send = (line: string) => res.write(`data: ${line.replace(/[\r\n]+/g, ' ')}\n\n`);
  if (!log) {
    res.write('event: unavailable\ndata: requests show here when the dashboard is served by ccs proxy\n\n');
    res.end();
    return;
  }
  for (const line of log.lines()) send(line);
  const unsubscribe = log.subscribe(send);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  res.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
  });
}
