import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterEach, beforeEach } from 'vitest';
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
  /** Secrets (token values, local API key) found in any output of ccs so far: must stay empty. */
  leakedSecrets(): string[];
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
/**
 * Gives every test of the file a fresh context (its own emulator and sandbox), closed after the test:
 * `let ctx: E2eContext; useE2eContext((c) => { ctx = c; });`.
 */
export function useE2eContext(set: (ctx: E2eContext) => void, env: Record<string, string> = {}): void {
  let current: E2eContext | undefined;
  beforeEach(async () => {
    current = await createE2eContext(env);
    set(current);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
}

export async function createE2eContext(env: Record<string, string> = {}): Promise<E2eContext> {
  const emu = await startEmulator({ port: 0 });
  const sandbox = await createSandbox({ issuer: emu.issuer, baseUrl: emu.baseUrl, env });
  const defaults = (options: ProcessOptions = {}): ProcessOptions => ({
    env: sandbox.env,
    cwd: sandbox.projectDir,
    timeoutMs: 90_000,
    ...options,
  });
  // Everything ccs printed in this context, checked for secrets when the context closes.
  const outputs: Array<() => string> = [];
  const leakedSecrets = () => {
    const all = outputs.map((o) => o()).join('\n');
    return secretsOf(sandbox).filter((secret) => all.includes(secret));
  };
  return {
    emu,
    sandbox,
    leakedSecrets,
    async ccs(args, options) {
      const result = await runCcs(args, defaults(options));
      outputs.push(() => `${result.stdout}\n${result.stderr}`);
      return result;
    },
    startCcs(args, options) {
      const proc = startCcs(args, defaults(options));
      outputs.push(() => {
        const { stdout, stderr } = proc.output();
        return `${stdout}\n${stderr}`;
      });
      return proc;
    },
    async login(email, plan, options = {}) {
      emu.control.addAccount({ email, plan });
      emu.control.setAuthorizeBehavior({ email });
      const result = await loginHeadless({
        env: sandbox.env,
        cwd: sandbox.projectDir,
        via: options.via ?? 'callback',
        extraArgs: options.extraArgs ?? [],
      });
      outputs.push(() => `${result.stdout}\n${result.stderr}`);
      if (result.code !== 0) {
        throw new Error(
          `ccs codex --auth --headless exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
        );
      }
      return result;
    },
    async close() {
      const leaked = leakedSecrets();
      await emu.close();
      sandbox.cleanup();
      if (leaked.length > 0) {
        throw new Error(
          `${leaked.length} secret(s) from CCS_HOME appeared in ccs's output (tokens or the local API key)`,
        );
      }
    },
  };
}

/** The secrets ccs keeps under CCS_HOME: OAuth tokens from the token files and the local API key. */
function secretsOf(sandbox: Sandbox): string[] {
  const secrets: string[] = [];
  const authDir = join(sandbox.ccsHome, 'cliproxy/auth');
  if (existsSync(authDir)) {
    for (const file of readdirSync(authDir).filter((f) => f.endsWith('.json'))) {
      try {
        const data = JSON.parse(readFileSync(join(authDir, file), 'utf8')) as Record<string, unknown>;
        for (const key of ['access_token', 'refresh_token', 'id_token']) {
          const value = data[key];
          if (typeof value === 'string' && value.length >= 16) secrets.push(value);
        }
      } catch {
        // A file being rewritten right now; the next check sees it.
      }
    }
  }
  const config = join(sandbox.ccsHome, 'cliproxy/config.yaml');
  if (existsSync(config)) {
    const key = /api-keys:\s*\n\s*-\s*["']?([^"'\s]+)/.exec(readFileSync(config, 'utf8'))?.[1];
    if (key && key.length >= 16) secrets.push(key);
  }
  return secrets;
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
