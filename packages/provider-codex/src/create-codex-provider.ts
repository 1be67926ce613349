import {
  type AccountInfo,
  type AuthStrategy,
  CcsError,
  type CcsPaths,
  type CcsSettings,
  loadCcsSettings,
  type PluginContext,
  type Provider,
  resolveCcsPaths,
  withErrorDetails,
} from '@ccs/core';
import { CodexAccountStore, type SaveLoginResult } from './accounts/codex-account-store.js';
import {
  createCodexBrowserAuthStrategy,
  createCodexDeviceAuthStrategy,
} from './auth/codex-auth-strategies.js';
import { type CodexCredentialSource, createCodexCredentialSource } from './auth/codex-credential-source.js';
import { type CodexLoginProgress, DEFAULT_LOGIN_TIMEOUT_MS } from './auth/codex-login-types.js';
import { revokeCodexToken } from './auth/codex-oauth-client.js';
import type { CodexTokenSet } from './auth/codex-token-set.js';
import {
  CODEX_PROVIDER_ID,
  type CodexOptions,
  type CodexOptionsInput,
  codexOptionsSchema,
} from './codex-options.js';
import { codexOptionsFromSettings } from './codex-settings.js';
import { createCodexEffortPolicy } from './effort/codex-effort-policy.js';
import { type CodexModelCatalog, createCodexModelCatalog } from './models/codex-model-catalog.js';
import { CodexModelsCache } from './models/codex-models-cache.js';
import { type CodexQuotaSource, createCodexQuotaSource } from './quota/codex-quota-source.js';
import { createCodexChatModel } from './responses/codex-chat-model.js';

export type CodexLoginMethod = 'browser' | 'headless' | 'device';

export interface CodexLoginOptions {
  /** browser: open a browser; headless: print the URL (+ ssh tunnel) and accept a pasted redirect; device: device code. */
  method: CodexLoginMethod;
  progress: CodexLoginProgress;
  /** Name of the account (validated; on a re-login it renames). */
  nickname?: string;
  /** Make the signed-in account the default (the first account always is). */
  makeDefault?: boolean;
  signal?: AbortSignal;
  /** Pasted redirect URLs are read from here in headless mode (default process.stdin). */
  input?: NodeJS.ReadableStream;
  /** Browser/headless default 10 minutes; device default 15 minutes. */
  timeoutMs?: number;
  /** How the person cancels the wait, in your words (e.g. `press Ctrl-C to cancel`); default: not said. */
  cancelHint?: string;
  /** What to do without a usable browser, in your words (a CLI names its flags); default: not said. */
  noBrowserHint?: string;
}

/** The Codex provider plus the Codex-specific parts a CLI or another tool needs. */
export interface CodexProvider extends Provider {
  readonly options: CodexOptions;
  readonly paths: CcsPaths;
  readonly accounts: CodexAccountStore;
  readonly credentials: CodexCredentialSource;
  readonly quotaSource: CodexQuotaSource;
  readonly modelCatalog: CodexModelCatalog;
  readonly authStrategies: [AuthStrategy<CodexTokenSet>, AuthStrategy<CodexTokenSet>];
  /** Signs in interactively and stores the account (a same workspace + email login replaces its tokens). */
  login(options: CodexLoginOptions): Promise<SaveLoginResult>;
}

export interface CodexProviderDeps {
  paths: CcsPaths;
  options: CodexOptions;
  env?: Readonly<Record<string, string | undefined>>;
  openUrl?: (url: string) => Promise<boolean>;
  onWarning?: (message: string) => void;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Device-code polling floor (default 5 s); for tests. */
  deviceMinIntervalMs?: number;
  /** Your command that signs in (`add`: another account), named where the user must sign in again. */
  signInCommand?: CodexSignInCommand;
}

/**
 * The command your tool's user runs to sign in to Codex (`add`: to add another account), e.g.
 * `({ add }) => add ? 'mytool login --add' : 'mytool login'`. The provider names it on the browser's
 * sign-in error page and in the warning about a token file it had to skip; without it, those texts
 * name no command.
 */
export type CodexSignInCommand = (options: { add: boolean }) => string;

