import { CcsError } from '@ccs/core';
import { createSingleFlight, fileStamp, withFileLock } from '@ccs/provider-kit';
import { tokenLockPath } from '../accounts/apply-codex-login.js';
import type { CodexAccountStore } from '../accounts/codex-account-store.js';
import {
  type CodexTokenFile,
  identityOfTokenFile,
  readCodexTokenFile,
  writeCodexTokenFile,
} from '../accounts/codex-token-file.js';
import { CODEX_PROVIDER_ID, type CodexOptions } from '../codex-options.js';
import { accessTokenExpiry, readCodexIdentity } from './codex-id-token.js';
import { refreshCodexTokens } from './codex-oauth-client.js';

export interface CodexCredentials {
  accessToken: string;
  chatgptAccountId: string;
  plan?: string;
  email?: string;
  fedramp?: boolean;
}

export interface GetCredentialsOptions {
  /** Refresh even if the token looks valid (after a 401 from the backend). */
  forceRefresh?: boolean;
  /**
   * With forceRefresh: the access token the backend refused. If the file already holds a different one
   * (another request or process refreshed meanwhile), that one is returned without another refresh.
   */
  rejectedAccessToken?: string;
  signal?: AbortSignal;
}

export interface CodexCredentialSource {
  /** Fresh credentials for an account (AccountInfo.id), refreshing first when due: single-flight in-process +
   *  cross-process file lock + re-read of the token file before refreshing. forceRefresh: after a 401. */
  getCredentials(accountId: string, options?: GetCredentialsOptions): Promise<CodexCredentials>;
}

/** Refresh when the access token expires within this window (Codex CLI: 5 minutes). */
export const REFRESH_WINDOW_MS = 5 * 60_000;
/** …or when the last refresh is older than this (Codex CLI: 8 days). */
export const REFRESH_MAX_AGE_MS = 8 * 24 * 60 * 60_000;

export function tokenExpiry(file: CodexTokenFile): Date | undefined {
  const fromJwt = accessTokenExpiry(file.access_token);
  if (fromJwt) return fromJwt;
  const stored = file.expired ? new Date(file.expired) : undefined;
  return stored && !Number.isNaN(stored.getTime()) ? stored : undefined;
}

/**
 * When a token file becomes due for a proactive refresh (research §2.2), in ms since the epoch:
 * `at` or later by the expiry rule, after `after` by the age rule. Computed once per file version.
 */
function refreshDue(file: CodexTokenFile): { at: number; after: number } {
  const expiry = tokenExpiry(file);
  const last = file.last_refresh ? new Date(file.last_refresh).getTime() : Number.NaN;
  return {
    at: expiry ? expiry.getTime() - REFRESH_WINDOW_MS : Number.POSITIVE_INFINITY,
    after: Number.isNaN(last) ? Number.POSITIVE_INFINITY : last + REFRESH_MAX_AGE_MS,
  };
}

const isDue = (due: { at: number; after: number }, now: Date) =>
  now.getTime() >= due.at || now.getTime() > due.after;

/** Proactive refresh rule (research §2.2). A file with neither expiry nor last_refresh is used as is. */
export function codexTokensNeedRefresh(file: CodexTokenFile, now: Date): boolean {
  return isDue(refreshDue(file), now);
}

export interface CodexCredentialSourceArgs {
  store: CodexAccountStore;
  authDir: string;
  options: Pick<CodexOptions, 'issuer'>;
  now?: () => Date;
  fetch?: typeof fetch;
  onWarning?: (message: string) => void;
}

function toCredentials(file: CodexTokenFile, label: string): CodexCredentials {
  const identity = identityOfTokenFile(file);
  if (!identity.chatgptAccountId) {
    throw new CcsError('AUTH_REQUIRED', `The sign-in of ${label} has no ChatGPT workspace id.`, {
      details: { providerId: CODEX_PROVIDER_ID },
    });
  }
  return {
    accessToken: file.access_token,
    chatgptAccountId: identity.chatgptAccountId,
    plan: identity.plan,
    email: identity.email,
    fedramp: identity.fedramp,
  };
}

/**
 * Credentials from the token files, refreshed when due. Refresh tokens are single-use, so exactly one
 * refresh may run per account: concurrent callers in this process share one flight, and processes
 * serialise on a lock file and re-read the token file inside it (another process may have refreshed).
 */
