import { randomBytes } from 'node:crypto';
import { CcsError, type Logger, type Provider } from '@ccs/core';
import { createCliHost } from '../../host/create-cli-host.js';
import { buildClaudeEnv, droppedEnvKeys } from '../../launch/build-claude-env.js';
import { claudeSettingsArgs } from '../../launch/claude-settings-args.js';
import { describeLaunch } from '../../launch/describe-launch.js';
import { prepareCodexModels } from '../../launch/prepare-codex-models.js';
import { resolveClaudeExecutable } from '../../launch/resolve-claude-executable.js';
import { runClaude } from '../../launch/run-claude.js';
import { info, style, terminal, warn } from '../../output/terminal.js';
import type { CodexArgs } from './parse-codex-args.js';

/** How long stopping the proxy may take before ccs exits anyway (open streams are cut). */
const PROXY_CLOSE_TIMEOUT_MS = 2_000;

// TEMPORARY until @ccs/proxy exports startProxy (issue 5): typed from CODEX-SEAMS so this compiles now.
interface RunningProxyLike {
  url: string;
  close(): Promise<void>;
}
type StartProxyLike = (options: {
  providers: ReadonlyMap<string, Provider>;
  defaultProviderId?: string;
  apiKey: string;
  host?: string;
  port?: number;
  models?: { default?: string; opus?: string; sonnet?: string; haiku?: string };
  effortOverride?: 'low' | 'medium' | 'high' | 'xhigh';
  trace?: (line: string) => void;
  logger?: Logger;
}) => Promise<RunningProxyLike>;
async function loadProxy(): Promise<{ startProxy: StartProxyLike }> {
  const mod = (await import('@ccs/proxy')) as unknown as { startProxy?: StartProxyLike };
  if (!mod.startProxy) throw new CcsError('INTERNAL', 'The ccs proxy is not available in this build yet.');
  return { startProxy: mod.startProxy };
}

/** A fresh key per session: each `ccs codex` has its own proxy, and nothing else may use it. */
export function generateSessionApiKey(): string {
  return `ccs-session-${randomBytes(24).toString('base64url')}`;
}

async function closeWithin(close: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    close().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * `ccs codex [claude args…]`: account (login first if none) → settings and plan-aware models → the
 * proxy in-process on 127.0.0.1:<free port> with a fresh key → Claude Code with inherited stdio.
 * Exits with Claude Code's exit code; the proxy stops when Claude Code exits.
 */
export async function runCodexLaunch(args: CodexArgs): Promise<number> {
  let host = await createCliHost({ verbose: args.verbose });
  // Checked before any login or port: a missing Claude Code should cost the user nothing.
  const executable = resolveClaudeExecutable(host.claudePath, host.env);
  let provider = host.provider('codex');

  let account = await provider.accounts.getDefault();
  if (!account) {
    info('No Codex account yet: signing in first (as ccs codex --auth).');
    const { runCodexAuth } = await import('./auth.js');
    const code = await runCodexAuth({ ...args, action: 'auth', claudeArgs: [] });
    if (code !== 0) return code;
    await host.dispose();
    host = await createCliHost({ verbose: args.verbose, reportWarnings: false });
    provider = host.provider('codex');
    account = await provider.accounts.getDefault();
    if (!account) {
      throw new CcsError('AUTH_REQUIRED', 'No Codex account is signed in.', {
        suggestion: 'Run: ccs codex --auth',
      });
    }
  }

  const prepared = await prepareCodexModels({
    provider,
    account,
    settingsFile: host.paths.settingsFile('codex'),
    effortFlag: args.effort,
    env: host.env,
    notice: (line) => info(`${style.cyan('notice')} ${line}`),
    warn: (line) => warn(line),
  });
  for (const line of prepared.notices) info(`${style.cyan('notice')} ${line}`);

  const trace = args.verbose ? (line: string) => terminal.err(style.dim(line)) : undefined;
  const apiKey = generateSessionApiKey();
  const { startProxy } = await loadProxy();
  const proxy = await startProxy({
    providers: host.providers,
    defaultProviderId: 'codex',
    apiKey,
    host: '127.0.0.1',
    port: 0,
    models: prepared.claudeModels,
    ...(prepared.effortOverride ? { effortOverride: prepared.effortOverride } : {}),
    ...(trace ? { trace } : {}),
    logger: host.logger,
  });

  try {
    const settingsArgs = claudeSettingsArgs(prepared.settings.otherSettings, args.claudeArgs);
    const env = buildClaudeEnv({
      baseEnv: process.env,
      settingsEnv: prepared.settings.extraEnv,
      baseUrl: proxy.url,
      apiKey,
      models: prepared.claudeModels,
    });
    if (args.verbose) {
      const lines = describeLaunch({
        account,
        slots: prepared.slots,
        proxyUrl: proxy.url,
        claudePath: executable.path,
        settingsFile: prepared.settingsFile,
        droppedEnv: droppedEnvKeys(process.env, prepared.settings.extraEnv),
        settingsArgsNote: settingsArgs.skipped,
      });
      for (const line of lines) terminal.err(style.dim(line));
    }
    return await runClaude({ executable, args: [...settingsArgs.args, ...args.claudeArgs], env });
  } finally {
    await closeWithin(() => proxy.close(), PROXY_CLOSE_TIMEOUT_MS);
    await closeWithin(() => host.dispose(), PROXY_CLOSE_TIMEOUT_MS);
    // Safety net: if a stray handle (a socket, a timer) would keep ccs alive after Claude Code is gone,
    // exit anyway. unref: it never delays a clean exit, it only fires if something else lingers.
    if (!process.env.VITEST) setTimeout(() => process.exit(process.exitCode ?? 0), 3_000).unref();
  }
}
