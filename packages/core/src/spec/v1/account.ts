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
  /** Records that the account served a request (lastUsedAt). */
  touch?(accountId: string): Promise<void>;
}
