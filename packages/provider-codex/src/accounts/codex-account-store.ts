import type {
  AccountInfo,
  AccountManager,
  AddAccountOptions,
  AddedAccount,
  CcsPaths,
  Credentials,
} from '@ccs/core';
import { CcsError, usageError } from '@ccs/core';
import { fileStamp, withFileLock } from '@ccs/provider-kit';
import { type CodexTokenIdentity, normalizeCodexPlan } from '../auth/codex-id-token.js';
import { revokeCodexToken } from '../auth/codex-oauth-client.js';
import type { CodexTokenSet } from '../auth/codex-token-set.js';
import { CODEX_PROVIDER_ID, type CodexOptions } from '../codex-options.js';
import { applyCodexLogin, tokenLockPath } from './apply-codex-login.js';
import {
  type CodexAccountState,
  type ResolvedCodexAccount,
  resolveCodexAccounts,
  syncRegistry,
  toAccountInfo,
} from './codex-account-state.js';
import {
  type AccountsRegistry,
  codexSectionOf,
  emptyRegistry,
  moveRegistryAside,
  readAccountsRegistry,
  writeAccountsRegistry,
} from './codex-accounts-registry.js';
import { assertNicknameAvailable } from './codex-nickname.js';
import { type CodexTokenFile, deleteCodexTokenFile } from './codex-token-file.js';

export interface CodexAccountStoreArgs {
  paths: Pick<CcsPaths, 'authDir' | 'accountsFile'>;
  options: Pick<CodexOptions, 'issuer'>;
  /** Where warnings go (corrupt files, failed revocations). Each distinct message is reported once. */
  onWarning?: (message: string) => void;
  /** The caller's command that adds an account, named in those warnings (none when absent). */
  addAccountCommand?: string;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Called with the ids of accounts just signed out (logout or remove), e.g. to drop their cached quota. */
  onRemoved?: (accountIds: string[]) => void;
  /** Called after a login was stored (every path: login() and the spec's add()), e.g. to fetch its model list. */
  onLoginSaved?: (account: AccountInfo, tokens: CodexTokenSet) => Promise<void>;
}

export interface SaveLoginOptions {
  /** Name for the account (validated); default: kept on re-login, else the email's local part. */
  nickname?: string;
  /** Make the account the default (the first account always becomes the default). */
  makeDefault?: boolean;
}

export interface SaveLoginResult {
  account: AccountInfo;
  /** false when the same workspace + email was already signed in and its tokens were replaced. */
  created: boolean;
}

export interface RemoveResult {
  removed: AccountInfo[];
  /** Accounts whose upstream revocation did not succeed (their tokens stay valid until they expire). */
  revokeFailed: AccountInfo[];
}

/**
 * The Codex accounts of one CCS_HOME: accounts.json joined with the token files. Every change is a
 * read-modify-write under a cross-process lock, so concurrent ccs processes never lose an update.
 */
export class CodexAccountStore implements AccountManager {
  readonly #args: CodexAccountStoreArgs;
  readonly #warned = new Set<string>();
  readonly #touched = new Map<string, number>();
  /** The last state read, and the stamps of the files it came from (see #stamp). */
  #cached: { stamp: string; state: CodexAccountState } | undefined;

  constructor(args: CodexAccountStoreArgs) {
    this.#args = args;
  }

