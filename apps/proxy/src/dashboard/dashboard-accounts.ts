import type { AccountInfo, Provider } from '@ccs/core';
import { CcsError } from '@ccs/core';
import { z } from 'zod';
import { accountKey } from './dashboard-state.js';

export const accountActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('default'),
    provider: z.string().max(100),
    account: z.string().max(200),
  }),
  z.strictObject({
    action: z.literal('rename'),
    provider: z.string().max(100),
    account: z.string().max(200),
    nickname: z.string().max(100),
  }),
  z.strictObject({
    action: z.literal('logout'),
    provider: z.string().max(100),
    account: z.string().max(200),
  }),
]);
export type AccountAction = z.output<typeof accountActionSchema>;

async function findAccount(
  providers: ReadonlyMap<string, Provider>,
  action: AccountAction,
): Promise<{ provider: Provider; account: AccountInfo }> {
  const provider = providers.get(action.provider);
  const account = provider
    ? (await provider.accounts.list()).find((a) => accountKey(provider.id, a.id) === action.account)
    : undefined;
  if (!provider || !account) throw new CcsError('NOT_FOUND', 'No such account; reload the page.');
  return { provider, account };
}

/**
 * The dashboard's account writes, through the provider's own account manager (the same checks as
 * `ccs <provider> --use / --nickname / --logout --account`): a bad nickname is the same usage error.
 */
export async function applyAccountAction(
  providers: ReadonlyMap<string, Provider>,
  action: AccountAction,
): Promise<{ ok: true; message: string; default?: string }> {
  const { provider, account } = await findAccount(providers, action);
  switch (action.action) {
    case 'default':
      await provider.accounts.setDefault(account.id);
      return {
        ok: true,
        message: `${account.nickname} is now the default account.`,
        default: account.nickname,
      };
    case 'rename': {
      await provider.accounts.rename(account.id, action.nickname.trim());
      return { ok: true, message: `${account.nickname} is now called ${action.nickname.trim()}.` };
    }
    case 'logout':
      // remove() also revokes the refresh token upstream, best effort, like --logout --account.
      await provider.accounts.remove(account.id);
      return { ok: true, message: `Signed out of ${account.nickname}.` };
  }
}
