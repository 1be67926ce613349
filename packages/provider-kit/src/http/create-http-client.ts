import ky, { type KyInstance } from 'ky';

export type { HTTPError, KyInstance, TimeoutError } from 'ky';

export interface HttpClientOptions {
  /** Per-attempt timeout (default 30 s). Streaming callers usually pass `timeout: false` per call. */
  timeoutMs?: number;
  /** Retries for idempotent methods on 5xx and network errors (default 2). */
  retries?: number;
  /** Sent as `User-Agent` on every request. */
  userAgent?: string;
  /** Extra default headers (computed per request headers belong in the call, not here). */
  headers?: Record<string, string>;
  /** Custom fetch (tests, proxies). */
  fetch?: typeof fetch;
}

// Never retry POST (a Responses call or a token refresh is not idempotent: a refresh token is
// single-use) and never retry 429: it means quota, and hammering makes it worse.
const IDEMPOTENT_METHODS = ['get', 'head', 'options', 'put', 'delete', 'trace'];
const RETRY_STATUS = [500, 502, 503, 504];

/** A ky instance with the house defaults: bounded timeout, few safe retries, a user agent. */
export function createHttpClient({
  timeoutMs = 30_000,
  retries = 2,
  userAgent,
  headers,
  fetch: customFetch,
}: HttpClientOptions = {}): KyInstance {
  return ky.create({
    timeout: timeoutMs,
    retry: {
      limit: retries,
      methods: IDEMPOTENT_METHODS,
      statusCodes: RETRY_STATUS,
      afterStatusCodes: [503],
      maxRetryAfter: 10_000,
      backoffLimit: 3_000,
    },
    headers: { ...headers, ...(userAgent ? { 'user-agent': userAgent } : {}) },
    fetch: bufferingRequestBody(customFetch),
  });
}

/**
 * ky keeps a clone of each request (for retries) and cancels the clone's body when it is done. Both
 * bodies are branches of one tee'd stream, and a branch's cancel settles only once the other branch
 * has been read to the end: when fetch fails before sending it (connection refused, timeout), a POST
 * with a body would never settle. So the body (small JSON or form data here; streams go through
 * node:http, see docs/decisions) is read first and sent as bytes. globalThis.fetch is looked up per
 * call: touching it loads undici, which startup does not need.
 */
function bufferingRequestBody(customFetch: typeof fetch | undefined): typeof fetch {
  return async (input, init) => {
    const send = customFetch ?? globalThis.fetch;
    if (!(input instanceof Request) || input.body === null) return send(input, init);
    const body = await input.arrayBuffer();
    return send(new Request(input, { body }), init);
  };
}
