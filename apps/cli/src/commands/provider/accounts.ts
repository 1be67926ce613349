import { type AccountInfo, CcsError } from '@ccs/core';
import { style, terminal } from '../../output/terminal.js';
import type { ProviderArgs } from './parse-provider-args.js';
import { providerHost } from './provider-host.js';

const label = (a: { nickname: string; email?: string }) =>
  a.email ? `${a.nickname} (${a.email})` : a.nickname;

/** `ccs <provider> --accounts [--json]` */
export async function runAccounts(args: ProviderArgs): Promise<number> {
  const { host, provider } = await providerHost(args.providerId, { verbose: args.verbose });
  try {
    const accounts = await provider.accounts.list();
    if (args.json) {
      const out = accounts.map((a) => ({
        nickname: a.nickname,
        email: a.email ?? null,
        plan: a.plan ?? null,
        default: a.isDefault,
        accountId: a.id,
        workspaceId: a.upstreamAccountId ?? null,
        createdAt: a.createdAt,
        lastUsedAt: a.lastUsedAt ?? null,
      }));
      terminal.out(JSON.stringify({ accounts: out }, null, 2));
      return 0;
    }
    if (accounts.length === 0) {
      terminal.out(`No ${provider.displayName} accounts yet. Sign in with: ccs ${provider.id} --auth`);
      return 0;
    }
    terminal.out(`Accounts for ${provider.id}:`);
    for (const a of accounts) {
      const marker = a.isDefault ? `${style.green('[default]')} ` : '';
      terminal.out(`  ${marker}${label(a)}${a.plan ? `  ${style.dim(a.plan)}` : ''}`);
    }
    return 0;
  } finally {
    await host.dispose();
  }
}

/** `ccs <provider> --use <nickname|email>` */
export async function runUse(args: ProviderArgs): Promise<number> {
  const { host, provider } = await providerHost(args.providerId, { verbose: args.verbose });
  try {
    const account = await provider.accounts.resolve(args.use!);
    await provider.accounts.setDefault(account.id);
    terminal.out(`Default ${provider.displayName} account is now ${label(account)}.`);
    return 0;
  } finally {
    await host.dispose();
  }
}

/** `ccs <provider> --nickname N [--account A]`: renames the default account, or A. */
export async function runRename(args: ProviderArgs): Promise<number> {
  const { host, provider } = await providerHost(args.providerId, { verbose: args.verbose });
  try {
    const account = args.account
      ? await provider.accounts.resolve(args.account)
      : await provider.accounts.getDefault();
    if (!account) {
      throw new CcsError(
        'AUTH_REQUIRED',
        `No ${provider.displayName} account is signed in, so there is nothing to rename.`,
        {
          suggestion: `Sign in and name the account at once: ccs ${provider.id} --auth --nickname ${args.nickname}`,
        },
      );
    }
    await provider.accounts.rename(account.id, args.nickname!);
    terminal.out(`Renamed ${label(account)} to "${args.nickname}".`);
    return 0;
  } finally {
    await host.dispose();
  }
}

/**
 * `ccs <provider> --logout [--account A]`: signs out of all accounts or one. The provider's remove()
 * revokes upstream best-effort and warns itself when it could not.
 */
export async function runLogout(args: ProviderArgs): Promise<number> {
  const { host, provider } = await providerHost(args.providerId, { verbose: args.verbose });
  try {
    const target = args.account ? await provider.accounts.resolve(args.account) : undefined;
    const removed: AccountInfo[] = target ? [target] : await provider.accounts.list();
    for (const account of removed) await provider.accounts.remove(account.id);
    const name = provider.displayName;
    if (removed.length === 0) terminal.out(`No ${name} account was signed in.`);
    else if (target) terminal.out(`Signed out of ${label(target)}.`);
    else
      terminal.out(
        `Signed out of ${removed.length} ${name} account${removed.length === 1 ? '' : 's'}: ${removed.map(label).join(', ')}.`,
      );
    const left = await provider.accounts.getDefault();
    if (target && left && removed.some((r) => r.isDefault))
      terminal.out(`The default account is now ${label(left)}.`);
    return 0;
  } finally {
    await host.dispose();
  }
}
