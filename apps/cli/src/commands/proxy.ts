import { join } from 'node:path';
import { CcsError } from '@ccs/core';
import { newDashboardToken, startProxy } from '@ccs/proxy/internal';
import { parseFlags, parsePort } from '../args.js';
import { createCliHost, ensureLocalApiKey } from '../host/create-cli-host.js';
import { info, style, terminal } from '../output/terminal.js';
import { dashboardSlotModels } from './dashboard.js';
import { proxyModels } from './proxy-models.js';

const PROXY_HELP = `Usage: ccs proxy [--port P] [--host H] [--verbose]

Runs the Anthropic Messages API proxy in the foreground, for any Anthropic client.
Port and host come from config.yaml (default 127.0.0.1:8317). Clients must send the
local API key from config.yaml (api-keys) as x-api-key or Authorization: Bearer;
"ccs env codex" prints the variables to use. The second line of output is the web
dashboard's URL (/dashboard, with a per-run token). Stops on Ctrl-C (SIGINT) or SIGTERM.
Needs a signed-in Codex account (ccs codex --auth).

Options:
  --port <P>    Port to listen on (default: port from config.yaml, else 8317)
  --host <H>    Address to listen on (default: host from config.yaml, else 127.0.0.1)
  --verbose     Trace each request on stderr: model, reasoning.effort, account, upstream status
  -h, --help    Show this help

Examples:
  ccs proxy
  ccs proxy --port 9000 --verbose
  eval "$(ccs env codex)"; claude    # in another terminal`;

/** Resolves when the process is asked to stop. */
function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `ccs proxy`: the base URL is the first line of stdout, so scripts can read it. */
export async function runProxy(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { port: 'string', host: 'string', verbose: 'boolean', help: 'boolean' },
    'ccs proxy',
  );
  if (flags.help) {
    terminal.out(PROXY_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CcsError('USAGE', `Unexpected argument "${positionals[0]}" for "ccs proxy".`, {
      suggestion: 'Run "ccs proxy --help" to see the options.',
    });
  const port = typeof flags.port === 'string' ? parsePort(flags.port, '--port') : undefined;
  const host = await createCliHost({ verbose: flags.verbose === true });
  try {
    const provider = host.provider('codex');
    const accounts = await provider.accounts.list();
    if (accounts.length === 0) {
      throw new CcsError('AUTH_REQUIRED', 'No Codex account is signed in.', {
        suggestion: 'Run: ccs codex --auth',
      });
    }
    const apiKey = await ensureLocalApiKey(host);
    const { models, effort } = await proxyModels(host);
    const trace = flags.verbose ? (line: string) => terminal.err(style.dim(line)) : undefined;
    const proxy = await startProxy({
      providers: host.providers,
      defaultProviderId: 'codex',
      apiKey,
      host: typeof flags.host === 'string' ? flags.host : host.config.host,
      port: port ?? host.config.port,
      models,
      ...(effort ? { effortOverride: effort } : {}),
      routing: { strategy: host.config.routing.strategy },
      ...(trace ? { trace } : {}),
      logger: host.logger,
      dashboard: { token: newDashboardToken(), loadSlotModels: dashboardSlotModels(host) },
      // For `ccs statusline` in a user's own Claude Code settings, and `ccs usage`.
      statusFile: join(host.paths.home, 'run', `status-${process.pid}.json`),
      ledgerDir: join(host.paths.home, 'usage'),
    });
    terminal.out(proxy.url);
    if (proxy.dashboardUrl) terminal.out(`Dashboard: ${proxy.dashboardUrl}`);
    info(
      `ccs proxy: ${accounts.length} Codex account(s), routing ${host.config.routing.strategy}. Ctrl-C stops it.`,
    );
    info('Run "ccs env codex" for the variables an Anthropic client needs.');
    await untilStopped();
    await proxy.close();
    return 0;
  } finally {
    await host.dispose();
  }
}