  #now = () => this.#args.now?.() ?? new Date();
  #warn = (message: string) => {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#args.onWarning?.(message);
  };

  /**
   * Stamps of accounts.json and the auth folder (a token file created, removed or atomically replaced
   * changes the folder), plus those of the given token files (written in place by another tool).
   */
  #stamp(folders: string, accounts: readonly { path: string }[]): string {
    let stamp = folders;
    for (const account of accounts) stamp += `|${fileStamp(account.path)}`;
    return stamp;
  }

  #folderStamp(): string {
    return `${fileStamp(this.#args.paths.accountsFile)}|${fileStamp(this.#args.paths.authDir)}`;
  }

  /**
   * Current state without writing, except that a corrupt accounts.json is moved aside and rebuilt.
   * The proxy asks on every request: the state is kept in memory and read again only when a stat of
   * its files says another process (or this one) changed them. Callers must not modify it.
   */
  #resolve(registry: AccountsRegistry): Promise<CodexAccountState> {
    const { paths, addAccountCommand } = this.#args;
    return resolveCodexAccounts(paths.authDir, registry, this.#warn, this.#now(), addAccountCommand);
  }

  async #read(): Promise<CodexAccountState> {
    const before = this.#folderStamp();
    const cached = this.#cached;
    if (cached && cached.stamp === this.#stamp(before, cached.state.accounts)) return cached.state;
    const loaded = await readAccountsRegistry(this.#args.paths.accountsFile);
    if (loaded.status === 'corrupt') return this.#mutate(() => {});
    const registry = loaded.status === 'ok' ? loaded.registry : emptyRegistry();
    const state = await this.#resolve(registry);
    // Kept only when nothing changed while reading; otherwise the next call reads again.
    const after = this.#folderStamp();
    this.#cached = after === before ? { stamp: this.#stamp(after, state.accounts), state } : undefined;
    return state;
  }

  async #mutate<T>(
    change: (state: CodexAccountState) => T | Promise<T>,
  ): Promise<CodexAccountState & { value: T }> {
    const file = this.#args.paths.accountsFile;
    this.#cached = undefined;
    return withFileLock(`${file}.lock`, async () => {
      const loaded = await readAccountsRegistry(file);
      if (loaded.status === 'corrupt') {
        const aside = await moveRegistryAside(file);
        this.#warn(
          `${file} was unreadable (${loaded.error}); it was kept as ${aside} and rebuilt from the token files.`,
        );
      }
      const registry = loaded.status === 'ok' ? loaded.registry : emptyRegistry();
      const state = await this.#resolve(registry);
      const value = await change(state);
      syncRegistry(state);
      await writeAccountsRegistry(file, state.registry);
      return { ...state, value };
    });
  }

  #find(state: CodexAccountState, accountId: string): ResolvedCodexAccount {
    const account = state.accounts.find((a) => a.id === accountId);
    if (!account) {
      throw new CcsError('AUTH_REQUIRED', `The Codex account ${accountId} is not signed in.`, {
        details: { providerId: CODEX_PROVIDER_ID, unknownAccount: true },
      });
    }
    return account;
  }

  async list(): Promise<AccountInfo[]> {
    const state = await this.#read();
    return state.accounts.map((a) => toAccountInfo(a, state.defaultId));
  }

  async getDefault(): Promise<AccountInfo | undefined> {
    return (await this.list()).find((a) => a.isDefault);
  }

  async resolve(nameOrEmail: string): Promise<AccountInfo> {
    const accounts = await this.list();
    const wanted = nameOrEmail.trim().toLowerCase();
    const byName = accounts.filter(
      (a) => a.nickname.toLowerCase() === wanted || a.id.toLowerCase() === wanted,
    );
    if (byName.length === 1) return byName[0]!;
    const byEmail = accounts.filter((a) => a.email?.toLowerCase() === wanted);
    if (byEmail.length === 1) return byEmail[0]!;
    if (byEmail.length > 1) {
      throw usageError(
        `${nameOrEmail} is signed in to ${byEmail.length} workspaces.`,
        `Name one by its nickname: ${byEmail.map((a) => a.nickname).join(', ')}.`,
      );
    }
    throw new CcsError('USAGE', `No Codex account named "${nameOrEmail}".`, {
      suggestion: accounts.length
        ? `Known accounts: ${accounts.map((a) => a.nickname).join(', ')}.`
        : 'No account is signed in yet.',
      details: { providerId: CODEX_PROVIDER_ID, noAccounts: accounts.length === 0 },
    });
  }

  async setDefault(accountId: string): Promise<void> {
    await this.#mutate((state) => {
      this.#find(state, accountId);
      state.defaultId = accountId;
    });
  }

  async rename(accountId: string, nickname: string): Promise<void> {
    await this.#mutate((state) => {
      const account = this.#find(state, accountId);
      assertNicknameAvailable(
        nickname,
        state.accounts.filter((a) => a !== account).flatMap((a) => [a.nickname, a.id]),
      );
      account.nickname = nickname;
      account.entry.nickname = nickname;
    });
  }

  async remove(accountId: string): Promise<void> {
    const { revokeFailed } = await this.#remove((a) => a.id === accountId, true);
    if (revokeFailed.length) this.#warn(revokeWarning(revokeFailed));
  }

  /** Removes matching accounts (token files and entries), then revokes their refresh tokens best-effort. */
  async #remove(match: (a: ResolvedCodexAccount) => boolean, requireOne: boolean): Promise<RemoveResult> {
    const removed: Array<{ info: AccountInfo; tokens: CodexTokenFile }> = [];
    await this.#mutate(async (state) => {
      const targets = state.accounts.filter(match);
      if (requireOne && targets.length === 0) throw usageError('That Codex account is not signed in.');
      for (const account of targets) {
        await withFileLock(tokenLockPath(account.path), () => deleteCodexTokenFile(account.path));
        delete codexSectionOf(state.registry).accounts[account.id];
        removed.push({ info: toAccountInfo(account, state.defaultId), tokens: account.tokens });
      }
      state.accounts = state.accounts.filter((a) => !targets.includes(a));
      if (!state.accounts.some((a) => a.id === state.defaultId)) state.defaultId = state.accounts[0]?.id;
    });
    if (removed.length > 0) this.#args.onRemoved?.(removed.map((r) => r.info.id));
    const results = await Promise.all(
      removed.map(async ({ info, tokens }) => ({
        info,
        ok: await revokeCodexToken({
          options: this.#args.options,
          fetch: this.#args.fetch,
          refreshToken: tokens.refresh_token,
          accessToken: tokens.access_token,
        }),
      })),
    );
    return {
      removed: removed.map((r) => r.info),
      revokeFailed: results.filter((r) => !r.ok).map((r) => r.info),
    };
  }

  /** Signs out of one account (by id) or all; revocation failures are returned, not thrown. */
  async logout(accountId?: string): Promise<RemoveResult> {
    return this.#remove((a) => accountId === undefined || a.id === accountId, accountId !== undefined);
  }

  async touch(accountId: string): Promise<void> {
    // At most one registry write per account per minute: the proxy calls this on every request.
    const now = this.#now().getTime();
    if (now - (this.#touched.get(accountId) ?? 0) < 60_000) return;
    this.#touched.set(accountId, now);
    await this.#mutate((state) => {
      const account = state.accounts.find((a) => a.id === accountId);
      if (account) account.entry.lastUsedAt = this.#now().toISOString();
    });
  }

  /** Records the plan the usage endpoint reported (it wins over the id token's claim until the next login). */
  async updatePlan(accountId: string, plan: string): Promise<void> {
    const normalized = normalizeCodexPlan(plan);
    if (!normalized) return;
    const current = (await this.#read()).accounts.find((a) => a.id === accountId);
    if (!current || current.plan === normalized) return;
    await this.#mutate((state) => {
      const account = state.accounts.find((a) => a.id === accountId);
      if (!account) return;
      account.plan = normalized;
      account.entry.plan = normalized;
    });
  }

  /** The token file of an account (for the credential source). */
  async tokenFileOf(accountId: string): Promise<{ path: string; account: AccountInfo }> {
    const state = await this.#read();
    const account = this.#find(state, accountId);
    return { path: account.path, account: toAccountInfo(account, state.defaultId) };
  }

  /** Checks a nickname's form before a login starts, so a bad one fails fast (uniqueness is checked on save). */
  checkNicknameFormat(nickname: string): void {
    assertNicknameAvailable(nickname, []);
  }

  checkNickname(nickname: string): void {
    this.checkNicknameFormat(nickname);
  }

  /**
   * The spec's way to store a login (what a Codex auth strategy's login() returned). A login that
   * cannot be stored (e.g. the nickname is taken) is revoked, so no live, unused sign-in is left upstream.
   */
  async add(credentials: Credentials, options: AddAccountOptions = {}): Promise<AddedAccount> {
    const tokens = credentials as unknown as CodexTokenSet;
    if (typeof tokens.refreshToken !== 'string' || typeof tokens.identity !== 'object') {
      throw new CcsError('LOGIN_FAILED', 'These credentials did not come from a Codex sign-in.', {
        suggestion: 'Sign in again with the Codex provider.',
      });
    }
    try {
      return await this.saveLogin(tokens, options);
    } catch (error) {
      await revokeCodexToken({
        options: this.#args.options,
        fetch: this.#args.fetch,
        refreshToken: tokens.refreshToken,
      });
      throw error;
    }
  }

  /**
   * Stores a fresh login. The same workspace + email replaces that account's tokens (re-login);
   * anything else becomes a new account. Best-effort revokes a replaced refresh token.
   */
  async saveLogin(tokens: CodexTokenSet, options: SaveLoginOptions = {}): Promise<SaveLoginResult> {
    const identity: CodexTokenIdentity = tokens.identity;
    const email = identity.email;
    if (!email) {
      throw new CcsError(
        'LOGIN_FAILED',
        'The sign-in returned no email address, so the account cannot be stored.',
        { details: { providerId: CODEX_PROVIDER_ID } },
      );
    }
    let replaced: string | undefined;
    const result = await this.#mutate(async (state) => {
      const applied = await applyCodexLogin({
        state,
        tokens,
        email,
        nickname: options.nickname,
        makeDefault: options.makeDefault,
        authDir: this.#args.paths.authDir,
        now: this.#now(),
      });
      replaced = applied.replacedRefreshToken;
      return { id: applied.account.id, created: applied.created };
    });
    if (replaced) {
      const ok = await revokeCodexToken({
        options: this.#args.options,
        fetch: this.#args.fetch,
        refreshToken: replaced,
      });
      if (!ok) this.#warn('Could not revoke the replaced sign-in upstream; it stays valid until it expires.');
    }
    const account = result.accounts.find((a) => a.id === result.value.id)!;
    const info = toAccountInfo(account, result.defaultId);
    await this.#args.onLoginSaved?.(info, tokens);
    return { account: info, created: result.value.created };
  }
}

export function revokeWarning(accounts: AccountInfo[]): string {
  const names = accounts.map((a) => a.email ?? a.nickname).join(', ');
  return `Signed out locally, but could not revoke the sign-in of ${names} upstream (offline?); it stays valid until it expires.`;
}
