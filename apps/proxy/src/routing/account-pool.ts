import { type AccountInfo, CcsError, type Provider } from '@ccs/core';

export type RoutingStrategy = 'failover' | 'default-only';

interface Cooldown {
  until: number;
  reason: string;
  /** Consecutive rate limits without a reset time (exponential backoff). */
  strikes: number;
}

const ACCOUNT_LIST_TTL_MS = 3_000;
const DEFAULT_QUOTA_COOLDOWN_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

/** Errors that belong to one account (another account may well succeed). */
export function isAccountScoped(error: CcsError): boolean {
  return (
    error.code === 'QUOTA_EXCEEDED' ||
    error.code === 'RATE_LIMITED' ||
    error.code === 'AUTH_REQUIRED' ||
    error.code === 'AUTH_FAILED' ||
    error.code === 'AUTH_REFRESH_FAILED' ||
    error.code === 'PERMISSION_DENIED'
  );
}

/**
 * Which account serves a request: the pinned or default account first, then (strategy
 * `failover`) the provider's other accounts. An account that hit its usage limit cools down until
 * its reset; a plain rate limit backs off exponentially.
 */
export class AccountPool {
  private readonly cooldowns = new Map<string, Cooldown>();
  private readonly lists = new Map<string, { at: number; accounts: AccountInfo[] }>();

  constructor(
    private readonly strategy: RoutingStrategy,
    private readonly pinnedAccount: string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  private key(provider: Provider, accountId: string): string {
    return `${provider.id}\0${accountId}`;
  }

  private async accounts(provider: Provider): Promise<AccountInfo[]> {
    const cached = this.lists.get(provider.id);
    if (cached && this.now() - cached.at < ACCOUNT_LIST_TTL_MS) return cached.accounts;
    const accounts = await provider.accounts.list();
    let first: AccountInfo | undefined;
    if (this.pinnedAccount) first = await provider.accounts.resolve(this.pinnedAccount);
    first ??= accounts.find((account) => account.isDefault) ?? accounts[0];
    const ordered = first ? [first, ...accounts.filter((account) => account.id !== first.id)] : [];
    this.lists.set(provider.id, { at: this.now(), accounts: ordered });
    return ordered;
  }

  /** Accounts to try, in order, skipping those cooling down. Throws when none is usable. */
  async candidates(provider: Provider): Promise<AccountInfo[]> {
    const all = await this.accounts(provider);
    if (all.length === 0) {
      throw new CcsError('AUTH_REQUIRED', `No ${provider.displayName} account is signed in.`, {
        suggestion: `Run "ccs ${provider.id} --auth" to sign in.`,
      });
    }
    const pool = this.strategy === 'default-only' ? all.slice(0, 1) : all;
    const now = this.now();
    const usable = pool.filter(
      (account) => (this.cooldowns.get(this.key(provider, account.id))?.until ?? 0) <= now,
    );
    if (usable.length === 0) throw this.exhausted(provider, pool);
    return usable;
  }

  /**
   * Records an account-scoped failure; returns a trace note. Only quota and rate limits cool an
   * account down: a sign-in problem is retried on the next request (the user may have signed in again).
   */
  markFailure(provider: Provider, account: AccountInfo, error: CcsError): string {
    if (error.code !== 'QUOTA_EXCEEDED' && error.code !== 'RATE_LIMITED') {
      return `account ${account.nickname} failed (${error.code}); trying the next one`;
    }
    const key = this.key(provider, account.id);
    const previous = this.cooldowns.get(key);
    const now = this.now();
    let until: number;
    let strikes = 0;
    if (error.code === 'QUOTA_EXCEEDED') {
      const resetsAt =
        typeof error.details?.resetsAt === 'string' ? Date.parse(error.details.resetsAt) : Number.NaN;
      until = Number.isFinite(resetsAt)
        ? resetsAt
        : now +
          (error.retryAfterSeconds !== undefined
            ? error.retryAfterSeconds * 1000
            : DEFAULT_QUOTA_COOLDOWN_MS);
    } else {
      strikes = (previous?.strikes ?? 0) + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (strikes - 1));
      until = now + (error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoff);
    }
    this.cooldowns.set(key, { until, reason: error.code, strikes });
    return `account ${account.nickname} cooling down until ${new Date(until).toISOString()} (${error.code})`;
  }

  markSuccess(provider: Provider, account: AccountInfo): void {
    this.cooldowns.delete(this.key(provider, account.id));
  }

  /** The 429 a client gets when every account is cooling down: it names the earliest reset. */
  exhausted(provider: Provider, accounts: AccountInfo[]): CcsError {
    const now = this.now();
    let earliest: { until: number; account: AccountInfo; reason: string } | undefined;
    for (const account of accounts) {
      const cooldown = this.cooldowns.get(this.key(provider, account.id));
      if (cooldown && (!earliest || cooldown.until < earliest.until)) earliest = { ...cooldown, account };
    }
    const until = earliest?.until ?? now + DEFAULT_QUOTA_COOLDOWN_MS;
    const resetsAt = new Date(until).toISOString();
    const all =
      accounts.length === 1
        ? `The ${provider.displayName} account`
        : `All ${accounts.length} ${provider.displayName} accounts`;
    const quota = earliest?.reason === 'QUOTA_EXCEEDED' || earliest?.reason === 'RATE_LIMITED';
    return new CcsError(
      quota ? 'QUOTA_EXCEEDED' : 'AUTH_REQUIRED',
      quota
        ? `${all} reached their usage limit; the earliest reset is at ${resetsAt} (${earliest?.account.nickname}).`
        : `${all} failed to sign in.`,
      {
        retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
        details: { resetsAt },
        suggestion: quota
          ? 'Wait for the reset, or add another account with "ccs codex --auth --add".'
          : 'Run "ccs codex --auth" to sign in again.',
      },
    );
  }
}
