import { CcsError, formatResetUtc } from '@ccs/core/internal';
import { readErrorBody } from '@ccs/provider-kit';
import { z } from 'zod';

/** The error object as the backend sends it in HTTP bodies, `error` events and `response.failed`. */
const upstreamErrorSchema = z.looseObject({
  type: z.string().nullish(),
  code: z.string().nullish(),
  message: z.string().nullish(),
  plan_type: z.string().nullish(),
  resets_at: z.number().nullish(),
  resets_in_seconds: z.number().nullish(),
});
export type UpstreamError = z.infer<typeof upstreamErrorSchema>;

/** Pulls the error object out of an HTTP error body (JSON `{error}` or `{detail}`, or plain text). */
export function parseUpstreamErrorBody(text: string): UpstreamError {
  const body = readErrorBody(text);
  if (body.error !== undefined) {
    const inner = upstreamErrorSchema.safeParse(body.error);
    return inner.success ? inner.data : {};
  }
  return body.message !== undefined ? { message: body.message } : {};
}

export function parseUpstreamErrorObject(value: unknown): UpstreamError {
  const parsed = upstreamErrorSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

function resetSeconds(error: UpstreamError, nowMs: number): number | undefined {
  if (typeof error.resets_at === 'number') return Math.max(0, Math.ceil(error.resets_at - nowMs / 1000));
  if (typeof error.resets_in_seconds === 'number') return Math.max(0, Math.ceil(error.resets_in_seconds));
  return undefined;
}

export interface CodexErrorContext {
  status?: number;
  modelId: string;
  accountLabel: string;
  retryAfterHeader?: string | null;
  now?: () => number;
}

function has(haystack: string, ...needles: string[]): boolean {
  return needles.some((needle) => haystack.includes(needle));
}

const USAGE_SETTINGS = 'https://chatgpt.com/codex/settings/usage';

/** What to do about a usage limit, by plan, as the Codex CLI advises (research openai-codex.md §4.5). */
function usageLimitSuggestion(plan: string | null | undefined): string {
  const base = 'Wait for the reset, or add another account';
  const p = (plan ?? '').toLowerCase();
  if (p === 'plus')
    return `${base}; or upgrade to Pro (https://chatgpt.com/explore/pro) or buy credits at ${USAGE_SETTINGS}.`;
  if (p === 'pro' || p === 'prolite') return `${base}; or buy more credits at ${USAGE_SETTINGS}.`;
  if (p === 'free' || p === 'go') return `${base}; or upgrade to Plus (https://chatgpt.com/explore/plus).`;
  if (p === 'team' || p === 'business' || p.endsWith('_usage_based'))
    return `${base}; or ask your workspace admin for more usage.`;
  return `${base}.`;
}

/**
 * Turns an upstream failure (HTTP status and/or error object) into the stable CcsError the proxy
 * and the CLI understand. Research: openai-codex.md §4.5–4.6, §6; cliproxyapi.md §6.3.
 */
export function codexErrorToCcsError(error: UpstreamError, context: CodexErrorContext): CcsError {
  const now = context.now?.() ?? Date.now();
  const status = context.status;
  const kind = `${error.type ?? ''} ${error.code ?? ''}`.toLowerCase();
  const text = (error.message ?? '').toLowerCase();
  const upstream = error.message ? ` (upstream: ${error.message.slice(0, 300)})` : '';
  // No providerId here: these errors reach users through the proxy, which knows the provider it routed to.
  const details: Record<string, unknown> = { upstreamStatus: status, upstreamCode: error.code ?? error.type };

  if (has(kind, 'usage_limit_reached')) {
    const seconds = resetSeconds(error, now);
    const resetMs = seconds === undefined ? undefined : now + seconds * 1000;
    const resetsAt = resetMs === undefined ? undefined : new Date(resetMs).toISOString();
    return new CcsError(
      'QUOTA_EXCEEDED',
      `Codex usage limit reached for ${context.accountLabel}${resetMs === undefined ? '' : `; it resets ${formatResetUtc(resetMs, now)}`}.`,
      {
        retryAfterSeconds: seconds,
        details: { ...details, resetsAt, planType: error.plan_type ?? undefined },
        suggestion: usageLimitSuggestion(error.plan_type),
      },
    );
  }
  if (has(kind, 'usage_not_included')) {
    return new CcsError(
      'PERMISSION_DENIED',
      `The ChatGPT plan of ${context.accountLabel} does not include Codex.`,
      {
        details,
        suggestion: 'Upgrade to ChatGPT Plus (https://chatgpt.com/explore/plus) or use another account.',
      },
    );
  }
  if (
    has(kind, 'model_not_supported', 'model_not_found') ||
    (has(text, 'not supported when using codex') && has(text, 'model'))
  ) {
    return new CcsError(
      'MODEL_NOT_AVAILABLE',
      `The model ${context.modelId} is not available to ${context.accountLabel}${upstream}.`,
      {
        details: { ...details, modelId: context.modelId },
      },
    );
  }
  if (
    has(kind, 'context_length_exceeded', 'context_too_large') ||
    has(text, 'context window') ||
    status === 413
  ) {
    return new CcsError(
      'CONTEXT_TOO_LARGE',
      `The conversation is too long for ${context.modelId}${upstream}.`,
      {
        details,
        suggestion: 'Run /compact or /clear in Claude Code.',
      },
    );
  }
  if (has(kind, 'invalid_encrypted_content') || has(text, 'could not be verified', 'encrypted content')) {
    return new CcsError('INVALID_REQUEST', `The backend rejected replayed reasoning${upstream}.`, {
      details: { ...details, reason: 'thinking_signature_invalid' },
    });
  }
  if (
    has(kind, 'server_is_overloaded', 'slow_down') ||
    status === 503 ||
    status === 529 ||
    has(text, 'at capacity')
  ) {
    return new CcsError('UPSTREAM_OVERLOADED', `The Codex backend is overloaded${upstream}.`, {
      details,
      suggestion: 'Try again in a moment or pick a smaller model.',
    });
  }
  if (has(kind, 'rate_limit') || status === 429) {
    const match = /try again in ([\d.]+)\s*(ms|s|sec|seconds?)\b/i.exec(error.message ?? '');
    const fromText = match ? Math.ceil(Number(match[1]) / (match[2] === 'ms' ? 1000 : 1)) : undefined;
    const fromHeader = context.retryAfterHeader ? Number(context.retryAfterHeader) : undefined;
    const retryAfterSeconds = Number.isFinite(fromHeader) ? fromHeader : fromText;
    return new CcsError(
      'RATE_LIMITED',
      `The Codex backend is rate limiting ${context.accountLabel}${upstream}.`,
      {
        retryAfterSeconds,
        details,
      },
    );
  }
  if (
    status === 401 ||
    has(kind, 'invalid_api_key', 'token_expired', 'token_invalidated', 'authentication')
  ) {
    return new CcsError('AUTH_REQUIRED', `The Codex sign-in of ${context.accountLabel} is no longer valid.`, {
      details,
    });
  }
  if (status === 403) {
    return new CcsError('PERMISSION_DENIED', `The Codex backend refused the request (403)${upstream}.`, {
      details,
      suggestion: 'If this persists, check your network (VPN/proxy) and sign in again.',
    });
  }
  if (status === 404) {
    return new CcsError(
      'MODEL_NOT_AVAILABLE',
      `The Codex backend does not know ${context.modelId}${upstream}.`,
      {
        details: { ...details, modelId: context.modelId },
      },
    );
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new CcsError('INVALID_REQUEST', `The Codex backend rejected the request (${status})${upstream}.`, {
      details,
    });
  }
  return new CcsError(
    'UPSTREAM_ERROR',
    `The Codex backend failed${status ? ` (${status})` : ''}${upstream || (error.code ? ` (${error.code})` : '')}.`,
    { details },
  );
}