/** Composes the Codex provider: accounts, credentials (refresh), auth strategies, models, effort, chat, quota. */
export function buildCodexProvider(deps: CodexProviderDeps): CodexProvider {
  const { paths, options } = deps;
  const accounts = new CodexAccountStore({
    paths,
    options,
    onWarning: deps.onWarning,
    fetch: deps.fetch,
    now: deps.now,
    ...(deps.signInCommand ? { addAccountCommand: deps.signInCommand({ add: true }) } : {}),
    // A signed-out account's quota must not linger (a new login of the same id starts fresh).
    // Sign-in is when the account's plan becomes known: fetch its model list now, with the tokens just
    // obtained, so the next `ccs codex` starts offline with the right models (a failure only warns).
    onLoginSaved: async (account, tokens) => {
      const workspace = tokens.identity.chatgptAccountId;
      if (!workspace) return;
      await modelCatalog.refreshAfterLogin(account.id, account.plan, {
        accessToken: tokens.accessToken,
        chatgptAccountId: workspace,
        ...(tokens.identity.fedramp ? { fedramp: true } : {}),
      });
    },
    onRemoved: (ids) => {
      for (const id of ids) quotaSource.forget(id);
    },
  });
  const credentials = createCodexCredentialSource({
    store: accounts,
    authDir: paths.authDir,
    options,
    fetch: deps.fetch,
    now: deps.now,
    onWarning: deps.onWarning,
  });
  const strategyDeps = {
    options,
    openUrl: deps.openUrl,
    env: deps.env,
    fetch: deps.fetch,
    ...(deps.signInCommand ? { signInCommand: deps.signInCommand({ add: false }) } : {}),
  };
  const browser = createCodexBrowserAuthStrategy(strategyDeps);
  const device = createCodexDeviceAuthStrategy({ ...strategyDeps, minIntervalMs: deps.deviceMinIntervalMs });
  const modelCatalog = createCodexModelCatalog({
    options,
    credentials,
    cache: new CodexModelsCache(paths.cliproxyDir),
    planOf: async (accountId) => (await accounts.list()).find((account) => account.id === accountId)?.plan,
    fetch: deps.fetch,
    onError: (error) =>
      deps.onWarning?.(
        `Could not refresh the Codex model list (${error instanceof Error ? error.message : String(error)}); using the last known list.`,
      ),
  });
  const effortPolicy = createCodexEffortPolicy(modelCatalog);
  const quotaSource: CodexQuotaSource = createCodexQuotaSource({
    options,
    credentials,
    fetch: deps.fetch,
    onPlanObserved: (accountId, plan) => accounts.updatePlan(accountId, plan),
  });

  async function signIn(login: Parameters<CodexProvider['login']>[0]): Promise<SaveLoginResult> {
    // Fail on a malformed nickname before the user goes through the browser.
    if (login.nickname !== undefined) accounts.checkNicknameFormat(login.nickname);
    const strategy = login.method === 'device' ? device : browser;
    const tokens = await strategy.login({
      headless: login.method === 'headless',
      progress: login.progress,
      signal: login.signal,
      input: login.input,
      timeoutMs: login.timeoutMs ?? (login.method === 'device' ? undefined : DEFAULT_LOGIN_TIMEOUT_MS),
      ...(login.cancelHint ? { cancelHint: login.cancelHint } : {}),
      ...(login.noBrowserHint ? { noBrowserHint: login.noBrowserHint } : {}),
    });
    let saved: SaveLoginResult;
    try {
      saved = await accounts.saveLogin(tokens, {
        nickname: login.nickname,
        makeDefault: login.makeDefault,
      });
    } catch (error) {
      // Not stored (e.g. the nickname is taken): do not leave a live, unused sign-in behind upstream.
      await revokeCodexToken({ options, fetch: deps.fetch, refreshToken: tokens.refreshToken });
      throw error;
    }
    return saved;
  }

  return {
    specificationVersion: 'v1',
    id: CODEX_PROVIDER_ID,
    displayName: 'OpenAI Codex',
    options,
    paths,
    authStrategies: [browser, device],
    accounts,
    credentials,
    modelCatalog,
    effortPolicy,
    quotaSource,
    chatModel: (modelId: string, account: AccountInfo) =>
      createCodexChatModel({
        modelId,
        account,
        credentials,
        options,
        fetch: deps.fetch,
        modelInfo: (id) => modelCatalog.get(id),
        imageModel: () => modelCatalog.defaultSlotModels({ plan: account.plan }).default,
        onResponseHeaders: (accountId, headers) => {
          quotaSource.observe(accountId, headers);
          // A changed X-Models-Etag (or a stale list) refreshes the cached list in the background.
          modelCatalog.observeResponse(accountId, account.plan, headers);
        },
      }),
    async login(login) {
      try {
        return await signIn(login);
      } catch (error) {
        // Which provider and method failed: the CLI and the dashboard name the command that retries it.
        if (!CcsError.isInstance(error)) throw error;
        throw withErrorDetails(error, {
          providerId: CODEX_PROVIDER_ID,
          loginMethod: login.method ?? 'browser',
        });
      }
    },
  };
}

