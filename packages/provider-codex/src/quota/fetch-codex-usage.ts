import { CcsError } from '@ccs/core';
import { createHttpClient } from '@ccs/provider-kit';
import { codexRequestHeaders } from '../codex-headers.js';
import type { CodexOptions } from '../codex-options.js';
import { type CodexUsageBody, codexUsageBodySchema } from './codex-usage-schema.js';

const USAGE_TIMEOUT_MS = 15_000;

export interface UsageIdentity {
  accessToken: string;
  chatgptAccountId: string;
  fedramp?: boolean;
}

export type UsageFetchResult =
  | { ok: true; body: CodexUsageBody; headers: Record<string, string> }
  | { ok: false; unauthorized: true };

export function usageUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/wham/usage`;
}

function networkError(url: string, error: unknown): CcsError {
  const host = new URL(url).host;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new CcsError(
      'TIMEOUT',
      `${host} did not answer the usage request within ${USAGE_TIMEOUT_MS / 1000} s.`,
      {
        suggestion: 'Try again in a moment.',
      },
    );
  }
  const cause =
    error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : '';
  return new CcsError(
    'NETWORK_ERROR',
    `Could not reach ${host} to read the Codex usage${cause ? ` (${cause})` : ''}.`,
    {
      suggestion: 'Check your network connection (and CCS_CODEX_BASE_URL if you set it), then try again.',
      cause: error,
    },
  );
}

/** The error for a non-2xx, non-401 answer; never includes the body verbatim (it may echo tokens). */
function httpError(status: number, host: string): CcsError {
  if (status === 402 || status === 403) {
    return new CcsError(
      'PERMISSION_DENIED',
      `${host} refused to show the usage of this account (HTTP ${status}).`,
      {
        suggestion: 'Check in ChatGPT that this workspace is active and includes Codex.',
        status,
      },
    );
  }
  if (status === 404) {
    return new CcsError('NOT_FOUND', `${host} has no usage endpoint at /wham/usage (HTTP 404).`, {
      suggestion: 'Check CCS_CODEX_BASE_URL (default https://chatgpt.com/backend-api).',
    });
  }
  if (status === 429) {
    return new CcsError('RATE_LIMITED', `${host} is rate-limiting usage requests (HTTP 429).`, {
      suggestion: 'Wait a minute and try again.',
    });
  }
  return new CcsError('UPSTREAM_ERROR', `${host} answered the usage request with HTTP ${status}.`, {
    suggestion: 'Try again in a moment.',
    status: status >= 500 ? 502 : undefined,
  });
}

/** One `GET {base}/wham/usage`. A 401 is returned (not thrown) so the caller can refresh and retry once. */
export async function fetchCodexUsage(args: {
  options: Pick<CodexOptions, 'baseUrl' | 'headers'>;
  identity: UsageIdentity;
  fetch?: typeof fetch;
}): Promise<UsageFetchResult> {
  const url = usageUrl(args.options.baseUrl);
  const host = new URL(url).host;
  // provider-kit's client: a timeout per attempt and a retry on 5xx or a dropped connection (a GET is
  // safe to repeat). Statuses are read here, not thrown: a 401 means "refresh and ask again".
  const http = createHttpClient({ fetch: args.fetch, timeoutMs: USAGE_TIMEOUT_MS, retries: 1 });
  let response: Response;
  try {
    response = await http.get(url, {
      headers: codexRequestHeaders(args.identity, args.options, { accept: 'application/json' }),
      throwHttpErrors: false,
    });
  } catch (error) {
    throw networkError(url, error);
  }
  if (response.status === 401) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, unauthorized: true };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw httpError(response.status, host);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new CcsError('UPSTREAM_ERROR', `${host} sent a usage answer that is not JSON.`, {
      suggestion: 'Try again in a moment.',
      cause: error,
    });
  }
  const parsed = codexUsageBodySchema.safeParse(json);
  if (!parsed.success) {
    throw new CcsError('UPSTREAM_ERROR', `${host} sent a usage answer ccs does not understand.`, {
      suggestion: 'Try again; if it persists, please report it.',
    });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return { ok: true, body: parsed.data, headers };
}
