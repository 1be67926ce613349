import { CcsError, type CcsErrorCode } from '@ccs/core';
import { redactSecrets } from '../redact/redact-secrets.js';

// Enough to parse a typical JSON error body; only EXCERPT_CHARS of it are kept.
const EXCERPT_BYTES = 16_384;
const EXCERPT_CHARS = 500;
const EXCERPT_READ_MS = 2_000;

export interface UpstreamErrorOptions {
  /** The request URL, when the response or error does not carry it (only its host is used). */
  url?: string;
  /** A human name for the service ("the ChatGPT backend"); defaults to the host. */
  service?: string;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/** Reads at most a few KB of the body, and gives up after a short while (a stalled body must not hang us). */
async function readExcerpt(response: Response): Promise<string | undefined> {
  if (response.bodyUsed || !response.body) return undefined;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const timer = setTimeout(() => reader.cancel().catch(() => {}), EXCERPT_READ_MS);
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A broken body still leaves us the status code.
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
  if (size === 0) return undefined;
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES));
  return text.trim();
}

/** `error.message`/`error.code` from OpenAI-style and OAuth-style JSON error bodies, if any. */
function upstreamFields(excerpt: string | undefined): { code?: string; message?: string } {
  if (!excerpt?.startsWith('{')) return {};
  try {
    const body = JSON.parse(excerpt) as Record<string, unknown>;
    const error = body.error;
    const nested = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
    const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
    return {
      code: str(nested.code) ?? str(nested.type) ?? str(error) ?? str(body.code),
      message: str(nested.message) ?? str(body.error_description) ?? str(body.message) ?? str(body.detail),
    };
  } catch {
    // Truncated JSON: pick the usual fields out of the text.
    const field = (name: string) => new RegExp(`"${name}"\\s*:\\s*"([^"\\\\]{1,300})"`).exec(excerpt)?.[1];
    return { code: field('code') ?? field('type'), message: field('message') };
  }
}

/** Retry-After (seconds or HTTP date) or OpenAI's retry-after-ms, in whole seconds. */
export function parseRetryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function codeForStatus(status: number): CcsErrorCode {
  if (status === 401) return 'AUTH_FAILED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 408 || status === 504) return 'TIMEOUT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 529) return 'UPSTREAM_OVERLOADED';
  if (status >= 500) return 'UPSTREAM_ERROR';
  if (status >= 400) return 'INVALID_REQUEST';
  return 'UPSTREAM_ERROR';
}

const SUGGESTIONS: Partial<Record<CcsErrorCode, string>> = {
  AUTH_FAILED: 'Sign in again, then retry.',
  PERMISSION_DENIED: 'Check that this account has access (plan, workspace), or sign in with another account.',
  NOT_FOUND: 'Check the configured base URL and model name.',
  TIMEOUT: 'Retry in a moment; check your network if it keeps happening.',
  RATE_LIMITED: 'Wait a little and retry.',
  INVALID_REQUEST: 'The service rejected the request; run with --verbose to see its answer.',
  UPSTREAM_ERROR: 'The service had a problem; retry in a moment.',
  UPSTREAM_OVERLOADED: 'The service is overloaded; retry in a moment.',
};

async function fromResponse(response: Response, options: UpstreamErrorOptions): Promise<CcsError> {
  const host = hostOf(response.url) ?? hostOf(options.url) ?? 'the server';
  const who = options.service ?? host;
  const status = response.status;
  const code = codeForStatus(status);
  const raw = await readExcerpt(response);
  const excerpt = raw === undefined ? undefined : redactSecrets(raw).slice(0, EXCERPT_CHARS);
  const upstream = upstreamFields(raw);
  const upstreamMessage = upstream.message ? redactSecrets(upstream.message).slice(0, 200) : undefined;
  const retryAfterSeconds =
    status === 429 || status === 503 ? parseRetryAfterSeconds(response.headers) : undefined;
  // No reason phrase: HTTP/2 has none, and one consistent sentence is easier to grep.
  const base = `${who} answered HTTP ${status}`;
  const message = upstreamMessage ? `${base}: ${upstreamMessage.replace(/\.?$/, '.')}` : `${base}.`;
  const requestId = response.headers.get('x-request-id') ?? response.headers.get('cf-ray') ?? undefined;
  return new CcsError(code, message, {
    suggestion: SUGGESTIONS[code],
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    details: {
      status,
      host,
      ...(upstream.code ? { upstreamCode: redactSecrets(upstream.code).slice(0, 100) } : {}),
      ...(requestId ? { requestId } : {}),
      ...(excerpt ? { body: excerpt } : {}),
    },
  });
}

function errnoOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
  }
  return undefined;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/**
 * Turns a failed HTTP exchange into a CcsError: a non-OK `Response`, a ky `HTTPError` or
 * `TimeoutError`, an abort, or a network error (which names only the host: URLs may carry codes
 * or tokens). HTTP errors carry a bounded, redacted body excerpt in `details`.
 * It reads (consumes) the response body.
 */
export async function toUpstreamError(input: unknown, options: UpstreamErrorOptions = {}): Promise<CcsError> {
  if (CcsError.isInstance(input)) return input;
  if (input instanceof Response) return fromResponse(input, options);
  const error = input as { name?: unknown; response?: unknown; request?: { url?: string } } | undefined;
  if (error?.name === 'HTTPError' && error.response instanceof Response) {
    return fromResponse(error.response, { url: error.request?.url, ...options });
  }
  const host = hostOf(error?.request?.url) ?? hostOf(options.url) ?? 'the server';
  const who = options.service ?? host;
  if (error?.name === 'TimeoutError') {
    // No `cause`: ky's timeout message contains the full URL, query string included.
    return new CcsError('TIMEOUT', `${who} did not answer in time.`, {
      suggestion: SUGGESTIONS.TIMEOUT,
      details: { host },
    });
  }
  if (error?.name === 'AbortError') {
    return new CcsError('CANCELLED', `The request to ${who} was cancelled.`, {
      cause: input,
      details: { host },
    });
  }
  const errno = errnoOf(input);
  const reason = errno ? (NETWORK_REASONS[errno] ?? errno) : 'network error';
  return new CcsError('NETWORK_ERROR', `Could not reach ${who} (${reason}).`, {
    cause: input,
    suggestion: 'Check your internet connection, proxy settings and the configured URL, then retry.',
    details: { host, ...(errno ? { errno } : {}) },
  });
}
