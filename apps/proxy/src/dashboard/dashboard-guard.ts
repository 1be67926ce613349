import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { DASHBOARD_TOKEN_HEADER } from './dashboard-options.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host part of a `Host` header value (`127.0.0.1:8317` → `127.0.0.1`, `[::1]:80` → `[::1]`). */
function hostName(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

function isLoopbackName(name: string): boolean {
  return LOOPBACK_NAMES.has(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * DNS-rebinding defence: a page on evil.example whose name now resolves to 127.0.0.1 still sends
 * `Host: evil.example`, and a cross-site fetch carries its own `Origin`. Both must name loopback.
 */
export function isLoopbackRequest(headers: IncomingHttpHeaders): boolean {
  const host = headers.host;
  if (!host || !isLoopbackName(hostName(host))) return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && isLoopbackName(url.hostname.toLowerCase());
  } catch {
    return false; // `Origin: null` (sandboxed frames, file://) is not ours either
  }
}

/** Whether the request carries the dashboard token; constant-time so its length and bytes do not leak. */
export function hasDashboardToken(headers: IncomingHttpHeaders, token: string): boolean {
  const sent = headers[DASHBOARD_TOKEN_HEADER];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * CSRF defence for writes, on top of the token: the request must come from the dashboard's own page.
 * Browsers send `Origin` on every cross-origin request and on same-origin POSTs; it must name exactly
 * this host and port (another local page, even on 127.0.0.1, is another origin), and `Sec-Fetch-Site`,
 * when the browser sends it, must say same-origin.
 */
export function isSameOriginWrite(headers: IncomingHttpHeaders): boolean {
  const host = headers.host?.trim().toLowerCase();
  const origin = headers.origin?.trim().toLowerCase();
  if (!host || !origin || origin !== `http://${host}`) return false;
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}
