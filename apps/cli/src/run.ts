import { usageError } from '@ccs/core';
import { CODEX_HELP, MAIN_HELP } from './help.js';
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
      case 'codex': {
        if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
          terminal.out(CODEX_HELP);
          return 0;
        }
        const { runCodex } = await import('./commands/codex/index.js');
        return await runCodex(rest);
      }
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
      default:
        throw usageError(`Unknown command "${command}".`, 'Run "ccs --help" to see the commands.');
    }
  } catch (error) {
    return reportError(error);
  }
}
