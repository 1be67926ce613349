import { CcsError } from '@ccs/core';
import { revokeWarning } from '@ccs/provider-codex/internal';
import { style, terminal, warn } from '../../output/terminal.js';
import { codexHost } from './codex-provider-of.js';
import type { CodexArgs } from './parse-codex-args.js';

const label = (a: { nickname: string; email?: string }) =>
  a.email ? `${a.nickname} (${a.email})` : a.nickname;

/** `ccs codex --accounts [--json]` */
export async function runCodexAccounts(args: CodexArgs): Promise<number> {
  const { host, provider } = await codexHost({ verbose: args.verbose });
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
      terminal.out('No Codex accounts yet. Sign in with: ccs codex --auth');
      return 0;
    }
    terminal.out('Accounts for codex:');
    for (const a of accounts) {
      const marker = a.isDefault ? `${style.green('[default]')} ` : '';
      terminal.out(`  ${marker}${label(a)}${a.plan ? `  ${style.dim(a.plan)}` : ''}`);
    }
    return 0;
  } finally {
    await host.dispose();
  }
}

/** `ccs codex --use <nickname|email>` */
export async function runCodexUse(args: CodexArgs): Promise<number> {
  const { host, provider } = await codexHost({ verbose: args.verbose });
  try {
    const account = await provider.accounts.resolve(args.use!);
    await provider.accounts.setDefault(account.id);
    terminal.out(`Default Codex account is now ${label(account)}.`);
    return 0;
  } finally {
    await host.dispose();
  }
}

/** `ccs codex --nickname N [--account A]`: renames the default account, or A. */
export async function runCodexRename(args: CodexArgs): Promise<number> {
  const { host, provider } = await codexHost({ verbose: args.verbose });
  try {
    const account = args.account
      ? await provider.accounts.resolve(args.account)
      : await provider.accounts.getDefault();
    if (!account) {
      throw new CcsError('AUTH_REQUIRED', 'No Codex account is signed in, so there is nothing to rename.', {
        suggestion: `Sign in and name the account at once: ccs codex --auth --nickname ${args.nickname}`,
      });
    }
    await provider.accounts.rename(account.id, args.nickname!);
    terminal.out(`Renamed ${label(account)} to "${args.nickname}".`);
    return 0;
  } finally {
    await host.dispose();
  }
}

/** `ccs codex --logout [--account A]`: signs out of all accounts or one, revoking upstream best-effort. */
export async function runCodexLogout(args: CodexArgs): Promise<number> {
  const { host, provider } = await codexHost({ verbose: args.verbose });
  try {
    const target = args.account ? await provider.accounts.resolve(args.account) : undefined;
    const { removed, revokeFailed } = await provider.accounts.logout(target?.id);
    provider.quotaSource.forget(target?.id);
    if (revokeFailed.length) warn(revokeWarning(revokeFailed));
    if (removed.length === 0) terminal.out('No Codex account was signed in.');
    else if (target) terminal.out(`Signed out of ${label(target)}.`);
    else
      terminal.out(
        `Signed out of ${removed.length} Codex account${removed.length === 1 ? '' : 's'}: ${removed.map(label).join(', ')}.`,
      );
    const left = await provider.accounts.getDefault();
    if (target && left && removed.some((r) => r.isDefault))
      terminal.out(`The default account is now ${label(left)}.`);
    return 0;
  } finally {
    await host.dispose();
  }
}
