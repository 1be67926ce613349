import { type AccountInfo, CcsError, type Provider, type QuotaSnapshot, toCcsError } from '@ccs/core';

export interface QuotaErrorInfo {
  /** A stable CcsError code (AUTH_REQUIRED, NETWORK_ERROR, …). */
  code: string;
  message: string;
  /** What the user should do, e.g. "reauth needed: run ccs <provider> --auth". */
  action: string;
}

export interface AccountQuotaResult {
  account: AccountInfo;
  snapshot?: QuotaSnapshot;
  error?: QuotaErrorInfo;
}

export interface QuotaReport {
  providerId: string;
  displayName: string;
  accounts: AccountQuotaResult[];
}

const SIGN_IN_CODES = new Set(['AUTH_REQUIRED', 'AUTH_FAILED', 'AUTH_REFRESH_FAILED', 'LOGIN_FAILED']);

/** One account's failure as data: a sign-in problem always says how to sign in again. */
export function quotaErrorInfo(error: unknown, providerId: string): QuotaErrorInfo {
  const e = toCcsError(error);
  const reauth = `reauth needed: run ccs ${providerId} --auth`;
  const action = SIGN_IN_CODES.has(e.code) ? reauth : (e.suggestion ?? 'Try again in a moment.');
  return { code: e.code, message: e.message, action };
}

/**
 * Reads the quota of every account of a provider at the same time (one slow or broken account never
 * delays or hides the others). `onSettled` reports progress.
 */
export async function collectQuota(
  provider: Provider,
  options: { onSettled?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<QuotaReport> {
  const source = provider.quotaSource;
  if (!source) {
    throw new CcsError(
      'USAGE',
      `${provider.displayName} has no quota source, so ccs cannot show its usage.`,
      {
        suggestion: `Check usage on the provider's own site; "ccs cliproxy quota --provider <id>" works for providers that report quota.`,
      },
    );
  }
  const accounts = await provider.accounts.list();
  let done = 0;
  const results = await Promise.all(
    accounts.map(async (account): Promise<AccountQuotaResult> => {
      try {
        const snapshot = await source.snapshot(account.id, options.signal ? { signal: options.signal } : {});
        return { account, snapshot };
      } catch (error) {
        return { account, error: quotaErrorInfo(error, provider.id) };
      } finally {
        done += 1;
        options.onSettled?.(done, accounts.length);
      }
    }),
  );
  return { providerId: provider.id, displayName: provider.displayName, accounts: results };
}
