import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CcsError } from '@ccs/core';
import { startProxy } from '@ccs/proxy';
import { type CliHost, createCliHost } from '../../host/create-cli-host.js';
import { buildClaudeEnv, droppedEnvKeys } from '../../launch/build-claude-env.js';
import { claudeSettingsArgs } from '../../launch/claude-settings-args.js';
import { describeLaunch } from '../../launch/describe-launch.js';
import { effortFromEnv } from '../../launch/effort-from-env.js';
import { resolveClaudeExecutable } from '../../launch/resolve-claude-executable.js';
import { runClaude } from '../../launch/run-claude.js';
import { info, style, terminal, warn } from '../../output/terminal.js';
import { planStatusLine } from '../../statusline/statusline-settings.js';
import type { ProviderArgs } from './parse-provider-args.js';
import { providerOf, unavailableProviders } from './provider-host.js';
import { checkProviderSettings, prepareLaunchModels } from './provider-settings.js';

/** How long stopping the proxy may take before ccs exits anyway (open streams are cut). */
const CLOSE_TIMEOUT_MS = 2_000;

/** A fresh key per session: each `ccs <provider>` has its own proxy, and nothing else may use it. */
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
 * `ccs <provider> [claude args…]`: account (login first if none) → settings and plan-aware models → the
 * proxy in-process on 127.0.0.1:<free port> with a fresh key → Claude Code with inherited stdio.
 * Exits with Claude Code's exit code; the proxy stops when Claude Code exits.
 */
export async function runLaunch(args: ProviderArgs): Promise<number> {
  const host = await createCliHost({ verbose: args.verbose });
  try {
    return await launchWithHost(host, args);
  } finally {
    // Open streams are cut after CLOSE_TIMEOUT_MS; a handle that still lingers after that is the bin's
    // concern (bin.ts exits 3 s after a command is done), never this function's.
    await closeWithin(() => host.dispose(), CLOSE_TIMEOUT_MS);
  }
}

async function launchWithHost(host: CliHost, args: ProviderArgs): Promise<number> {
  // Checked before any login or port: a missing Claude Code should cost the user nothing.
  const executable = resolveClaudeExecutable(host.claudePath, host.env);
  const provider = providerOf(host, args.providerId);
  const settingsFile = host.paths.settingsFile(provider.id);
  // A broken settings file is reported before a sign-in, not after it.
  await checkProviderSettings(provider, settingsFile);
  // So is a bad effort variable (--effort, validated while parsing, makes it irrelevant).
  if (!args.effort) effortFromEnv(host.env, provider.id);

  let account = await provider.accounts.getDefault();
  if (!account) {
    info(`No ${provider.displayName} account yet: signing in first (as ccs ${provider.id} --auth).`);
    const { describeLogin, signIn } = await import('./sign-in.js');
    const result = await signIn(provider, { env: host.env, authDir: host.paths.authDir });
    info(style.green(describeLogin(provider.id, result, 0)));
    account = await provider.accounts.getDefault();
    if (!account) {
      throw new CcsError('AUTH_REQUIRED', `No ${provider.displayName} account is signed in.`, {
        suggestion: `Run: ccs ${provider.id} --auth`,
      });
    }
  }

  const prepared = await prepareLaunchModels({
    provider,
    account,
    settingsFile,
    effortFlag: args.effort,
    ...(args.fast ? { fastFlag: true } : {}),
    claudeArgs: args.claudeArgs,
    providers: host.providers,
    env: host.env,
    notice: (line) => info(`${style.cyan('notice')} ${line}`),
    warn: (line) => warn(line),
  });
  for (const line of prepared.notices) info(`${style.cyan('notice')} ${line}`);

  const trace = args.verbose ? (line: string) => terminal.err(style.dim(line)) : undefined;
  const apiKey = generateSessionApiKey();
  const statusLine = planStatusLine({
    ccsHome: host.paths.home,
    enabled: args.statusline,
    otherSettings: prepared.settings.otherSettings,
    env: process.env,
    cwd: process.cwd(),
    claudeArgs: args.claudeArgs,
  });
  const proxy = await startProxy({
    statusFile: statusLine.statusFile,
    ledgerDir: join(host.paths.home, 'usage'),
    providers: host.providers,
    defaultProviderId: provider.id,
    unavailableProviders: unavailableProviders(host),
    apiKey,
    host: '127.0.0.1',
    port: 0,
    models: prepared.claudeModels,
    routing: { strategy: host.config.routing.strategy },
    ...(prepared.effortOverride ? { effortOverride: prepared.effortOverride } : {}),
    ...(prepared.fast ? { fast: true } : {}),
    notice: (line: string) => info(`${style.cyan('notice')} ${line}`),
    ...(trace ? { trace } : {}),
    logger: host.logger,
  });

  try {
    const settingsArgs = claudeSettingsArgs(statusLine.settings, args.claudeArgs);
    const env = buildClaudeEnv({
      baseEnv: process.env,
      settingsEnv: prepared.settings.extraEnv,
      baseUrl: proxy.url,
      apiKey,
      models: prepared.claudeModels,
      contextWindow: provider.modelCatalog.get(prepared.slots.default.modelId)?.contextWindow,
    });
    env.CCS_STATUS_FILE = statusLine.statusFile;
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
      if (statusLine.skipped) lines.push(`[ccs] status line: ${statusLine.skipped}`);
      for (const line of lines) terminal.err(style.dim(line));
    }
    return await runClaude({ executable, args: [...settingsArgs.args, ...args.claudeArgs], env });
  } finally {
    await closeWithin(() => proxy.close(), CLOSE_TIMEOUT_MS);
  }
}
