import { type Emulator, startEmulator } from '@ccs/testkit';
import {
  createSandbox,
  type LoginResult,
  loginHeadless,
  type ProcessOptions,
  type ProcessResult,
  rejectedResponsesCalls,
  responsesCalls,
  runCcs,
  type Sandbox,
  type StartedProcess,
  startCcs,
} from '../../../../scripts/lib/ccs-harness.mjs';

export interface E2eContext {
  emu: Emulator;
  sandbox: Sandbox;
  /** Runs the built `ccs` in the sandbox (cwd: its project dir) and waits for it to exit. */
  ccs(args: string[], options?: ProcessOptions): Promise<ProcessResult>;
  /** Starts the built `ccs` without waiting (for signals and slow streams). */
  startCcs(args: string[], options?: ProcessOptions): StartedProcess;
  /** Adds the account to the emulator, signs it in with `ccs codex --auth --headless` and checks it worked. */
  login(
    email: string,
    plan: string,
    options?: { via?: 'callback' | 'paste'; extraArgs?: string[] },
  ): Promise<LoginResult>;
  close(): Promise<void>;
}

/** A fresh emulator plus a throwaway user (HOME, CCS_HOME, project dir) whose ccs talks to it. */
export async function createE2eContext(env: Record<string, string> = {}): Promise<E2eContext> {
  const emu = await startEmulator({ port: 0 });
  const sandbox = await createSandbox({ issuer: emu.issuer, baseUrl: emu.baseUrl, env });
  const defaults = (options: ProcessOptions = {}): ProcessOptions => ({
    env: sandbox.env,
    cwd: sandbox.projectDir,
    timeoutMs: 90_000,
    ...options,
  });
  return {
    emu,
    sandbox,
    ccs: (args, options) => runCcs(args, defaults(options)),
    startCcs: (args, options) => startCcs(args, defaults(options)),
    async login(email, plan, options = {}) {
      emu.control.addAccount({ email, plan });
      emu.control.setAuthorizeBehavior({ email });
      const result = await loginHeadless({
        env: sandbox.env,
        cwd: sandbox.projectDir,
        via: options.via ?? 'callback',
        extraArgs: options.extraArgs ?? [],
      });
      if (result.code !== 0) {
        throw new Error(
          `ccs codex --auth --headless exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
        );
      }
      return result;
    },
    async close() {
      await emu.close();
      sandbox.cleanup();
    },
  };
}

/** A readable dump of a process result for assertion messages. */
export function describe(result: ProcessResult): string {
  return `exit=${result.code} signal=${result.signal} timedOut=${result.timedOut}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/**
 * Claude Code silently retries some rejected requests with less context, so a right answer on stdout proves
 * nothing: every upstream /codex/responses call must have been accepted (200), and there must be at least one.
 */
export function upstreamProblems(emu: Emulator): string | undefined {
  const calls = responsesCalls(emu);
  if (calls.length === 0) return 'no POST /codex/responses call reached the emulator';
  const rejected = rejectedResponsesCalls(emu);
  if (rejected.length === 0) return undefined;
  return `${rejected.length} of ${calls.length} upstream calls were rejected: ${rejected
    .map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
    .join(' | ')}`;
}

/** The JSON bodies Claude Code's requests became upstream, in order. */
export function responsesBodies(emu: Emulator): Array<Record<string, unknown>> {
  return responsesCalls(emu).map((r) => (r.body ?? {}) as Record<string, unknown>);
}

export function effortOf(body: Record<string, unknown>): unknown {
  return (body.reasoning as { effort?: unknown } | undefined)?.effort;
}
