import { CcsError } from '@ccs/core';
import type { KyInstance, Options } from 'ky';
import type { z } from 'zod';
import { toUpstreamError } from './to-upstream-error.js';

export interface RequestJsonOptions<T> {
  /** Validates the answer (zod at every boundary); its output is what the call returns. */
  schema: z.ZodType<T>;
  /** Default GET. GETs are retried on 5xx and network errors; POSTs never are. */
  method?: 'get' | 'post';
  headers?: Record<string, string>;
  /** A JSON request body. */
  json?: unknown;
  signal?: AbortSignal;
  /** This call's timeout, when it differs from the client's. */
  timeoutMs?: number;
  /** A human name for errors ("the ChatGPT backend"); default the host. */
  service?: string;
}

/**
 * One JSON request through a `createHttpClient()` client: the answer parsed and validated, every
 * failure a `CcsError` (HTTP status, timeout, network, cancel: `toUpstreamError`; a body that is not
 * JSON or not the expected shape: `UPSTREAM_ERROR` whose details name the first mismatch).
 */
export async function requestJson<T>(
  http: KyInstance,
  url: string,
  options: RequestJsonOptions<T>,
): Promise<T> {
  const init: Options = {
    method: options.method ?? 'get',
    headers: { accept: 'application/json', ...options.headers },
    ...(options.json !== undefined ? { json: options.json } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  };
  let body: unknown;
  try {
    const response = await http(url, init);
    body = await response.json();
  } catch (error) {
    if (error instanceof SyntaxError) throw unexpected(url, options, 'is not JSON');
    throw await toUpstreamError(error, { url, ...(options.service ? { service: options.service } : {}) });
  }
  const parsed = options.schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw unexpected(url, options, 'does not have the expected shape', {
    path: issue?.path.join('.') ?? '',
    problem: issue?.message ?? '',
  });
}

function unexpected(
  url: string,
  options: Pick<RequestJsonOptions<unknown>, 'service'>,
  what: string,
  extra: Record<string, unknown> = {},
): CcsError {
  const host = new URL(url).host;
  return new CcsError('UPSTREAM_ERROR', `The answer of ${options.service ?? host} ${what}.`, {
    suggestion: 'Retry in a moment; if it keeps happening, check the configured URL.',
    details: { host, ...extra },
  });
}
