import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './recorder.js';

/** Everything a route handler needs about one request. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased request headers, values joined. */
  headers: Record<string, string>;
  rawBody: string;
  /** The recorder entry for this request (its status is filled in by the send helpers). */
  record: RecordedRequest | undefined;
}

export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function setStatus(ctx: RouteContext, status: number): void {
  if (ctx.record) ctx.record.status = status;
}

export function sendJson(
  ctx: RouteContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  setStatus(ctx, status);
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  ctx.res.end(text);
}

export function sendHtml(ctx: RouteContext, status: number, title: string, message: string): void {
  setStatus(ctx, status);
  const html = `<!doctype html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(
    title,
  )}</h1><p>${escapeHtml(message)}</p></body></html>`;
  ctx.res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  ctx.res.end(html);
}

export function redirect(ctx: RouteContext, location: string): void {
  setStatus(ctx, 302);
  ctx.res.writeHead(302, { location, 'content-length': 0 });
  ctx.res.end();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentType(ctx: RouteContext): string {
  return (ctx.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON body; undefined when it is not valid JSON. */
export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function parseForm(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
