import { CcsError, usageError } from '@ccs/core';
import {
  assertNicknameAvailable,
  type CodexLoginMethod,
  type CodexProvider,
  detectHeadless,
  type SaveLoginResult,
} from '@ccs/provider-codex/internal';
import { assertWritableDir } from '../../output/assert-writable.js';
import { info, style, terminal, warn } from '../../output/terminal.js';
import { codexHost } from './codex-provider-of.js';
import type { CodexArgs } from './parse-codex-args.js';

export interface InteractiveLoginOptions {
  device?: boolean;
  headless?: boolean;
  /** Keep the current default account (ccs codex --auth --add). */
  add?: boolean;
  nickname?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** --verbose: also show the steps (ports, exchanges). */
  verbose?: boolean;
}

/** CCS_CODEX_LOGIN_TIMEOUT: seconds to wait for a sign-in (default 10 minutes; 15 for device codes). */
export function loginTimeoutMs(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.CCS_CODEX_LOGIN_TIMEOUT?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw usageError(
      `CCS_CODEX_LOGIN_TIMEOUT must be a number of seconds, not "${raw}".`,
      'Set it to e.g. 600, or unset it for the default (600 seconds; 900 with --device).',
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * Signs in on the terminal (browser, headless or device code) and stores the account. Ctrl-C cancels
 * cleanly: the callback server is closed and nothing is written. Used by `--auth` and by the first
 * `ccs codex` when no account exists.
 */
export async function loginInteractively(
  provider: CodexProvider,
  options: InteractiveLoginOptions,
): Promise<SaveLoginResult> {
  // Validate the environment and the nickname before printing anything about how the sign-in will go
  // (a bad nickname found after the browser round trip would waste the sign-in).
  const timeoutMs = loginTimeoutMs(options.env);
  if (options.nickname !== undefined) assertNicknameAvailable(options.nickname, []);
  await assertWritableDir(provider.paths.authDir);
  let method: CodexLoginMethod = 'browser';
  if (options.device) method = 'device';
  else if (options.headless) method = 'headless';
  else {
    const detected = detectHeadless(options.env);
    if (detected.headless) {
      method = 'headless';
      info(style.dim(`No browser can be opened here (${detected.reason}); signing in headless.`));
    }
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await provider.login({
      method,
      nickname: options.nickname,
      makeDefault: !options.add,
      signal: controller.signal,
      timeoutMs,
      progress: {
        info: (line) => info(line),
        warn: (line) => warn(line),
        url: (url) => terminal.out(`  ${url}`),
        debug: options.verbose ? (line) => info(style.dim(line)) : undefined,
      },
    });
  } catch (error) {
    if (controller.signal.aborted) throw new CcsError('CANCELLED', 'Sign-in cancelled; nothing was changed.');
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export function describeLogin(result: SaveLoginResult, others: number): string {
  const { account } = result;
  const who = `${account.email ?? account.nickname}${account.plan ? ` (${account.plan})` : ''}`;
  if (!result.created) {
    return `Signed in again as ${who}; account "${account.nickname}" now uses the new sign-in${account.isDefault ? ' and is the default' : ''}.`;
  }
  const tail = account.isDefault
    ? others > 0
      ? ' and made it the default (your other accounts are kept).'
      : ' (default).'
    : `. Use it with: ccs codex --use ${account.nickname}`;
  return `Signed in as ${who}. Added account "${account.nickname}"${tail}`;
}

/** `ccs codex --auth [--add] [--nickname N] [--headless | --device]` */
export async function runCodexAuth(args: CodexArgs): Promise<number> {
  const { host, provider } = await codexHost({ verbose: args.verbose });
  try {
    const result = await loginInteractively(provider, {
      device: args.device,
      headless: args.headless,
      add: args.add,
      nickname: args.nickname,
      env: host.env,
      verbose: args.verbose,
    });
    const count = (await provider.accounts.list()).length;
    terminal.out(style.green(describeLogin(result, count - 1)));
    return 0;
  } finally {
    await host.dispose();
  }
}
