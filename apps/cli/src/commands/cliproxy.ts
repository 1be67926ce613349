import { type Provider, usageError } from '@ccs/core';
import { parseFlags } from '../args.js';
import { type Terminal, terminal } from '../output/terminal.js';

export const CLIPROXY_HELP = `Usage: ccs cliproxy quota [--provider <id>] [--json]

Show the usage of every signed-in account: each limit window (5h, daily, weekly, per-model limits, …)
with how much is used and when it resets, the weekly reset schedule, the plan and when the data was read.
Accounts are read in parallel; answers are cached in memory for 2 minutes.

Options:
  --provider <id>   Provider to show (default: codex)
  --json            Print one JSON document on stdout (schema: docs/quota.md)
  -h, --help        Show this help

Exit status: 0 when every account was read, 1 when one or more could not be (each says what to do),
or when no account is signed in; 2 for a usage error.

Examples:
  ccs cliproxy quota
  ccs cliproxy quota --provider codex --json
`;

/** What the command needs from the CLI host (injectable for tests). */
export interface CliproxyHost {
  providers: ReadonlyMap<string, Provider>;
  provider(id: string): Provider;
}

export interface CliproxyDeps {
  host?: CliproxyHost;
  /** Environment for the CLI host when `host` is not given (default process.env). */
  env?: Record<string, string | undefined>;
  term?: Terminal;
  now?: () => Date;
  /** Spinner sink; default process.stderr (drawn only when it is a TTY). */
  progressStream?: { isTTY?: boolean; write(chunk: string): unknown };
  timeZone?: string;
  plain?: boolean;
}

const DEFAULT_PROVIDER = 'codex';

async function runQuota(argv: string[], deps: CliproxyDeps): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { provider: 'string', json: 'boolean', help: 'boolean' },
    'ccs cliproxy quota',
  );
  const term = deps.term ?? terminal;
  if (flags.help) {
    term.out(CLIPROXY_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw usageError(
      `Unexpected argument "${positionals[0]}" for "ccs cliproxy quota".`,
      'Run "ccs cliproxy --help".',
    );
  }
  const providerId = typeof flags.provider === 'string' ? flags.provider : DEFAULT_PROVIDER;
  // The quota modules (zod schemas, the Codex provider) load only when quota is really asked for.
  const { showQuota } = await import('../quota/show-quota.js');
  if (deps.host) return showQuota(deps.host, providerId, flags.json === true, deps);
  const { createCliHost } = await import('../host/create-cli-host.js');
  const host = await createCliHost(deps.env ? { env: deps.env } : {});
  try {
    return await showQuota(host, providerId, flags.json === true, deps);
  } finally {
    await host.dispose().catch(() => {});
  }
}

/** `ccs cliproxy <subcommand>`: today only `quota` (CCS's command name, kept for people coming from it). */
export async function runCliproxy(argv: string[], deps: CliproxyDeps = {}): Promise<number> {
  const [sub, ...rest] = argv;
  const term = deps.term ?? terminal;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    term.out(CLIPROXY_HELP);
    return 0;
  }
  if (sub === 'quota') return runQuota(rest, deps);
  throw usageError(
    `Unknown subcommand "ccs cliproxy ${sub}".`,
    'Available: ccs cliproxy quota. Run "ccs cliproxy --help".',
  );
}
