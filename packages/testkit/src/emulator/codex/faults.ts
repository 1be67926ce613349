import { type Account, nowSeconds } from '../state.js';
import type { TurnScript, UsageWindow } from '../types.js';
import { primaryWindow, rateLimitHeaders, secondaryWindow } from './rate-limits.js';
import type { BuiltTurn, SseEvent } from './turn-events.js';

export interface HttpFault {
  status: number;
  /** JSON, or a raw text/HTML body. */
  body: object | string;
  headers: Record<string, string>;
}

function usageLimitFault(account: Account, resetsIn: number, primary?: UsageWindow): HttpFault {
  return {
    status: 429,
    headers: { ...rateLimitHeaders(account, primary), 'x-codex-active-limit': 'codex' },
    body: {
      error: {
        type: 'usage_limit_reached',
        message: 'The usage limit has been reached',
        plan_type: account.plan,
        resets_at: nowSeconds() + resetsIn,
        eligible_promo: null,
        resets_in_seconds: resetsIn,
      },
    },
  };
}

/**
 * The real backend refuses every turn while a window of the account is used up: a 429 until the window that
 * resets last among the exhausted ones resets.
 */
export function exhaustedWindowFault(account: Account): HttpFault | undefined {
  const full = [primaryWindow(account), secondaryWindow(account)].filter(
    (w): w is UsageWindow => w !== undefined && w.usedPercent >= 100,
  );
  if (full.length === 0) return undefined;
  return usageLimitFault(account, Math.max(...full.map((w) => w.resetAfterSeconds)));
}

/** Faults answered instead of a stream (HTTP status errors), in the real bodies' shapes. */
export function httpFault(turn: TurnScript, account: Account): HttpFault | undefined {
  if (turn.httpError) {
    const { status, body, headers } = turn.httpError;
    return typeof body === 'string'
      ? { status, body, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } }
      : { status, body, headers: headers ?? {} };
  }
  switch (turn.fault) {
    case 'expired-token-401':
      return {
        status: 401,
        headers: {},
        body: {
          error: {
            message: 'Provided authentication token is expired. Please try signing in again.',
            type: null,
            code: 'token_expired',
            param: null,
          },
          status: 401,
        },
      };
    case 'usage-limit-429': {
      const window = primaryWindow(account) ?? {
        usedPercent: 100,
        windowMinutes: 300,
        resetAfterSeconds: 3600,
      };
      const resetsIn = turn.resetsInSeconds ?? window.resetAfterSeconds;
      return {
        status: 429,
        headers: rateLimitHeaders(account, { ...window, usedPercent: 100, resetAfterSeconds: resetsIn }),
        body: {
          error: {
            type: 'usage_limit_reached',
            message: 'The usage limit has been reached',
            plan_type: account.plan,
            resets_at: nowSeconds() + resetsIn,
            eligible_promo: null,
            resets_in_seconds: resetsIn,
          },
        },
      };
    }
    case 'server-500':
      return {
        status: 500,
        headers: {},
        body: {
          error: {
            message:
              'An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.',
            type: 'server_error',
            param: null,
            code: null,
          },
        },
      };
    case 'overloaded-503':
      return {
        status: 503,
        headers: {},
        body: {
          error: {
            message: 'Our servers are currently overloaded. Please try again later.',
            type: 'server_error',
            param: null,
            code: 'server_is_overloaded',
          },
        },
      };
    default:
      return undefined;
  }
}

/** Rewrites a built turn's events for in-stream faults; returns the events to send. */
export function streamEvents(turn: TurnScript, built: BuiltTurn): SseEvent[] {
  const all = built.events;
  const completed = all.at(-1)!;
  const half = built.contentStart + Math.floor((all.length - 1 - built.contentStart) / 2);
  const seq = (n: number) => ({ sequence_number: n });
  switch (turn.fault) {
    case 'response-failed': {
      const head = all.slice(0, half);
      const response = structuredClone((completed.data as { response: Record<string, unknown> }).response);
      Object.assign(response, {
        status: 'failed',
        output: [],
        usage: null,
        error: {
          code: turn.errorCode ?? 'server_error',
          message: turn.errorMessage ?? 'An error occurred while processing your request.',
        },
      });
      return [
        ...head,
        { type: 'response.failed', data: { type: 'response.failed', response, ...seq(head.length) } },
      ];
    }
    case 'error-event': {
      const head = all.slice(0, half);
      const code = turn.errorCode ?? 'server_is_overloaded';
      const message = turn.errorMessage ?? 'Our servers are currently overloaded. Please try again later.';
      return [
        ...head,
        {
          type: 'error',
          data: {
            type: 'error',
            code,
            message,
            param: null,
            error: { type: 'server_error', code, message },
            ...seq(head.length),
          },
        },
      ];
    }
    case 'incomplete': {
      const response = structuredClone((completed.data as { response: Record<string, unknown> }).response);
      Object.assign(response, {
        status: 'incomplete',
        incomplete_details: { reason: turn.incompleteReason ?? 'max_output_tokens' },
      });
      const head = all.slice(0, -1);
      return [
        ...head,
        { type: 'response.incomplete', data: { type: 'response.incomplete', response, ...seq(head.length) } },
      ];
    }
    case 'cut-stream':
      return all.slice(0, Math.min(turn.cutAfterEvents ?? half, all.length - 1));
    default:
      if (turn.emptyCompletedOutput) {
        const response = (completed.data as { response: Record<string, unknown> }).response;
        response.output = [];
      }
      return all;
  }
}
