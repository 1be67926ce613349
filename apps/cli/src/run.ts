import { usageError } from '@ccs/core';
import { BUILT_IN_PROVIDER_HELP, MAIN_HELP } from './help.js';
import { reportError, terminal } from './output/terminal.js';
import { CCS_VERSION } from './version.js';

/** Runs one ccs command and returns its exit code. Never throws. */
export async function run(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        terminal.out(MAIN_HELP);
        return 0;
      case '-v':
      case '-V':
      case '--version':
        terminal.out(CCS_VERSION);
        return 0;
      case 'proxy': {
        const { runProxy } = await import('./commands/proxy.js');
        return await runProxy(rest);
      }
      case 'dashboard': {
        const { runDashboard } = await import('./commands/dashboard.js');
        return await runDashboard(rest);
      }
      case 'env': {
        const { runEnv } = await import('./commands/env.js');
        return await runEnv(rest);
      }
      case 'statusline': {
        const { runStatusline } = await import('./commands/statusline.js');
        return await runStatusline(rest);
      }
      case 'usage': {
        const { runUsage } = await import('./commands/usage.js');
        return await runUsage(rest);
      }
      case 'cliproxy': {
        const { runCliproxy } = await import('./commands/cliproxy.js');
        return await runCliproxy(rest);
      }
      case 'plugins': {
        const { runPlugins } = await import('./commands/plugins/index.js');
        return await runPlugins(rest);
      }
      default: {
        if (command.startsWith('-'))
          throw usageError(`Unknown option "${command}".`, 'Run "ccs --help" to see the commands.');
        // Built-in help pages answer without loading any provider.
        const page = BUILT_IN_PROVIDER_HELP[command];
        if (page && rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
          terminal.out(page);
          return 0;
        }
        const { runProvider } = await import('./commands/provider/index.js');
        return await runProvider(command, rest);
      }
    }
  } catch (error) {
    return reportError(error);
  }
}
