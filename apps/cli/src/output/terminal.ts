import { CcsError, suggestionWithHint, toCcsError } from '@ccs/core/internal';
import { fsErrorAsCcsError } from './fs-error.js';

export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  color: boolean;
  isTTY: boolean;
}

function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean(stream.isTTY);
}

export const terminal: Terminal = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  color: useColor(process.stderr),
  isTTY: Boolean(process.stdout.isTTY),
};

const wrap = (code: string) => (text: string) => (terminal.color ? `\x1b[${code}m${text}\x1b[0m` : text);
export const style = {
  bold: wrap('1'),
  dim: wrap('2'),
  red: wrap('31'),
  green: wrap('32'),
  yellow: wrap('33'),
  cyan: wrap('36'),
};

/**
 * config.yaml errors name file and line but not always what to do; every error line should (the user
 * may not know the file can simply be fixed, or moved aside to start again from defaults).
 */
function defaultSuggestion(e: CcsError): string | undefined {
  if (e.exitCode !== 2 || typeof e.details?.file !== 'string' || typeof e.details.line !== 'number')
    return undefined;
  return `Fix that line (see docs/configuration.md), or move ${e.details.file} aside to start from the defaults.`;
}

/** Prints an error as one clear sentence (plus what to do) and returns the exit code. */
export function reportError(error: unknown, term: Terminal = terminal): number {
  const raw = CcsError.isInstance(error) && error.code === 'INTERNAL' ? error.cause : error;
  const e = fsErrorAsCcsError(raw) ?? toCcsError(error);
  term.err(`${style.red('error')} ${e.message}`);
  const suggestion = suggestionWithHint(e) ?? defaultSuggestion(e);
  if (suggestion) term.err(`  ${suggestion}`);
  if (e.code === 'INTERNAL' && process.env.CCS_DEBUG && e.cause instanceof Error && e.cause.stack) {
    term.err(style.dim(e.cause.stack));
  }
  return e.exitCode;
}

export function warn(message: string, term: Terminal = terminal): void {
  term.err(`${style.yellow('warning')} ${message}`);
}

export function info(message: string, term: Terminal = terminal): void {
  term.err(message);
}

export { CcsError };
