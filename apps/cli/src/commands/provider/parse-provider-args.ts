import { editDistance, USER_EFFORT_LEVELS, type UserEffortLevel, usageError } from '@ccs/core/internal';
import { CLAUDE_CODE_FLAGS } from './claude-code-flags.js';

export type ProviderAction = 'launch' | 'auth' | 'logout' | 'accounts' | 'use' | 'rename' | 'config' | 'help';

export interface ProviderArgs {
  /** The provider the command is for (`ccs <provider> …`). */
  providerId: string;
  action: ProviderAction;
  add: boolean;
  headless: boolean;
  device: boolean;
  /** --with-api-key: read the API key from the first line of stdin instead of a hidden prompt. */
  withApiKey: boolean;
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
  '--with-api-key',
  '--logout',
  '--accounts',
  '--json',
  '--config',
  '--verbose',
  '--no-statusline',
  '--fast',
  '--help',
]);

const CLAUDE_FLAGS = new Set<string>(CLAUDE_CODE_FLAGS);

/**
 * A mistyped ccs flag (`--acounts`) would reach Claude Code, which answers with an unrelated
 * suggestion or starts a session the user did not ask for. An unknown `--flag` close to one of ours
 * and not one of Claude Code's is therefore a usage error; everything else passes through.
 */
function assertNotMistyped(name: string, providerId: string): void {
  if (!name.startsWith('--') || name.length < 4 || CLAUDE_FLAGS.has(name)) return;
  let nearest: { flag: string; distance: number } | undefined;
  for (const flag of [...VALUE_FLAGS, ...BOOL_FLAGS]) {
    const distance = editDistance(name, flag);
    // Short flags differ from each other by two letters (--add/--auth): allow one edit there.
    if (distance > (flag.length <= 7 ? 1 : 2)) continue;
    if (!nearest || distance < nearest.distance) nearest = { flag, distance };
  }
  if (!nearest) return;
  throw usageError(
    `Unknown option ${name} for ccs ${providerId}. Did you mean ${nearest.flag}?`,
    `Run "ccs ${providerId} --help" to see the options; pass a Claude Code option after --.`,
  );
}

/**
 * Splits `ccs <provider>` arguments into ccs's own flags and Claude Code's arguments.
 * ccs's flags are recognised anywhere before a bare `--`; everything else passes through untouched.
 */
export function parseProviderArgs(argv: string[], providerId: string): ProviderArgs {
  const own = new Map<string, string | true>();
  const claudeArgs: string[] = [];
  const help = `Run "ccs ${providerId} --help" to see the options.`;
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
        throw usageError(`Option ${name} needs a value.`, help);
      }
      const key = name === '--thinking' ? '--effort' : name;
      if (own.has(key)) throw usageError(`Option ${name} was given twice.`, 'Give it once.');
      own.set(key, value);
    } else if (BOOL_FLAGS.has(name) && eq === -1) {
      own.set(name, true);
    } else {
      assertNotMistyped(name, providerId);
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
        `Use one of: ${USER_EFFORT_LEVELS.join(', ')} (e.g. ccs ${providerId} --effort high).`,
      );
    }
    effort = normalised as UserEffortLevel;
  }

  const args: ProviderArgs = {
    providerId,
    action: 'launch',
    add: flag('--add'),
    headless: flag('--headless'),
    device: flag('--device'),
    withApiKey: flag('--with-api-key'),
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

  const auth = flag('--auth') || args.headless || args.withApiKey;
  const actions: ProviderAction[] = [];
  if (flag('--help')) actions.push('help');
  if (flag('--logout')) actions.push('logout');
  if (flag('--accounts')) actions.push('accounts');
  if (args.use !== undefined) actions.push('use');
  if (flag('--config')) actions.push('config');
  if (auth) actions.push('auth');
  else if (args.nickname !== undefined) actions.push('rename');

  if (actions.includes('help')) return { ...args, action: 'help' };
  const cmd = `ccs ${providerId}`;
  if (actions.length > 1) {
    throw usageError(
      `Options ${actions.map((a) => `--${a === 'rename' ? 'nickname' : a}`).join(' and ')} cannot be combined.`,
      `Run one at a time; see "${cmd} --help".`,
    );
  }
  const action = actions[0] ?? 'launch';

  if (action !== 'launch' && claudeArgs.length > 0) {
    throw usageError(
      `Unexpected argument "${claudeArgs[0]}" for ${cmd} --${action === 'rename' ? 'nickname' : action}.`,
      'Claude Code arguments are only passed through when starting a session.',
    );
  }
  if (args.add && action !== 'auth')
    throw usageError('--add only works with --auth.', `Example: ${cmd} --auth --add`);
  if (args.device && action !== 'auth')
    throw usageError('--device only works with --auth.', `Example: ${cmd} --auth --device`);
  if (args.device && args.headless)
    throw usageError(
      'Choose either --device or --headless, not both.',
      'Use --headless when you can open a browser elsewhere, --device when there is none at all.',
    );
  if (args.withApiKey && (args.device || args.headless))
    throw usageError(
      '--with-api-key signs in with an API key; it cannot be combined with --device or --headless.',
      `Example: printf '%s\\n' "$KEY" | ${cmd} --auth --with-api-key`,
    );
  if (args.json && action !== 'accounts')
    throw usageError('--json only works with --accounts.', `Example: ${cmd} --accounts --json`);
  if (args.account !== undefined && action !== 'logout' && action !== 'rename') {
    throw usageError(
      '--account only works with --logout or --nickname.',
      `To make an account the default, use: ${cmd} --use <account>`,
    );
  }
  if (!args.statusline && action !== 'launch') {
    throw usageError(
      '--no-statusline only applies when starting a session.',
      `Example: ${cmd} --no-statusline`,
    );
  }
  if (args.effort !== undefined && action !== 'launch') {
    throw usageError('--effort only applies when starting a session.', `Example: ${cmd} --effort high`);
  }
  return { ...args, action };
}
