import type { Logger } from '../spec/v1/plugin.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Field names whose values are never printed, whatever a caller passes (tokens, keys, codes, PKCE). */
const SECRET_FIELD =
  /token|secret|password|authorization|api[-_]?key|cookie|verifier|^code$|^state$|credential/i;

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Where a finished line goes (default: stderr). */
  write?: (line: string) => void;
  scope?: string;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify(value.message);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `key=value` pairs with secret-looking fields redacted. */
export function formatLogFields(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${key}=${SECRET_FIELD.test(key) ? '[redacted]' : formatValue(value)}`);
  }
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** A small leveled logger: one line per call, `[ccs:scope] level message key=value`. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? 'warn'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const make = (scope: string): Logger => {
    const log =
      (level: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
        if (RANK[level] < threshold) return;
        write(`[${scope}] ${level} ${message}${formatLogFields(fields)}`);
      };
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (child) => make(`${scope}:${child}`),
    };
  };
  return make(options.scope ?? 'ccs');
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ level: 'silent', write: () => {} });
