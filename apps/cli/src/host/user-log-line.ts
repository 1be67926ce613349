import { style } from '../output/terminal.js';

/**
 * A provider's or the proxy's warning reaches users who never asked for logs (e.g. "accounts.json was
 * unreadable … rebuilt"); it should look like every other ccs warning ("warning …"), not like a log
 * record ("[ccs:codex] warn …"). At debug level the scoped log format is kept: that is what was asked for.
 */
export function userLogLine(line: string, debug: boolean): string {
  if (debug) return line;
  const match = /^\[[^\]]+\] (warn|error) ([\s\S]*)$/.exec(line);
  if (!match) return line;
  return `${match[1] === 'warn' ? style.yellow('warning') : style.red('error')} ${match[2]}`;
}
