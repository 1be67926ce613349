import { join } from 'node:path';
import { CcsError } from '@ccs/core';
import { newDashboardToken, type RunningProxy, startProxy } from '@ccs/proxy/internal';
import { parseFlags, parsePort } from '../args.js';
import { dashboardLogin } from '../dashboard/dashboard-login.js';
import { dashboardSlotModels, saveDashboardSlotModels } from '../dashboard/dashboard-slot-models.js';
import { PROXY_HELP } from '../help.js';
import { createCliHost, ensureLocalApiKey } from '../host/create-cli-host.js';
import { info, style, terminal } from '../output/terminal.js';
import { unavailableProviders } from './provider/provider-host.js';
import { proxyModels } from './proxy-models.js';

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
    // Every loaded provider is served; the first one (in load order) with an account takes the
    // claude-* slot names and plain model names first.
    const counts = new Map<string, number>();
    for (const provider of host.providers.values()) {
      counts.set(provider.id, (await provider.accounts.list().catch(() => [])).length);
    }
    const primary = [...host.providers.values()].find((p) => (counts.get(p.id) ?? 0) > 0);
    if (!primary) {
      const first = host.providers.keys().next().value ?? '<provider>';
      throw new CcsError('AUTH_REQUIRED', 'No account of any provider is signed in.', {
        suggestion: `Run: ccs ${first} --auth (or ccs <provider> --auth for another provider; ccs plugins list shows them).`,
      });
    }
    const apiKey = await ensureLocalApiKey(host);
    const { models, effort } = await proxyModels(host, primary);
    const trace = flags.verbose ? (line: string) => terminal.err(style.dim(line)) : undefined;
    let running: RunningProxy | undefined;
    const proxy = await startProxy({
      providers: host.providers,
      defaultProviderId: primary.id,
      unavailableProviders: unavailableProviders(host),
      apiKey,
      host: typeof flags.host === 'string' ? flags.host : host.config.host,
      port: port ?? host.config.port,
      models,
      ...(effort ? { effortOverride: effort } : {}),
      routing: { strategy: host.config.routing.strategy },
      ...(trace ? { trace } : {}),
      logger: host.logger,
      dashboard: {
        token: newDashboardToken(),
        loadSlotModels: dashboardSlotModels(host),
        // An edit of the serving provider's slots applies from the next request, not after a restart.
        saveSlotModels: async (provider, change) => {
          await saveDashboardSlotModels(host)(provider, change);
          if (provider.id !== primary.id || !running) return;
          const now = await proxyModels(host, primary);
          running.setModels(now.models, now.effort);
        },
        login: dashboardLogin(host),
      },
      // For `ccs statusline` in a user's own Claude Code settings, and `ccs usage`.
      statusFile: join(host.paths.home, 'run', `status-${process.pid}.json`),
      ledgerDir: join(host.paths.home, 'usage'),
    });
    running = proxy;
    terminal.out(proxy.url);
    if (proxy.dashboardUrl) terminal.out(`Dashboard: ${proxy.dashboardUrl}`);
    const served = [...counts].map(([id, n]) => `${id} (${n} account${n === 1 ? '' : 's'})`).join(', ');
    info(`ccs proxy: serving ${served}; routing ${host.config.routing.strategy}. Ctrl-C stops it.`);
    info(`Run "ccs env ${primary.id}" for the variables an Anthropic client needs.`);
    await untilStopped();
    await proxy.close();
    return 0;
  } finally {
    await host.dispose();
  }
}
