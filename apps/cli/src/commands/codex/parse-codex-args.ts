import { USER_EFFORT_LEVELS, type UserEffortLevel, usageError } from '@ccs/core';

export type CodexAction = 'launch' | 'auth' | 'logout' | 'accounts' | 'use' | 'rename' | 'config' | 'help';

export interface CodexArgs {
  action: CodexAction;
  add: boolean;
  headless: boolean;
  device: boolean;
  json: boolean;
  verbose: boolean;
  /** --no-statusline: launch Claude Code without ccs's status line. */
  statusline: boolean;
  /** --fast: priority processing where the model offers it. */
  fast: boolean;
  nickname?: string;
  account?: string;
  use?: string;
  effort?: UserEffortLevel;
  /** Everything ccs does not own, in order, for Claude Code. */
  claudeArgs: string[];
}

export const VALUE_FLAGS = new Set(['--nickname', '--account', '--use', '--effort', '--thinking']);
export const BOOL_FLAGS = new Set([
  '--auth',
  '--add',
  '--headless',
  '--device',
  '--logout',
  '--accounts',
  '--json',
  '--config',
  '--verbose',
  '--no-statusline',
  '--fast',
  '--help',
]);

/**
 * Splits `ccs codex` arguments into ccs's own flags and Claude Code's arguments.
 * ccs's flags are recognised anywhere before a bare `--`; everything else passes through untouched.
 */
export function parseCodexArgs(argv: string[]): CodexArgs {
  const own = new Map<string, string | true>();
  const claudeArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      claudeArgs.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (VALUE_FLAGS.has(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('-'))) {
        throw usageError(`Option ${name} needs a value.`, 'Run "ccs codex --help" to see the options.');
      }
      const key = name === '--thinking' ? '--effort' : name;
      if (own.has(key)) throw usageError(`Option ${name} was given twice.`, 'Give it once.');
      own.set(key, value);
    } else if (BOOL_FLAGS.has(name) && eq === -1) {
      own.set(name, true);
    } else {
      claudeArgs.push(arg);
    }
  }

  const flag = (n: string) => own.get(n) === true;
  const value = (n: string) => {
    const v = own.get(n);
    return typeof v === 'string' ? v : undefined;
  };

  let effort: UserEffortLevel | undefined;
  const rawEffort = value('--effort');
  if (rawEffort !== undefined) {
    const normalised = rawEffort.toLowerCase();
    if (!(USER_EFFORT_LEVELS as readonly string[]).includes(normalised)) {
      throw usageError(
        `Invalid effort "${rawEffort}".`,
        `Use one of: ${USER_EFFORT_LEVELS.join(', ')} (e.g. ccs codex --effort high).`,
      );
    }
    effort = normalised as UserEffortLevel;
  }

  const args: CodexArgs = {
    action: 'launch',
    add: flag('--add'),
    headless: flag('--headless'),
    device: flag('--device'),
    json: flag('--json'),
    verbose: flag('--verbose'),
    statusline: !flag('--no-statusline'),
    fast: flag('--fast'),
    nickname: value('--nickname'),
    account: value('--account'),
    use: value('--use'),
    effort,
    claudeArgs,
  };

  const auth = flag('--auth') || args.headless;
  const actions: CodexAction[] = [];
  if (flag('--help')) actions.push('help');
  if (flag('--logout')) actions.push('logout');
  if (flag('--accounts')) actions.push('accounts');
  if (args.use !== undefined) actions.push('use');
  if (flag('--config')) actions.push('config');
  if (auth) actions.push('auth');
  else if (args.nickname !== undefined) actions.push('rename');

  if (actions.includes('help')) return { ...args, action: 'help' };
  if (actions.length > 1) {
    throw usageError(
      `Options ${actions.map((a) => `--${a === 'rename' ? 'nickname' : a}`).join(' and ')} cannot be combined.`,
      'Run one at a time; see "ccs codex --help".',
    );
  }
  const action = actions[0] ?? 'launch';

  if (action !== 'launch' && claudeArgs.length > 0) {
    throw usageError(
      `Unexpected argument "${claudeArgs[0]}" for ccs codex --${action === 'rename' ? 'nickname' : action}.`,
      'Claude Code arguments are only passed through when starting a session.',
    );
  }
  if (args.add && action !== 'auth')
    throw usageError('--add only works with --auth.', 'Example: ccs codex --auth --add');
  if (args.device && action !== 'auth')
    throw usageError('--device only works with --auth.', 'Example: ccs codex --auth --device');
  if (args.device && args.headless)
    throw usageError(
      'Choose either --device or --headless, not both.',
      'Use --headless when you can open a browser elsewhere, --device when there is none at all.',
    );
  if (args.json && action !== 'accounts')
    throw usageError('--json only works with --accounts.', 'Example: ccs codex --accounts --json');
  if (args.account !== undefined && action !== 'logout' && action !== 'rename') {
    throw usageError(
      '--account only works with --logout or --nickname.',
      'To make an account the default, use: ccs codex --use <account>',
    );
  }
  if (!args.statusline && action !== 'launch') {
    throw usageError(
      '--no-statusline only applies when starting a session.',
      'Example: ccs codex --no-statusline',
    );
  }
  if (args.effort !== undefined && action !== 'launch') {
    throw usageError(
      '--effort only applies when starting a session.',
      'Example: ccs codex --effort high (or set CCS_CODEX_EFFORT in codex.settings.json for every run).',
    );
  }
  return { ...args, action };
}
