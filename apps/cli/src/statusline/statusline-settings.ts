import { readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** How often Claude Code re-runs the command when nothing happens (countdowns, a failover between turns). */
const REFRESH_SECONDS = 10;

const shellQuote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * The status-line command for Claude Code: this very node and ccs bin by absolute path, so it works
 * whether or not `ccs` is on PATH (a checkout, npx, a test).
 */
export function statusLineCommand(execPath = process.execPath, bin = process.argv[1] ?? ''): string {
  let script = bin;
  try {
    script = realpathSync(bin);
  } catch {
    // keep the path as given
  }
  return `${shellQuote(execPath)} ${shellQuote(script)} statusline`;
}

export function statusLineSetting(command = statusLineCommand()) {
  return { type: 'command', command, padding: 0, refreshInterval: REFRESH_SECONDS };
}

function hasStatusLine(file: string): boolean {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof json === 'object' && json !== null && 'statusLine' in json;
  } catch {
    return false; // missing or unreadable: Claude Code will not use it either
  }
}

/**
 * Where the user already has a status line of their own (Claude Code's user, project and local
 * settings), which ccs must not replace: settings passed with --settings would win over all of them.
 */
export function ownStatusLineFile(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const configDir = env.CLAUDE_CONFIG_DIR?.trim() || join(env.HOME?.trim() || homedir(), '.claude');
  const files = [
    join(configDir, 'settings.json'),
    join(cwd, '.claude', 'settings.json'),
    join(cwd, '.claude', 'settings.local.json'),
  ];
  return files.find(hasStatusLine);
}

export interface StatusLinePlan {
  /** The settings for Claude Code, with ccs's statusLine added when it should be. */
  settings: Record<string, unknown>;
  /** Where the session's proxy keeps its status (always written: a user's own line may call ccs statusline). */
  statusFile: string;
  /** For --verbose: why ccs's status line is not used. */
  skipped?: string;
}

/** Decides the status line of a session launched by `ccs <provider>`. */
export function planStatusLine(args: {
  ccsHome: string;
  enabled: boolean;
  otherSettings: Readonly<Record<string, unknown>>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Claude Code's arguments: print mode (-p) draws no status line, so none is added. */
  claudeArgs?: readonly string[];
}): StatusLinePlan {
  const statusFile = join(args.ccsHome, 'run', `status-${process.pid}.json`);
  const settings = { ...args.otherSettings };
  if (!args.enabled) return { settings, statusFile, skipped: 'status line off (--no-statusline)' };
  if (args.claudeArgs?.some((arg) => arg === '-p' || arg === '--print'))
    return { settings, statusFile, skipped: 'print mode (-p) shows no status line' };
  if ('statusLine' in settings)
    return { settings, statusFile, skipped: 'the settings file has its own statusLine' };
  const own = ownStatusLineFile(args.env, args.cwd);
  if (own) return { settings, statusFile, skipped: `your own statusLine in ${own} is kept` };
  settings.statusLine = statusLineSetting();
  return { settings, statusFile };
}
