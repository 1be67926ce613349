const MARKER = Symbol.for('ccs.error');

/**
 * Stable error codes. The HTTP status is what the proxy answers clients with; the exit code is
 * what the CLI exits with (2 for usage and configuration errors, 1 for everything at run time).
 */
export const ERROR_CODES = {
  USAGE: { status: 400, exitCode: 2, retryable: false },
  CONFIG_INVALID: { status: 500, exitCode: 2, retryable: false },
  PLUGIN_NOT_FOUND: { status: 500, exitCode: 2, retryable: false },
  PLUGIN_INVALID: { status: 500, exitCode: 2, retryable: false },
  PLUGIN_API_UNSUPPORTED: { status: 500, exitCode: 2, retryable: false },
  PLUGIN_OPTIONS_INVALID: { status: 500, exitCode: 2, retryable: false },
  AUTH_REQUIRED: { status: 401, exitCode: 1, retryable: false },
  AUTH_FAILED: { status: 401, exitCode: 1, retryable: false },
  AUTH_REFRESH_FAILED: { status: 401, exitCode: 1, retryable: false },
  LOGIN_FAILED: { status: 401, exitCode: 1, retryable: false },
  LOGIN_TIMEOUT: { status: 408, exitCode: 1, retryable: false },
  PERMISSION_DENIED: { status: 403, exitCode: 1, retryable: false },
  QUOTA_EXCEEDED: { status: 429, exitCode: 1, retryable: false },
  RATE_LIMITED: { status: 429, exitCode: 1, retryable: true },
  INVALID_REQUEST: { status: 400, exitCode: 1, retryable: false },
  CONTEXT_TOO_LARGE: { status: 400, exitCode: 1, retryable: false },
  MODEL_NOT_AVAILABLE: { status: 400, exitCode: 1, retryable: false },
  NOT_FOUND: { status: 404, exitCode: 1, retryable: false },
  UPSTREAM_ERROR: { status: 502, exitCode: 1, retryable: true },
  UPSTREAM_OVERLOADED: { status: 529, exitCode: 1, retryable: true },
  STREAM_INTERRUPTED: { status: 502, exitCode: 1, retryable: true },
  NETWORK_ERROR: { status: 502, exitCode: 1, retryable: true },
  TIMEOUT: { status: 504, exitCode: 1, retryable: true },
  CANCELLED: { status: 499, exitCode: 130, retryable: false },
  DEPENDENCY_MISSING: { status: 500, exitCode: 1, retryable: false },
  INTERNAL: { status: 500, exitCode: 1, retryable: false },
} as const satisfies Record<string, { status: number; exitCode: number; retryable: boolean }>;

export type CcsErrorCode = keyof typeof ERROR_CODES;

export interface CcsErrorOptions {
  suggestion?: string;
  cause?: unknown;
  retryable?: boolean;
  status?: number;
  /** Seconds until a retry may succeed (429s). */
  retryAfterSeconds?: number;
  /** Machine-readable extras (never secrets). */
  details?: Record<string, unknown>;
}

export interface CcsErrorJson {
  code: CcsErrorCode | string;
  message: string;
  suggestion?: string;
  retryable: boolean;
  status: number;
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

/**
 * The one error family of ccs: a stable `code`, one human sentence, what to do about it,
 * whether retrying may help, and the HTTP status the proxy maps it to.
 */
export class CcsError extends Error {
  readonly [MARKER] = true;
  readonly code: CcsErrorCode;
  readonly suggestion: string | undefined;
  readonly retryable: boolean;
  readonly status: number;
  readonly exitCode: number;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: CcsErrorCode, message: string, options: CcsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CcsError';
    const spec = ERROR_CODES[code];
    this.code = code;
    this.suggestion = options.suggestion;
    this.retryable = options.retryable ?? spec.retryable;
    this.status = options.status ?? spec.status;
    this.exitCode = spec.exitCode;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  /** Works across duplicate copies of @ccs/core (plugins may bundle their own). */
  static isInstance(value: unknown): value is CcsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  static fromJSON(json: CcsErrorJson): CcsError {
    const code = (json.code in ERROR_CODES ? json.code : 'UPSTREAM_ERROR') as CcsErrorCode;
    return new CcsError(code, json.message, {
      suggestion: json.suggestion,
      retryable: json.retryable,
      status: json.status,
      retryAfterSeconds: json.retryAfterSeconds,
      details: json.details,
    });
  }

  toJSON(): CcsErrorJson {
    return {
      code: this.code,
      message: this.message,
      ...(this.suggestion ? { suggestion: this.suggestion } : {}),
      retryable: this.retryable,
      status: this.status,
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  /** One line for a terminal: the message, then what to do. */
  toUserString(): string {
    return this.suggestion ? `${this.message} ${this.suggestion}` : this.message;
  }
}

export const usageError = (message: string, suggestion?: string) =>
  new CcsError('USAGE', message, { suggestion });

export const configError = (message: string, suggestion?: string, details?: Record<string, unknown>) =>
  new CcsError('CONFIG_INVALID', message, { suggestion, details });

/** Wraps anything thrown into a CcsError (INTERNAL unless it already is one). */
export function toCcsError(error: unknown): CcsError {
  if (CcsError.isInstance(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new CcsError('CANCELLED', 'The operation was cancelled.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CcsError('INTERNAL', `Unexpected error: ${message}`, {
    cause: error,
    suggestion: 'Please report this at the ccs issue tracker with the command you ran.',
  });
}

/**
 * The same error with more structured details (e.g. which provider and sign-in method it came from,
 * so whoever prints it can say what to do; keys the error already has win) and, when given, a new
 * suggestion. Anything not yet a CcsError is wrapped first.
 */
export function withErrorDetails(
  error: unknown,
  details: Record<string, unknown>,
  options: { suggestion?: string } = {},
): CcsError {
  const e = toCcsError(error);
  return new CcsError(e.code, e.message, {
    suggestion: options.suggestion ?? e.suggestion,
    cause: e.cause,
    retryable: e.retryable,
    status: e.status,
    retryAfterSeconds: e.retryAfterSeconds,
    details: e.details ? { ...details, ...e.details } : Object.keys(details).length ? details : undefined,
  });
}
