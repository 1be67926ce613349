import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatStatusLine } from '../statusline/format-statusline.js';
import { type ClaudeStatusInput, readClaudeInput } from '../statusline/read-claude-input.js';
import { findSessionStatus } from '../statusline/read-session-status.js';

/** $CCS_HOME/run, resolved without @ccs/core (kept out of this command for its start-up time). */
function runDir(env: NodeJS.ProcessEnv): string {
  const raw = env.CCS_HOME?.trim();
  const home = raw
    ? resolve(raw === '~' || raw.startsWith('~/') ? join(homedir(), raw.slice(1)) : raw)
    : join(homedir(), '.ccs');
  return join(home, 'run');
}

function columnsOf(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env.COLUMNS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * `ccs statusline`: Claude Code's status-line command. Reads Claude Code's JSON on stdin and what the
 * session's proxy last wrote to its status file, prints one line, exits 0. Never touches the network
 * and never fails loudly: a status line that errors would replace the user's line with noise.
 */
export async function runStatusline(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      "Usage: ccs statusline\n\nClaude Code's status-line command: reads its JSON on stdin and prints one line with the\naccount, model, effort and quota of the ccs session. ccs <provider> sets it up; see docs/statusline.md.\n",
    );
    return 0;
  }
  if (args.length > 0) {
    process.stderr.write(
      `ccs statusline takes no arguments (got "${args[0]}"). Run "ccs statusline --help".\n`,
    );
    return 2;
  }
  const env = process.env;
  const found = findSessionStatus(env, runDir(env));
  // Claude Code's JSON is only needed when ccs knows nothing; merely touching process.stdin costs
  // ~15 ms (it loads the net/tty stream machinery), a third of the budget.
  const claude: ClaudeStatusInput = found ? {} : await readClaudeInput(process.stdin);
  const line = formatStatusLine({
    status: found?.status,
    alive: found?.alive ?? false,
    claudeModel: claude.modelName,
    now: Date.now(),
    color: env.NO_COLOR === undefined || env.NO_COLOR === '',
    columns: columnsOf(env),
  });
  process.stdout.write(`${line}\n`);
  return 0;
}
