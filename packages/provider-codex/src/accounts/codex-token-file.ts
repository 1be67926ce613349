import { createHash } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDir, readJsonFile, writeFileAtomic } from '@ccs/provider-kit';
import { z } from 'zod';
import { type CodexTokenIdentity, readCodexIdentity } from '../auth/codex-id-token.js';

/**
 * One account's token file, in the CLIProxyAPI/CCS format (INTERFACE.md). Read tolerantly: unknown keys
 * (CLIProxyAPI metadata such as proxy_url, priority, note) are kept and written back untouched.
 */
export const codexTokenFileSchema = z.looseObject({
  type: z.literal('codex').optional(),
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  id_token: z.string().optional(),
  account_id: z.string().optional(),
  email: z.string().optional(),
  expired: z.string().optional(),
  last_refresh: z.string().optional(),
});
export type CodexTokenFile = z.infer<typeof codexTokenFileSchema>;

/** Token files are `codex-*.json`; temp files (dot-prefixed) and kept-aside copies are not. */
export function isCodexTokenFileName(name: string): boolean {
  return name.startsWith('codex-') && name.endsWith('.json');
}

/** File-name-safe version of an email or id (CLIProxyAPI replaces separators, `:` and controls). */
function sanitize(value: string): string {
  return value.replace(/[/\\:\s\u0000-\u001f]/g, '_');
}

/**
 * Stable id of an account: `<first 8 hex of sha256(workspace id)>-<email>` (the hash part of
 * CLIProxyAPI's file names, so one email in two workspaces is two accounts), or the email alone.
 */
export function codexAccountIdFor(identity: { email: string; chatgptAccountId?: string }): string {
  const email = sanitize(identity.email.trim().toLowerCase());
  if (!identity.chatgptAccountId) return email;
  return `${createHash('sha256').update(identity.chatgptAccountId).digest('hex').slice(0, 8)}-${email}`;
}

export const tokenFileNameFor = (accountId: string) => `codex-${accountId}.json`;

/** Identity of a token file: stored fields first, the id token's claims as fallback. */
export function identityOfTokenFile(file: CodexTokenFile): CodexTokenIdentity {
  const fromIdToken = readCodexIdentity(file.id_token);
  return {
    ...fromIdToken,
    email: file.email?.trim() || fromIdToken.email,
    // Some older CCS files spell it accountId.
    chatgptAccountId:
      file.account_id ||
      (typeof file.accountId === 'string' ? file.accountId : undefined) ||
      fromIdToken.chatgptAccountId,
  };
}

export type ReadTokenFileResult =
  | { status: 'ok'; file: CodexTokenFile }
  | { status: 'missing' }
  | { status: 'corrupt'; error: string };

export async function readCodexTokenFile(path: string): Promise<ReadTokenFileResult> {
  const result = await readJsonFile(path, codexTokenFileSchema);
  if (result.status === 'ok') return { status: 'ok', file: result.value };
  return result;
}

/** Writes a token file atomically with mode 0600 in a 0700 folder. */
export async function writeCodexTokenFile(
  path: string,
  file: CodexTokenFile,
  authDir: string,
): Promise<void> {
  await ensureDir(authDir, 0o700);
  await writeFileAtomic(path, `${JSON.stringify({ ...file, type: 'codex' }, null, 2)}\n`, { mode: 0o600 });
}

export async function deleteCodexTokenFile(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** Names of the Codex token files in the auth folder (missing folder → none). */
export async function listCodexTokenFiles(authDir: string): Promise<string[]> {
  try {
    return (await readdir(authDir)).filter(isCodexTokenFileName).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export const tokenFilePath = (authDir: string, tokenFile: string) =>
  tokenFile.startsWith('/') || /^[A-Za-z]:[\\/]/.test(tokenFile) ? tokenFile : join(authDir, tokenFile);
