/** Claude Code sub-commands take no session options; `--settings` in front of them would be wrong. */
const CLAUDE_SUBCOMMANDS = new Set([
  'agents',
  'auth',
  'config',
  'doctor',
  'install',
  'mcp',
  'migrate-installer',
  'plugin',
  'plugins',
  'setup-token',
  'update',
  'upgrade',
]);

/** Keys of a settings file that are for other tools, not Claude Code. */
const NOT_FOR_CLAUDE = new Set(['$schema']);

export interface ClaudeSettingsArgs {
  /** What to put in front of the user's arguments (empty when nothing to pass). */
  args: string[];
  /** Why the settings were not passed, for --verbose. */
  skipped?: string;
}

/**
 * Passes the non-env keys of `<provider>.settings.json` (permissions, hooks, …) to Claude Code as an inline
 * `--settings` JSON, the way CCS passes its settings file. The env keys travel in the environment
 * instead, where ours can override a stale ANTHROPIC_BASE_URL. A user's own `--settings` wins: ccs
 * then adds none (Claude Code reads only one).
 */
export function claudeSettingsArgs(
  otherSettings: Readonly<Record<string, unknown>>,
  userArgs: readonly string[],
): ClaudeSettingsArgs {
  const settings = Object.fromEntries(
    Object.entries(otherSettings).filter(([key]) => !NOT_FOR_CLAUDE.has(key)),
  );
  if (Object.keys(settings).length === 0) return { args: [] };
  const first = userArgs[0];
  if (first !== undefined && CLAUDE_SUBCOMMANDS.has(first)) {
    return { args: [], skipped: `claude ${first} is a sub-command` };
  }
  if (userArgs.some((arg) => arg === '--settings' || arg.startsWith('--settings='))) {
    return { args: [], skipped: 'your own --settings wins' };
  }
  return { args: ['--settings', JSON.stringify(settings)] };
}
