import type { Credentials } from './auth.js';

/** What the CLI and the proxy know about one signed-in account of a provider. */
export interface AccountInfo {
  /** Stable id within the provider (e.g. derived from the workspace id and email). */
  id: string;
  providerId: string;
  nickname: string;
  email?: string;
  /** Raw plan string as the upstream names it (e.g. free, plus, pro, team); undefined when unknown. */
  plan?: string;
  isDefault: boolean;
  createdAt: string;
  lastUsedAt?: string;
  /** The upstream account/workspace id, when the provider has one. */
  upstreamAccountId?: string;
}

/** What storing a login did. */
export interface AddedAccount {
  account: AccountInfo;
  /** false when the same account was already signed in and its credentials were replaced. */
  created: boolean;
}

export interface AddAccountOptions {
  /** Name for the account (on a re-login of the same account it renames). */
  nickname?: string;
  /** Make it the default account (the first account always is). */
  makeDefault?: boolean;
}

/** The accounts of one provider: registry plus fresh credentials on demand. */
export interface AccountManager {
  list(): Promise<AccountInfo[]>;
  getDefault(): Promise<AccountInfo | undefined>;
  /** By nickname, email or id (case-insensitive); throws a usage CcsError listing known nicknames. */
  resolve(nameOrEmail: string): Promise<AccountInfo>;
  setDefault(accountId: string): Promise<void>;
  rename(accountId: string, nickname: string): Promise<void>;
  /** Removes the account and revokes its tokens upstream (best effort). */
  remove(accountId: string): Promise<void>;
  /**
   * Stores what one of the provider's `authStrategies` returned from `login()` as an account (0600
   * file). Without it the host cannot sign in to this provider (`ccs <provider> --auth` says so).
   */
  add?(credentials: Credentials, options?: AddAccountOptions): Promise<AddedAccount>;
  /** Throws a usage CcsError when a nickname is malformed, so a login can fail before it starts. */
  checkNickname?(nickname: string): void;
  /** Records that the account served a request (lastUsedAt). */
  touch?(accountId: string): Promise<void>;
}
