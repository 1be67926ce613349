import {
  type AddedAccount,
  type AuthStrategy,
  CcsError,
  detectHeadless,
  type LoginContext,
  type Provider,
  usageError,
} from '@ccs/core/internal';
import { assertWritableDir } from '../../output/assert-writable.js';
import { info, style, terminal, warn } from '../../output/terminal.js';
import { providerEnvName } from '../../settings/provider-env-name.js';
import type { ProviderArgs } from './parse-provider-args.js';
import { providerHost } from './provider-host.js';
import { secretReader } from './read-secret.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface SignInOptions {
  device?: boolean;
  headless?: boolean;
  /** --with-api-key: the key comes from stdin. */
  withApiKey?: boolean;
  /** Keep the current default account (--auth --add). */
  add?: boolean;
  nickname?: string;
  env: Env;
  authDir: string;
  /** --verbose: also show the steps (ports, exchanges). */
  verbose?: boolean;
}

/** `CCS_<PROVIDER>_LOGIN_TIMEOUT` (then `CCS_LOGIN_TIMEOUT`): seconds to wait for a sign-in. */
export function loginTimeoutMs(providerId: string, env: Env): number | undefined {
  const name = providerEnvName(providerId, 'LOGIN_TIMEOUT');
  const key = env[name]?.trim() ? name : 'CCS_LOGIN_TIMEOUT';
  const raw = env[key]?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw usageError(
      `${key} must be a number of seconds, not "${raw}".`,
      'Set it to e.g. 600, or unset it for the default.',
    );
  }
  return Math.round(seconds * 1000);
}

/** The strategy the flags ask for, among the provider's (in its order of preference). */
export function pickStrategy(
  provider: Provider,
  options: Pick<SignInOptions, 'device' | 'headless' | 'withApiKey'>,
): AuthStrategy {
  const strategies = provider.authStrategies;
  const cmd = `ccs ${provider.id}`;
  const kinds = strategies.map((s) => s.kind).join(', ') || 'none';
  const find = (kind: AuthStrategy['kind'], flag: string) => {
    const found = strategies.find((s) => s.kind === kind);
    if (!found)
      throw usageError(
        `${provider.displayName} has no ${flag} sign-in (it offers: ${kinds}).`,
        `Run "${cmd} --auth" for its own way to sign in.`,
      );
    return found;
  };
  if (options.device) return find('oauth-device', '--device');
  if (options.withApiKey) return find('api-key', 'API-key (--with-api-key)');
  if (options.headless) return find('oauth-browser', '--headless browser');
  const first = strategies[0];
  if (!first) throw usageError(`${provider.displayName} offers no way to sign in.`, `See "${cmd} --help".`);
  return first;
}

type AddAccount = NonNullable<Provider['accounts']['add']>;

/** What a sign-in needs once everything that can fail without the person has been checked. */
export interface PreparedSignIn {
  strategy: AuthStrategy;
  timeoutMs: number | undefined;
  add: AddAccount;
}

/**
 * The checks every sign-in makes before anyone is asked anything (the CLI's `--auth` and the
 * dashboard's page alike): the provider stores accounts, the login timeout setting, the nickname, a
 * strategy for the flags, a writable token folder.
 */
export async function prepareSignIn(
  provider: Provider,
  options: Pick<SignInOptions, 'device' | 'headless' | 'withApiKey' | 'nickname' | 'env' | 'authDir'>,
): Promise<PreparedSignIn> {
  const add = provider.accounts.add?.bind(provider.accounts);
  if (!add) {
    throw usageError(
      `${provider.displayName} keeps no sign-ins of its own: there is nothing to sign in to.`,
      `Its accounts come from the plugin's configuration; list them with: ccs ${provider.id} --accounts`,
    );
  }
  const timeoutMs = loginTimeoutMs(provider.id, options.env);
  if (options.nickname !== undefined) provider.accounts.checkNickname?.(options.nickname);
  const strategy = pickStrategy(provider, options);
  await assertWritableDir(options.authDir);
  return { strategy, timeoutMs, add };
}

