import { basename } from 'node:path';
import type { AccountInfo } from '@ccs/core';
import { type CodexTokenIdentity, normalizeCodexPlan } from '../auth/codex-id-token.js';
import { type AccountsRegistry, codexSectionOf, type RegistryEntry } from './codex-accounts-registry.js';
import { defaultNickname } from './codex-nickname.js';
import {
  type CodexTokenFile,
  codexAccountIdFor,
  identityOfTokenFile,
  listCodexTokenFiles,
  readCodexTokenFile,
  tokenFileNameFor,
  tokenFilePath,
} from './codex-token-file.js';

/** An account as ccs sees it: its registry entry joined with its (valid) token file. */
export interface ResolvedCodexAccount {
  id: string;
  entry: RegistryEntry;
  /** Token file name as stored in the registry (relative to the auth folder, or absolute). */
  tokenFile: string;
  path: string;
  tokens: CodexTokenFile;
  identity: CodexTokenIdentity;
  nickname: string;
  plan?: string;
}

export interface CodexAccountState {
  registry: AccountsRegistry;
  accounts: ResolvedCodexAccount[];
  defaultId?: string;
}

const sameIdentity = (a: CodexTokenIdentity, b: CodexTokenIdentity) =>
  !!a.email &&
  a.email.toLowerCase() === b.email?.toLowerCase() &&
  (a.chatgptAccountId ?? '') === (b.chatgptAccountId ?? '');

export const identitiesMatch = sameIdentity;

/**
 * Joins accounts.json with the token files: entries whose token file is gone are hidden (kept on disk),
 * token files nobody references (left by CCS/CLIProxyAPI, or accounts.json lost) become accounts, and a
 * corrupt token file is reported through `warn` and skipped so the others keep working.
 */
export async function resolveCodexAccounts(
  authDir: string,
  registry: AccountsRegistry,
  warn: (message: string) => void,
  now: Date,
  /** The caller's command that adds an account (`ccs codex --auth --add`), named in the warning. */
  addAccountCommand?: string,
): Promise<CodexAccountState> {
  const section = codexSectionOf(registry);
  const files = new Map<string, CodexTokenFile>();
  for (const name of await listCodexTokenFiles(authDir)) {
    const result = await readCodexTokenFile(tokenFilePath(authDir, name));
    if (result.status === 'ok') files.set(name, result.file);
    else if (result.status === 'corrupt') {
      warn(
        `Skipping the token file ${name} in ${authDir}: ${result.error} ${addAccountCommand ? `Sign in again with ${addAccountCommand}` : 'Sign in to that account again'}, or delete the file.`,
      );
    }
  }

  const accounts: ResolvedCodexAccount[] = [];
  const claimed = new Set<string>();
  for (const [id, entry] of Object.entries(section.accounts)) {
    const tokenFile = entry.tokenFile ?? tokenFileNameFor(id);
    const name = basename(tokenFile);
    let tokens = files.get(name);
    if (!tokens && tokenFile !== name) {
      const result = await readCodexTokenFile(tokenFile); // an absolute path outside the auth folder
      if (result.status === 'ok') tokens = result.file;
    }
    if (!tokens || claimed.has(name)) continue;
    claimed.add(name);
    const identity = identityOfTokenFile(tokens);
    accounts.push({
      id,
      entry,
      tokenFile,
      path: tokenFilePath(authDir, tokenFile),
      tokens,
      identity,
      nickname: '',
    });
  }
  for (const [name, tokens] of files) {
    if (claimed.has(name)) continue;
    const identity = identityOfTokenFile(tokens);
    if (accounts.some((a) => sameIdentity(a.identity, identity))) continue; // a duplicate copy of a known account
    const stem = name.slice('codex-'.length, -'.json'.length);
    let id = identity.email
      ? codexAccountIdFor({ email: identity.email, chatgptAccountId: identity.chatgptAccountId })
      : stem;
    if (accounts.some((a) => a.id === id)) id = stem;
    const entry: RegistryEntry = {
      email: identity.email,
      tokenFile: name,
      createdAt: tokens.last_refresh ?? now.toISOString(),
    };
    accounts.push({
      id,
      entry,
      tokenFile: name,
      path: tokenFilePath(authDir, name),
      tokens,
      identity,
      nickname: '',
    });
  }

  const taken: string[] = [];
  for (const account of accounts) if (account.entry.nickname) taken.push(account.entry.nickname);
  for (const account of accounts) {
    account.nickname = account.entry.nickname || defaultNickname(account.identity.email ?? account.id, taken);
    if (!account.entry.nickname) taken.push(account.nickname);
    account.plan = normalizeCodexPlan(account.entry.plan) ?? account.identity.plan;
  }
  const defaultId = accounts.some((a) => a.id === section.default) ? section.default : accounts[0]?.id;
  return { registry, accounts, defaultId };
}

export function toAccountInfo(account: ResolvedCodexAccount, defaultId: string | undefined): AccountInfo {
  return {
    id: account.id,
    providerId: 'codex',
    nickname: account.nickname,
    email: account.identity.email,
    plan: account.plan,
    isDefault: account.id === defaultId,
    createdAt: account.entry.createdAt ?? account.tokens.last_refresh ?? new Date(0).toISOString(),
    lastUsedAt: account.entry.lastUsedAt,
    upstreamAccountId: account.identity.chatgptAccountId,
  };
}

/** Writes the resolved view back into the registry object (hydrated accounts become entries). */
export function syncRegistry(state: CodexAccountState): void {
  const section = codexSectionOf(state.registry);
  for (const account of state.accounts) {
    section.accounts[account.id] = {
      ...account.entry,
      email: account.identity.email ?? account.entry.email,
      nickname: account.nickname,
      tokenFile: account.tokenFile,
      plan: account.plan ?? account.entry.plan ?? undefined,
      createdAt: account.entry.createdAt ?? new Date().toISOString(),
    };
  }
  if (state.defaultId) section.default = state.defaultId;
  else delete section.default;
  state.registry.version ??= 1;
}
