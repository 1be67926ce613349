import { CcsError } from '@ccs/core';
import { readErrorBody, redactSecrets } from '@ccs/provider-kit';
import { type UpstreamErrorObject, upstreamErrorObjectSchema } from './chat-completions-chunk.js';

export interface ErrorContext {
  /** The provider id, e.g. openrouter (used in the commands the user is told to run). */
  providerId: string;
  /** The endpoint's host, e.g. openrouter.ai. */
  host: string;
  accountLabel: string;
  /** Where the key came from: `config` keys are fixed in config.yaml, `stored` by `ccs <id> --auth`. */
  keySource: 'config' | 'stored';
  modelId: string;
}

/** The error object of an HTTP error body: OpenAI `{error:{…}}`, `{error:"…"}`, `{detail}`, or text. */
export function parseErrorBody(text: string): UpstreamErrorObject {
  const body = readErrorBody(text);
  if (body.error !== undefined) return parseErrorObject(body.error);
  return body.message !== undefined ? { message: body.message } : {};
}

export function parseErrorObject(value: unknown): UpstreamErrorObject {
  if (typeof value === 'string') return { message: value };
  const parsed = upstreamErrorObjectSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

const has = (haystack: string, ...needles: string[]) => needles.some((n) => haystack.includes(n));

/**
 * Maps an endpoint failure (HTTP status, error object, Retry-After) to the CcsError the proxy and
 * CLI act on. The upstream message is kept (redacted, shortened): it is what explains a 400.
 */
export function toCompatibleError(
  error: UpstreamErrorObject,
  ctx: ErrorContext,
  http: { status?: number; retryAfterSeconds?: number } = {},
): CcsError {
  const { status } = http;
  const kind = `${error.type ?? ''} ${error.code ?? ''}`.toLowerCase();
  const text = (error.message ?? '').toLowerCase();
  const said = error.message ? `: ${redactSecrets(error.message).slice(0, 300).replace(/\.?$/, '.')}` : '.';
  const answered = status ? `${ctx.host} answered HTTP ${status}` : `${ctx.host} reported an error`;
  const details = {
    providerId: ctx.providerId,
    authKind: 'api-key',
    host: ctx.host,
    ...(status ? { upstreamStatus: status } : {}),
    ...(error.code !== undefined && error.code !== null ? { upstreamCode: String(error.code) } : {}),
  };

  if (status === 401 || has(kind, 'invalid_api_key', 'authentication')) {
    return new CcsError(
      'AUTH_FAILED',
      `${ctx.host} refused the API key of "${ctx.providerId}" account ${ctx.accountLabel}${said}`,
      {
        details,
        ...(ctx.keySource === 'config'
          ? {
              suggestion: `Fix the key under openai-compatibility "${ctx.providerId}" in config.yaml, or store another.`,
            }
          : {}),
      },
    );
  }
  if (status === 402 || has(kind, 'insufficient_quota')) {
    return new CcsError(
      'QUOTA_EXCEEDED',
      `${answered}: the account ${ctx.accountLabel} has no credit left${said}`,
      {
        details,
        suggestion: `Add credit with ${ctx.host}, or use another key.`,
      },
    );
  }
  if (status === 429 || has(kind, 'rate_limit')) {
    const wait = http.retryAfterSeconds;
    return new CcsError('RATE_LIMITED', `${answered} (rate limited)${said}`, {
      details,
      ...(wait !== undefined ? { retryAfterSeconds: wait } : {}),
      suggestion: wait !== undefined ? `Retry in ${wait} s.` : 'Wait a little and retry.',
    });
  }
  if (
    status === 413 ||
    has(kind, 'context_length') ||
    has(text, 'context length', 'context window', 'maximum context')
  ) {
    return new CcsError('CONTEXT_TOO_LARGE', `The conversation is too long for ${ctx.modelId}${said}`, {
      details,
      suggestion: 'Run /compact or /clear in Claude Code, or pick a model with a larger context.',
    });
  }
  if (has(kind, 'model_not_found') || (status === 404 && has(text, 'model'))) {
    return new CcsError('MODEL_NOT_AVAILABLE', `${ctx.host} does not serve the model ${ctx.modelId}${said}`, {
      details: { ...details, modelId: ctx.modelId },
      suggestion: 'Fix models: in config.yaml, or pick another model.',
    });
  }
  if (status === 403) {
    return new CcsError('PERMISSION_DENIED', `${answered}${said}`, {
      details,
      suggestion: 'Check that this key may use this model (plan, region, allow-list).',
    });
  }
  if (status === 404) {
    return new CcsError('NOT_FOUND', `${answered}${said}`, {
      details,
      suggestion: `Check base-url of "${ctx.providerId}" in config.yaml: it usually ends in /v1.`,
    });
  }
  if (status === 503 || status === 529 || has(kind, 'overloaded')) {
    return new CcsError('UPSTREAM_OVERLOADED', `${answered} (overloaded)${said}`, {
      details,
      ...(http.retryAfterSeconds !== undefined ? { retryAfterSeconds: http.retryAfterSeconds } : {}),
      suggestion: 'Retry in a moment.',
    });
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new CcsError('INVALID_REQUEST', `${answered}${said}`, {
      details,
      suggestion: 'The endpoint rejected the request; run with --verbose to see it.',
    });
  }
  return new CcsError('UPSTREAM_ERROR', `${answered}${said}`, {
    details,
    suggestion: 'Retry in a moment.',
  });
}