/** Runs the strategy and stores what it returned; a sign-in cancelled through `context.signal` stores nothing. */
export async function loginAndAdd(
  prepared: PreparedSignIn,
  context: LoginContext,
  account: { nickname?: string; makeDefault: boolean },
): Promise<AddedAccount> {
  try {
    return await prepared.add(await prepared.strategy.login(context), {
      ...(account.nickname !== undefined ? { nickname: account.nickname } : {}),
      makeDefault: account.makeDefault,
    });
  } catch (error) {
    if (context.signal?.aborted) throw new CcsError('CANCELLED', 'Sign-in cancelled; nothing was changed.');
    throw error;
  }
}

/**
 * Signs in with one of the provider's auth strategies and stores the account through its account
 * manager. Ctrl-C cancels cleanly: nothing is written. Used by `--auth` and by a first launch.
 */
export async function signIn(provider: Provider, options: SignInOptions): Promise<AddedAccount> {
  const prepared = await prepareSignIn(provider, options);
  const { strategy, timeoutMs } = prepared;
  const readSecret = secretReader(options.withApiKey === true);
  if (strategy.kind === 'api-key' && !readSecret) {
    throw usageError(
      `${provider.displayName} signs in with an API key, and there is no terminal to ask for it.`,
      `Pipe the key in: printf '%s\\n' "$KEY" | ccs ${provider.id} --auth --with-api-key`,
    );
  }
  let headless = options.headless === true;
  if (!headless && strategy.kind === 'oauth-browser') {
    const detected = detectHeadless(options.env);
    if (detected.headless) {
      headless = true;
      info(style.dim(`No browser can be opened here (${detected.reason}); signing in headless.`));
    }
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const context: LoginContext = {
      headless,
      signal: controller.signal,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(readSecret ? { readSecret } : {}),
      cancelHint: 'press Ctrl-C to cancel',
      noBrowserHint: 'No browser on this machine? Use --headless or --auth --device.',
      progress: {
        info: (line: string) => info(line),
        warn: (line: string) => warn(line),
        // OAuth strategies show the URL on its own line (stdout, so it can be copied or piped).
        url: (url: string) => terminal.out(`  ${url}`),
        debug: options.verbose ? (line: string) => info(style.dim(line)) : undefined,
      } as LoginContext['progress'],
    };
    return await loginAndAdd(prepared, context, {
      ...(options.nickname !== undefined ? { nickname: options.nickname } : {}),
      makeDefault: !options.add,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export function describeLogin(providerId: string, result: AddedAccount, others: number): string {
  const { account } = result;
  const who = `${account.email ?? account.nickname}${account.plan ? ` (${account.plan})` : ''}`;
  if (!result.created) {
    return `Signed in again as ${who}; account "${account.nickname}" now uses the new sign-in${account.isDefault ? ' and is the default' : ''}.`;
  }
  const tail = account.isDefault
    ? others > 0
      ? ' and made it the default (your other accounts are kept).'
      : ' (default).'
    : `. Use it with: ccs ${providerId} --use ${account.nickname}`;
  return `Signed in as ${who}. Added account "${account.nickname}"${tail}`;
}

/** `ccs <provider> --auth [--add] [--nickname N] [--headless | --device | --with-api-key]` */
export async function runAuth(args: ProviderArgs): Promise<number> {
  const { host, provider } = await providerHost(args.providerId, { verbose: args.verbose });
  try {
    const result = await signIn(provider, {
      device: args.device,
      headless: args.headless,
      withApiKey: args.withApiKey,
      add: args.add,
      ...(args.nickname !== undefined ? { nickname: args.nickname } : {}),
      env: host.env,
      authDir: host.paths.authDir,
      verbose: args.verbose,
    });
    const count = (await provider.accounts.list()).length;
    terminal.out(style.green(describeLogin(provider.id, result, count - 1)));
    return 0;
  } finally {
    await host.dispose();
  }
}
