import { type Provider, usageError } from '@ccs/core';
import { parseFlags } from '../args.js';
import { CLIPROXY_HELP } from '../help.js';
import { type Terminal, terminal } from '../output/terminal.js';

/** What the command needs from the CLI host (injectable for tests). */
export interface CliproxyHost {
  providers: ReadonlyMap<string, Provider>;
  provider(id: string): Provider;
  /** Plugins that failed to load: asking for one gives its own error. */
  pluginErrors?: ReadonlyArray<{ source: string; pluginId?: string; error: Error }>;
}

/** Without --provider: the first loaded provider that reports quota (the built-in one comes first). */
function defaultQuotaProvider(host: CliproxyHost): string {
  const withQuota = [...host.providers.values()].find((p) => p.quotaSource !== undefined);
  const id = withQuota?.id ?? host.providers.keys().next().value;
  if (!id)
    throw usageError('No provider is loaded.', 'Check the plugins in config.yaml ("ccs plugins list").');
  return id;
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
  const provider = (host: CliproxyHost) =>
    typeof flags.provider === 'string' ? flags.provider : defaultQuotaProvider(host);
  // The quota modules (zod schemas, the providers) load only when quota is really asked for.
  const { showQuota } = await import('../quota/show-quota.js');
  if (deps.host) return showQuota(deps.host, provider(deps.host), flags.json === true, deps);
  const { createCliHost } = await import('../host/create-cli-host.js');
  const host = await createCliHost(deps.env ? { env: deps.env } : {});
  try {
    return await showQuota(host, provider(host), flags.json === true, deps);
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
