import { join } from 'node:path';
import { resolveCcsPaths, usageError } from '@ccs/core';
import { readLedger, summariseUsage, USAGE_GROUPS, type UsageGroup } from '@ccs/proxy/internal';
import { parseFlags } from '../args.js';
import { style, terminal } from '../output/terminal.js';
import { parseSince } from '../usage/parse-since.js';
import { renderUsageTable } from '../usage/render-usage.js';

const USAGE_HELP = `Usage: ccs usage [--since 7d] [--by day|model|account|session] [--json]

Tokens used through ccs, from the usage ledger the proxy keeps ($CCS_HOME/usage/ledger.jsonl):
requests, input, cached input, output and reasoning tokens, grouped by local day (default), model,
account or Claude Code session. Only counts, names and times are recorded, never prompts or replies.

Options:
  --since <when>   Only requests since then: 7d, 24h, 30m, 2w, or a date (2026-12-01)
  --by <group>     day (default), model, account or session
  --json           One JSON document on stdout
  -h, --help       Show this help`;

/** `ccs usage`: the ledger, summed. */
export async function runUsage(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { since: 'string', by: 'string', json: 'boolean', help: 'boolean' },
    'ccs usage',
  );
  if (flags.help) {
    terminal.out(USAGE_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw usageError(`Unexpected argument "${positionals[0]}" for "ccs usage".`, 'Run "ccs usage --help".');
  }
  const by = (flags.by ?? 'day') as string;
  if (!(USAGE_GROUPS as readonly string[]).includes(by)) {
    throw usageError(`Invalid --by "${by}".`, `Use one of: ${USAGE_GROUPS.join(', ')}.`);
  }
  const now = new Date();
  const since = typeof flags.since === 'string' ? parseSince(flags.since, now) : undefined;
  const dir = join(resolveCcsPaths().home, 'usage');
  const { records, skipped } = await readLedger(dir, since ? { since } : {});
  const { rows, total } = summariseUsage(records, by as UsageGroup);
  if (flags.json) {
    terminal.out(
      JSON.stringify(
        { by, since: since?.toISOString() ?? null, rows, total, skippedLines: skipped },
        null,
        2,
      ),
    );
    return 0;
  }
  if (records.length === 0) {
    terminal.out(
      since
        ? `No requests through ccs since ${since.toISOString()}.`
        : 'No requests through ccs yet: the ledger fills as ccs <provider> and ccs proxy serve requests.',
    );
    return 0;
  }
  terminal.out(renderUsageTable(rows, total, by as UsageGroup, style.bold));
  if (skipped > 0) terminal.err(style.dim(`${skipped} unreadable ledger line(s) skipped.`));
  return 0;
}