export function createCodexCredentialSource(args: CodexCredentialSourceArgs): CodexCredentialSource {
  const now = () => args.now?.() ?? new Date();
  const flights = createSingleFlight<string, CodexTokenFile>();
  // A refresh token the server refused for good: fail fast until the file changes (a new login).
  const deadRefreshTokens = new Map<string, CcsError>();

  /** One version of a token file as read, with what every request derives from it. */
  interface KnownFile {
    stamp: string;
    file: CodexTokenFile;
    due: { at: number; after: number };
    credentials?: CodexCredentials;
  }
  // The proxy asks for credentials on every request: each token file is kept parsed in memory and read
  // again only when its stamp (one stat) changes, e.g. because another process refreshed it. Refreshing
  // never trusts this copy: it re-reads the file inside the cross-process lock.
  const known = new Map<string, KnownFile>();

  async function readKnown(path: string, label: string): Promise<KnownFile> {
    const stamp = fileStamp(path);
    const hit = known.get(path);
    if (hit && hit.stamp === stamp) return hit;
    const file = await readFile(path, label);
    const entry: KnownFile = { stamp, file, due: refreshDue(file) };
    // Kept only when the file did not change while it was read.
    if (fileStamp(path) === stamp) known.set(path, entry);
    else known.delete(path);
    return entry;
  }

  function credentialsOf(entry: KnownFile, label: string): CodexCredentials {
    entry.credentials ??= toCredentials(entry.file, label);
    return { ...entry.credentials };
  }

  async function readFile(path: string, label: string): Promise<CodexTokenFile> {
    const result = await readCodexTokenFile(path);
    if (result.status === 'ok') return result.file;
    throw new CcsError(
      'AUTH_REQUIRED',
      result.status === 'missing'
        ? `The token file of ${label} is missing.`
        : `The token file of ${label} (${path}) is unreadable: ${result.error}`,
      { details: { providerId: CODEX_PROVIDER_ID } },
    );
  }

  async function refreshLocked(
    path: string,
    label: string,
    seen: string,
    force: boolean,
    signal?: AbortSignal,
  ) {
    return withFileLock(tokenLockPath(path), async () => {
      const current = await readFile(path, label);
      // Someone else refreshed while we waited for the lock: use theirs.
      if (current.access_token !== seen && !codexTokensNeedRefresh(current, now())) return current;
      if (!force && !codexTokensNeedRefresh(current, now())) return current;
      const refreshToken = current.refresh_token;
      if (!refreshToken) {
        throw new CcsError(
          'AUTH_REFRESH_FAILED',
          `The sign-in of ${label} cannot be refreshed (no refresh token).`,
          { details: { providerId: CODEX_PROVIDER_ID } },
        );
      }
      const dead = deadRefreshTokens.get(refreshToken);
      if (dead) throw dead;
      let refreshed: Awaited<ReturnType<typeof refreshCodexTokens>>;
      try {
        refreshed = await refreshCodexTokens({ ...args, refreshToken, signal, accountLabel: label });
      } catch (error) {
        if (CcsError.isInstance(error) && error.details?.permanent)
          deadRefreshTokens.set(refreshToken, error);
        throw error;
      }
      const identity = refreshed.idToken ? readCodexIdentity(refreshed.idToken) : undefined;
      const next: CodexTokenFile = {
        ...current,
        access_token: refreshed.accessToken ?? current.access_token,
        refresh_token: refreshed.refreshToken ?? current.refresh_token,
        id_token: refreshed.idToken ?? current.id_token,
        account_id: identity?.chatgptAccountId ?? current.account_id,
        email: current.email ?? identity?.email,
        expired: refreshed.expiresAt?.toISOString() ?? current.expired,
        last_refresh: now().toISOString(),
      };
      await writeCodexTokenFile(path, next, args.authDir);
      return next;
    });
  }

  return {
    async getCredentials(accountId, options = {}) {
      const { path, account } = await args.store.tokenFileOf(accountId);
      const label = account.email ?? account.nickname;
      const entry = await readKnown(path, label);
      const file = entry.file;
      const force = options.forceRefresh === true;
      if (force && options.rejectedAccessToken && file.access_token !== options.rejectedAccessToken) {
        return credentialsOf(entry, label);
      }
      if (!force && !isDue(entry.due, now())) return credentialsOf(entry, label);
      const seen = options.rejectedAccessToken ?? file.access_token;
      try {
        const fresh = await flights.run(path, () => refreshLocked(path, label, seen, force, options.signal));
        // Only a plan the new id token changed is recorded: the usage endpoint's answer is newer than a stale claim.
        const plan = readCodexIdentity(fresh.id_token).plan;
        if (plan && plan !== readCodexIdentity(file.id_token).plan && plan !== account.plan) {
          args.store.updatePlan(accountId, plan).catch(() => {});
        }
        return toCredentials(fresh, label);
      } catch (error) {
        // A proactive refresh that failed for a passing reason: the current token still works for now.
        const expiry = tokenExpiry(file);
        const transient = !(
          CcsError.isInstance(error) &&
          (error.code === 'AUTH_REFRESH_FAILED' || error.code === 'CANCELLED')
        );
        if (!force && transient && expiry && expiry.getTime() > now().getTime()) {
          args.onWarning?.(
            `Could not refresh the sign-in of ${label} yet; using the current token until it expires.`,
          );
          return toCredentials(file, label);
        }
        throw error;
      }
    },
  };
}
