import { CcsError, type Provider, usageError } from '@ccs/core';
import { parseFlags } from '../args.js';
import { style, type Terminal, terminal } from '../output/terminal.js';
import { collectQuota } from '../quota/collect-quota.js';
import { toQuotaJson } from '../quota/quota-json.js';
import { startQuotaProgress } from '../quota/quota-progress.js';
import { renderQuota } from '../quota/render-quota.js';

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

function resolveProvider(host: CliproxyHost, id: string): Provider {
  const loaded = host.providers.get(id);
  if (loaded) return loaded;
  const known = [...host.providers.keys()];
  if (id === DEFAULT_PROVIDER && !known.includes(id)) return host.provider(id); // surfaces its load error
  throw usageError(
    `Unknown provider "${id}".`,
    known.length
      ? `Loaded providers: ${known.join(', ')}.`
      : 'No provider is loaded; check the plugins in config.yaml.',
  );
}

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
  if (deps.host) return showQuota(deps.host, providerId, flags.json === true, deps);
  const { createCliHost } = await import('../host/create-cli-host.js');
  const host = await createCliHost(deps.env ? { env: deps.env } : {});
  try {
    return await showQuota(host, providerId, flags.json === true, deps);
  } finally {
    await host.dispose().catch(() => {});
  }
}

async function showQuota(
  host: CliproxyHost,
  providerId: string,
  json: boolean,
  deps: CliproxyDeps,
): Promise<number> {
  const term = deps.term ?? terminal;
  const provider = resolveProvider(host, providerId);
  const accounts = await provider.accounts.list();
  if (accounts.length === 0) {
    const signIn = provider.id === DEFAULT_PROVIDER ? 'ccs codex --auth' : `ccs ${provider.id} --auth`;
    throw new CcsError(
      'AUTH_REQUIRED',
      `No ${provider.id === 'codex' ? 'Codex' : provider.displayName} accounts.`,
      {
        suggestion: `Sign in with: ${signIn}`,
      },
    );
  }
  const progress = startQuotaProgress(`Reading ${provider.displayName} quota`, deps.progressStream);
  let report: Awaited<ReturnType<typeof collectQuota>>;
  try {
    report = await collectQuota(provider, { onSettled: (done, total) => progress.update(done, total) });
  } finally {
    progress.stop();
  }
  if (json) {
    term.out(JSON.stringify(toQuotaJson(report), null, 2));
  } else {
    const plain = {
      bold: (s: string) => s,
      dim: (s: string) => s,
      red: (s: string) => s,
      yellow: (s: string) => s,
      green: (s: string) => s,
    };
    const lines = renderQuota(report, {
      now: (deps.now ?? (() => new Date()))(),
      // Colour only for a terminal on stdout: redirected output stays plain text.
      style: deps.plain || !term.isTTY || !term.color ? plain : style,
      ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
    });
    for (const line of lines) term.out(line);
  }
  return report.accounts.some((r) => r.error) ? 1 : 0;
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