/**
 * Builds the Codex provider from a plugin context (what the host passes): the host's paths, env,
 * logger (warnings) and browser opener.
 */
export function createCodexProviderFromContext(context: PluginContext, options: CodexOptions): CodexProvider {
  const command = context.signInCommand;
  const providerId = context.providerId ?? CODEX_PROVIDER_ID;
  return buildCodexProvider({
    ...(command ? { signInCommand: ({ add }) => command(providerId, { add }) } : {}),
    paths: context.paths,
    options,
    env: context.env,
    openUrl: (url) => context.openUrl(url),
    onWarning: (message) => context.logger.warn(message),
    now: () => context.now(),
  });
}

export type CreateCodexProviderOptions = CodexOptionsInput & {
  /** CCS_HOME to use (default $CCS_HOME or ~/.ccs); ignored when `paths` is given. */
  home?: string;
  paths?: CcsPaths;
  env?: Readonly<Record<string, string | undefined>>;
  openUrl?: (url: string) => Promise<boolean>;
  onWarning?: (message: string) => void;
  fetch?: typeof fetch;
  deviceMinIntervalMs?: number;
  /** Your sign-in command, named on the sign-in error page and in token-file warnings (default: none). */
  signInCommand?: CodexSignInCommand;
};

/** The Codex provider for programmatic use, without the ccs host. */
export function createCodexProvider(input: CreateCodexProviderOptions = {}): CodexProvider {
  const { home, paths, env, openUrl, onWarning, fetch, deviceMinIntervalMs, signInCommand, ...rest } = input;
  const environment = env ?? process.env;
  const resolvedPaths =
    paths ?? resolveCcsPaths({ env: home ? { ...environment, CCS_HOME: home } : environment });
  return buildCodexProvider({
    paths: resolvedPaths,
    options: codexOptionsSchema.parse(rest),
    env: environment,
    openUrl,
    onWarning,
    fetch,
    deviceMinIntervalMs,
    signInCommand,
  });
}

export type CreateCodexProviderFromSettingsOptions = CodexOptionsInput & {
  /** The environment to read `CCS_HOME` and `CCS_CODEX_*` from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Use this directory as `CCS_HOME`. */
  home?: string;
  /** Settings already loaded with `loadCcsSettings()` (then `env` and `home` are not read). */
  settings?: CcsSettings;
  openUrl?: (url: string) => Promise<boolean>;
  onWarning?: (message: string) => void;
  fetch?: typeof fetch;
  /** Your sign-in command, named on the sign-in error page and in token-file warnings (default: none). */
  signInCommand?: CodexSignInCommand;
};

/**
 * The Codex provider exactly as the `ccs` CLI builds it: `CCS_HOME`, config.yaml (`codex:` section,
 * `auth-dir`) and the `CCS_CODEX_*` variables, in the CLI's order of precedence. The options you pass
 * (`issuer`, `baseUrl`, …) win over all of them. Reads config.yaml, hence async; a broken file
 * rejects with a `CcsError` (`CONFIG_INVALID`, naming file, line and key).
 */
export async function createCodexProviderFromSettings(
  input: CreateCodexProviderFromSettingsOptions = {},
): Promise<CodexProvider> {
  const { env, home, settings: given, openUrl, onWarning, fetch, signInCommand, ...overrides } = input;
  const settings = given ?? (await loadCcsSettings({ env, home }));
  return buildCodexProvider({
    paths: settings.paths,
    options: codexOptionsFromSettings(settings, overrides),
    env: settings.env,
    openUrl,
    onWarning,
    fetch,
    signInCommand,
  });
}

/** Narrows a provider from the host to the Codex provider (with its login and account store). */
export function isCodexProvider(provider: Provider): provider is CodexProvider {
  return (
    provider.id === CODEX_PROVIDER_ID && typeof (provider as Partial<CodexProvider>).login === 'function'
  );
}
