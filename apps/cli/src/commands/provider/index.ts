import { terminal } from '../../output/terminal.js';
import { parseProviderArgs } from './parse-provider-args.js';

/** `ccs <provider> …`: parses once, then loads only the module of the chosen action. */
export async function runProvider(providerId: string, argv: string[]): Promise<number> {
  const args = parseProviderArgs(argv, providerId);
  switch (args.action) {
    case 'help': {
      const { providerHelpText } = await import('./provider-help.js');
      terminal.out(await providerHelpText(providerId));
      return 0;
    }
    case 'auth':
      return (await import('./sign-in.js')).runAuth(args);
    case 'logout':
      return (await import('./accounts.js')).runLogout(args);
    case 'accounts':
      return (await import('./accounts.js')).runAccounts(args);
    case 'use':
      return (await import('./accounts.js')).runUse(args);
    case 'rename':
      return (await import('./accounts.js')).runRename(args);
    case 'config':
      return (await import('./provider-settings.js')).runConfigPicker(args);
    case 'launch':
      return (await import('./launch.js')).runLaunch(args);
  }
}
