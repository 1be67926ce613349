import { type AccountInfo, CcsError, formatResetUtc, type Provider } from '@ccs/core/internal';
import { knownExhaustion, quotaPeekOf } from './known-exhaustion.js';

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
/** `AccountStore.touch` at most this often per account: use is recorded without a registry write per request. */
const TOUCH_INTERVAL_MS = 60_000;

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
 * its reset, and so does one the quota source already knows is out (e.g. from response headers);
 * a plain rate limit backs off exponentially.
 */
export class AccountPool {
  private readonly cooldowns = new Map<string, Cooldown>();
  private readonly lists = new Map<string, { at: number; accounts: AccountInfo[] }>();
  private readonly touched = new Map<string, number>();

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

  /**
   * When an account is set aside now, and why: a cooldown from an earlier failure, or the provider's
   * quota data (peek only: never a request on the request path) saying its usage limit is reached
   * until a reset still ahead. The later of the two wins.
   */
  private blockedUntil(
    provider: Provider,
    account: AccountInfo,
    now: number,
  ): { until: number; reason: string; why: string } | undefined {
    const cooldown = this.cooldowns.get(this.key(provider, account.id));
    const known = knownExhaustion(quotaPeekOf(provider)?.(account.id), now, provider.id);
    const fromCooldown =
      cooldown && cooldown.until > now
        ? { until: cooldown.until, reason: cooldown.reason, why: `cooling down (${cooldown.reason})` }
        : undefined;
    const fromQuota = known
      ? {
          until: known.until,
          reason: 'QUOTA_EXCEEDED',
          why: known.window
            ? `usage limit reached (${known.window} window at 100%)`
            : 'usage limit reached (as last reported)',
        }
      : undefined;
    if (fromCooldown && fromQuota) {
      // After a 429 the quota data names the same reset (to the second): it says more, so it is shown.
      const quotaWins = fromCooldown.reason === 'QUOTA_EXCEEDED' || fromQuota.until >= fromCooldown.until;
      const until = Math.max(fromQuota.until, fromCooldown.until);
      return { ...(quotaWins ? fromQuota : fromCooldown), until };
    }
    return fromQuota ?? fromCooldown;
  }

  /** The account requests go to first when nothing is set aside: the pinned or default one. */
  async first(provider: Provider): Promise<AccountInfo | undefined> {
    return (await this.accounts(provider))[0];
  }

  /**
   * Accounts to try, in order, skipping those cooling down or known to be out of quota (each skip is
   * added to `notes`, the request's trace). Throws the 429 naming the earliest reset when none is usable.
   */
  async candidates(provider: Provider, notes?: string[]): Promise<AccountInfo[]> {
    const all = await this.accounts(provider);
    if (all.length === 0) {
      throw new CcsError('AUTH_REQUIRED', `No ${provider.displayName} account is signed in.`, {
        suggestion: `Run "ccs ${provider.id} --auth" to sign in.`,
      });
    }
    const pool = this.strategy === 'default-only' ? all.slice(0, 1) : all;
    const now = this.now();
    const usable: AccountInfo[] = [];
    for (const account of pool) {
      const blocked = this.blockedUntil(provider, account, now);
      if (!blocked) usable.push(account);
      else
        notes?.push(
          `account ${account.nickname} skipped: ${blocked.why} until ${new Date(blocked.until).toISOString()}`,
        );
    }
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

  /**
   * The one place a served request is recorded against its account: any cooldown ends, and the
   * provider's store learns the account was used (`lastUsedAt`, at most once a minute, in the background).
   */
  recordUse(provider: Provider, account: AccountInfo): void {
    this.markSuccess(provider, account);
    const touch = provider.accounts.touch;
    if (!touch) return;
    const key = this.key(provider, account.id);
    const now = this.now();
    if (now - (this.touched.get(key) ?? Number.NEGATIVE_INFINITY) < TOUCH_INTERVAL_MS) return;
    this.touched.set(key, now);
    touch.call(provider.accounts, account.id).catch(() => {});
  }

  /**
   * What the client gets once every account it tried hit a quota or rate limit: with one account in
   * play, that account's own error; with more, the 429 over all of them (those skipped before sending
   * included), so the message and retry-after name the earliest reset of any.
   */
  async exhaustedAfter(provider: Provider, last: CcsError): Promise<CcsError> {
    const all = await this.accounts(provider);
    const pool = this.strategy === 'default-only' ? all.slice(0, 1) : all;
    return pool.length > 1 ? this.exhausted(provider, pool, last) : last;
  }

  /**
   * The 429 a client gets when no account can serve: it names the accounts and the earliest reset,
   * relatively and absolutely ("resets in 2h 15m (at 14:05 UTC, 2026-11-26)"), with retry-after.
   */
  exhausted(provider: Provider, accounts: AccountInfo[], fallback?: CcsError): CcsError {
    const now = this.now();
    let earliest: { until: number; account: AccountInfo; reason: string } | undefined;
    let allQuota = true;
    for (const account of accounts) {
      const blocked = this.blockedUntil(provider, account, now);
      if (!blocked) continue;
      if (blocked.reason !== 'QUOTA_EXCEEDED') allQuota = false;
      if (!earliest || blocked.until < earliest.until) earliest = { ...blocked, account };
    }
    if (!earliest) {
      // Nothing is set aside any more (e.g. a rate limit with retry-after 0): the last error says it best.
      if (fallback) return fallback;
      return new CcsError('AUTH_REQUIRED', `Every ${provider.displayName} account failed to sign in.`, {
        suggestion: `Run "ccs ${provider.id} --auth" to sign in again.`,
      });
    }
    const until = earliest.until;
    const names = accounts.map((account) => account.nickname).join(', ');
    const when = formatResetUtc(until, now);
    const dn = provider.displayName;
    let message: string;
    if (allQuota)
      message =
        accounts.length === 1
          ? `${dn} usage limit reached for ${names}; it resets ${when}.`
          : `${dn} usage limit reached for all accounts (${names}); the earliest resets ${when}.`;
    else
      message =
        accounts.length === 1
          ? `${dn} is rate limiting ${names}; it is usable again ${when}.`
          : `${dn} is rate limiting all accounts (${names}); the earliest is usable again ${when}.`;
    return new CcsError(allQuota ? 'QUOTA_EXCEEDED' : 'RATE_LIMITED', message, {
      retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
      details: { resetsAt: new Date(until).toISOString(), account: earliest.account.nickname },
      ...(allQuota
        ? { suggestion: `Wait for the reset, or add another account with "ccs ${provider.id} --auth --add".` }
        : {}),
    });
  }
}
