import { CcsError } from '@ccs/core';
import type { CodexArgs } from './parse-codex-args.js';

// Placeholders until the accounts work lands (issue 4).
const notYet = (what: string) => new CcsError('INTERNAL', `ccs codex ${what} is not implemented yet.`);
export async function runCodexLogout(_args: CodexArgs): Promise<number> {
  throw notYet('--logout');
}
export async function runCodexAccounts(_args: CodexArgs): Promise<number> {
  throw notYet('--accounts');
}
export async function runCodexUse(_args: CodexArgs): Promise<number> {
  throw notYet('--use');
}
export async function runCodexRename(_args: CodexArgs): Promise<number> {
  throw notYet('--nickname');
}
