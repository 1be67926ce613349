import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CCS_BIN } from '../../../../apps/cli/test/auth-harness.js';

export const PRELOAD = fileURLToPath(new URL('./kill-preload.cjs', import.meta.url));

export interface CcsResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** File-system mutations under CCS_HOME the run made before it ended (from the preload). */
  mutations?: number;
}

export interface RunOptions {
  /** SIGKILL just before the n-th file-system mutation under CCS_HOME. */
  killAtMutation?: number;
  /** SIGKILL after this many milliseconds (from outside, like a user's kill -9 or an OOM killer). */
  killAfterMs?: number;
  /** Bound on the whole run; a hang is killed and reported as such. */
  timeoutMs?: number;
  stdin?: string;
}

/** Runs the built `ccs` under the kill preload. Never throws for an exit code: the caller judges it. */
export async function runCcsUnderTest(
  args: string[],
  env: Record<string, string>,
  options: RunOptions = {},
): Promise<CcsResult> {
  const countFile = join(
    env.CCS_HOME!,
    '..',
    `mutations-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const childEnv: Record<string, string> = { ...env, CCS_KILL_COUNT_FILE: countFile };
  if (options.killAtMutation) childEnv.CCS_KILL_AT = String(options.killAtMutation);
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', PRELOAD, CCS_BIN, ...args], {
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdin.on('error', () => {});
  child.stdin.end(options.stdin ?? '');
  const timers: NodeJS.Timeout[] = [];
  if (options.killAfterMs !== undefined)
    timers.push(setTimeout(() => child.kill('SIGKILL'), options.killAfterMs));
  let timedOut = false;
  timers.push(
    setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000),
  );
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  for (const timer of timers) clearTimeout(timer);
  const ms = performance.now() - started;
  const mutations = await readFile(countFile, 'utf8').then(Number, () => undefined);
  await rm(countFile, { force: true });
  if (timedOut) stderr += `\n[harness] killed after ${options.timeoutMs ?? 30_000} ms: the run hung`;
  return { code, signal, stdout, stderr, ms, ...(mutations !== undefined ? { mutations } : {}) };
}
