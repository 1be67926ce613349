import { CODEX_HELP } from '../../help.js';
import { terminal } from '../../output/terminal.js';
import { parseCodexArgs } from './parse-codex-args.js';

/** `ccs codex …`: parses once, then loads only the module of the chosen action. */
export async function runCodex(argv: string[]): Promise<number> {
  const args = parseCodexArgs(argv);
  switch (args.action) {
    case 'help':
      terminal.out(CODEX_HELP);
      return 0;
    case 'auth':
      return (await import('./auth.js')).runCodexAuth(args);
    case 'logout':
      return (await import('./accounts.js')).runCodexLogout(args);
    case 'accounts':
      return (await import('./accounts.js')).runCodexAccounts(args);
    case 'use':
      return (await import('./accounts.js')).runCodexUse(args);
    case 'rename':
      return (await import('./accounts.js')).runCodexRename(args);
    case 'config':
      return (await import('./config-picker.js')).runCodexConfig(args);
    case 'launch':
      return (await import('./launch.js')).runCodexLaunch(args);
  }
}
