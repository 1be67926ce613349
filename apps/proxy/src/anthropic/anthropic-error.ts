import { type CcsError, toCcsError } from '@ccs/core';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

export interface AnthropicErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: { type: 'error'; error: { type: AnthropicErrorType; message: string } };
}

function errorType(status: number): AnthropicErrorType {
  if (status === 400) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529) return 'overloaded_error';
  return 'api_error';
}

/**
 * Maps a CcsError onto the Anthropic error envelope and HTTP status, so Anthropic clients (Claude
 * Code, the official SDKs) react as they would against Anthropic: 429 with retry-after, 529
 * overloaded, 403 for a provider account whose sign-in is missing or refused. Statuses Anthropic clients do not know collapse to 500/502.
 */
export function toAnthropicError(
  error: unknown,
  options: { clientKey?: boolean } = {},
): AnthropicErrorResponse {
  const ccs: CcsError = toCcsError(error);
  let status = ccs.status;
  // A provider account's credentials were refused or are missing. The client's own key was fine (the
  // proxy checks it before this), so this is not Anthropic's 401: Claude Code retries a 401 with
  // backoff for minutes and never shows the message, while a 403 shows it at once ("Failed to
  // authenticate. API Error: 403 … run ccs <provider> --auth"). `clientKey`: the local key itself was
  // wrong, which is Anthropic's 401. See docs/decisions/0011.
  if (status === 401 && !options.clientKey) status = 403;
  if (ccs.code === 'UPSTREAM_OVERLOADED') status = 529;
  else if (ccs.code === 'CANCELLED') status = 499;
  else if (status === 408) status = 504;
  const headers: Record<string, string> = {};
  if (status === 429 || status === 529) {
    headers['retry-after'] = String(
      Math.max(1, Math.ceil(ccs.retryAfterSeconds ?? (status === 529 ? 5 : 30))),
    );
  }
  headers['x-ccs-error-code'] = ccs.code;
  const message = ccs.suggestion ? `${ccs.message} ${ccs.suggestion}` : ccs.message;
  return { status, headers, body: { type: 'error', error: { type: errorType(status), message } } };
}

/** The `event: error` frame for a failure after the stream has started. */
export function anthropicErrorEvent(error: unknown): string {
  const { body } = toAnthropicError(error);
  return `event: error\ndata: ${JSON.stringify(body)}\n\n`;
}
