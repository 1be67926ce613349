import { usageError } from '@ccs/core';
import { parseFlags } from '../../args.js';
import { PLUGINS_HELP } from '../../help.js';
import { terminal } from '../../output/terminal.js';

/** `ccs plugins list|add|remove`: each subcommand loads only its own module. */
export async function runPlugins(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    terminal.out(PLUGINS_HELP);
    return 0;
  }
  const command = `ccs plugins ${sub}`;
  switch (sub) {
    case 'list': {
      const { flags, positionals } = parseFlags(rest, { json: 'boolean', help: 'boolean' }, command);
      if (flags.help) return help();
      if (positionals.length) throw unexpected(positionals[0]!, command);
      return (await import('./list-plugins.js')).listPlugins(flags.json === true);
    }
    case 'add':
    case 'remove': {
      const { flags, positionals } = parseFlags(rest, { help: 'boolean' }, command);
      if (flags.help) return help();
      const [target, extra] = positionals;
      const what = sub === 'add' ? '<path | package>' : '<id>';
      if (!target) throw usageError(`Missing the plugin for "${command}".`, `Use: ${command} ${what}`);
      if (extra !== undefined) throw unexpected(extra, command);
      if (sub === 'add') return (await import('./add-plugin.js')).addPlugin(target);
      return (await import('./remove-plugin.js')).removePlugin(target);
    }
    default:
      throw usageError(
        `Unknown subcommand "${command}".`,
        'Available: list, add, remove. Run "ccs plugins --help".',
      );
  }
}

function help(): number {
  terminal.out(PLUGINS_HELP);
  return 0;
}

function unexpected(arg: string, command: string) {
  return usageError(`Unexpected argument "${arg}" for "${command}".`, 'Run "ccs plugins --help".');
}
