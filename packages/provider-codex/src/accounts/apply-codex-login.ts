import { withFileLock } from '@ccs/provider-kit';
import type { CodexTokenSet } from '../auth/codex-token-set.js';
import { type CodexAccountState, identitiesMatch, type ResolvedCodexAccount } from './codex-account-state.js';
import { assertNicknameAvailable, defaultNickname } from './codex-nickname.js';
import {
  type CodexTokenFile,
  codexAccountIdFor,
  tokenFileNameFor,
  tokenFilePath,
  writeCodexTokenFile,
} from './codex-token-file.js';

/** The lock guarding one token file across processes (used by refresh, login and logout). */
export const tokenLockPath = (tokenPath: string) => `${tokenPath}.lock`;

export interface ApplyLoginArgs {
  state: CodexAccountState;
  tokens: CodexTokenSet;
  email: string;
  nickname?: string;
  makeDefault?: boolean;
  authDir: string;
  now: Date;
}

/**
 * Puts a fresh login into the (locked) account state: the same workspace + email replaces that account's
 * tokens in its existing file (keeping unknown keys); anything else becomes a new account and file.
 * Returns the account and the refresh token it replaced, if any (to revoke).
 */
export async function applyCodexLogin(
  args: ApplyLoginArgs,
): Promise<{ account: ResolvedCodexAccount; created: boolean; replacedRefreshToken?: string }> {
  const { state, tokens, email, now } = args;
  const identity = tokens.identity;
  let account = state.accounts.find((a) => identitiesMatch(a.identity, identity));
  const others = state.accounts.filter((a) => a !== account).flatMap((a) => [a.nickname, a.id]);
  if (args.nickname !== undefined) assertNicknameAvailable(args.nickname, others);
  const created = !account;
  if (!account) {
    const base = codexAccountIdFor({ email, chatgptAccountId: identity.chatgptAccountId });
    let id = base;
    for (let n = 2; state.accounts.some((a) => a.id === id); n++) id = `${base}-${n}`;
    const tokenFile = tokenFileNameFor(id);
    account = {
      id,
      entry: { email, tokenFile, createdAt: now.toISOString() },
      tokenFile,
      path: tokenFilePath(args.authDir, tokenFile),
      tokens: { access_token: tokens.accessToken },
      identity,
      nickname: args.nickname ?? defaultNickname(email, others),
    };
    state.accounts.push(account);
  } else if (args.nickname !== undefined) {
    account.nickname = args.nickname;
  }
  const previous = account.tokens.refresh_token;
  const file: CodexTokenFile = {
    ...(created ? {} : account.tokens),
    type: 'codex',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    id_token: tokens.idToken,
    account_id: identity.chatgptAccountId ?? account.tokens.account_id,
    email,
    expired: tokens.expiresAt?.toISOString(),
    last_refresh: now.toISOString(),
  };
  const path = account.path;
  await withFileLock(tokenLockPath(path), () => writeCodexTokenFile(path, file, args.authDir));
  account.tokens = file;
  account.identity = identity;
  account.plan = identity.plan ?? account.plan;
  account.entry.plan = account.plan;
  if (args.makeDefault || !state.defaultId) state.defaultId = account.id;
  return {
    account,
    created,
    replacedRefreshToken: previous && previous !== tokens.refreshToken ? previous : undefined,
  };
}
