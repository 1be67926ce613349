import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { CcsError } from '@ccs/core';
import type { ClaudeExecutable } from './resolve-claude-executable.js';

/** Signals a terminal or a supervisor sends that Claude Code must see too. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface RunClaudeOptions {
  executable: ClaudeExecutable;
  args: readonly string[];
  env: Record<string, string>;
  /** Called as soon as the child process exists (startup benchmark, --verbose). */
  onSpawn?: (pid: number | undefined) => void;
}

/** The exit code a shell reports: the child's code, or 128 + the signal number. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal) return 128 + (constants.signals[signal] ?? 0);
  return 1;
}

function quoteForCmd(arg: string): string {
  return /^[\w\-.,:/\\=@+]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '""')}"`;
}

/**
 * Runs Claude Code with inherited stdio and resolves with its exit code. While it runs, SIGINT, SIGTERM
 * and SIGHUP sent to ccs are passed on to it (ccs itself does not die of them, so it can clean up after
 * Claude Code exits). A spawn failure is DEPENDENCY_MISSING.
 */
export function runClaude(options: RunClaudeOptions): Promise<number> {
  const { executable } = options;
  const args = [...executable.prefixArgs, ...options.args];
  return new Promise<number>((resolve, reject) => {
    const child = executable.shell
      ? spawn([executable.command, ...args].map(quoteForCmd).join(' '), {
          stdio: 'inherit',
          env: options.env,
          shell: true,
        })
      : spawn(executable.command, args, { stdio: 'inherit', env: options.env });

    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = FORWARDED_SIGNALS.map((signal) => {
      const handler = () => forward(signal);
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const cleanup = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };

    child.once('spawn', () => options.onSpawn?.(child.pid));
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        new CcsError(
          'DEPENDENCY_MISSING',
          `Could not start Claude Code at ${executable.path} (${error.code ?? error.message}).`,
          {
            suggestion:
              'Check that the file is executable, or reinstall it with: npm install -g @anthropic-ai/claude-code',
            cause: error,
          },
        ),
      );
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve(exitCodeOf(code, signal));
    });
  });
}
