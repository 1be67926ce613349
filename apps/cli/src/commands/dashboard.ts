import { join } from 'node:path';
import { CcsError } from '@ccs/core';
import { startDashboard } from '@ccs/proxy/internal';
import { parseFlags, parsePort } from '../args.js';
import { dashboardLogin } from '../dashboard/dashboard-login.js';
import { dashboardSlotModels, saveDashboardSlotModels } from '../dashboard/dashboard-slot-models.js';
import { createCliHost } from '../host/create-cli-host.js';
import { createOpenUrl } from '../host/open-url.js';
import { info, terminal } from '../output/terminal.js';

const DASHBOARD_HELP = `Usage: ccs dashboard [--port P] [--no-open]

Opens a local web dashboard: every provider's accounts with their quota windows (usage, reset
times, the weekly reset schedule), its models per Claude Code slot, usage and requests. From the
page you can add an account (browser, device code or API key, as the provider offers), rename,
sign out, make default, and choose each slot's model and effort.
Serves on 127.0.0.1 (any free port unless --port). The URL, printed on the first line, carries
a per-run token after "#"; only that URL works. Opens your browser unless --no-open or
CCS_NO_BROWSER=1. Stops on Ctrl-C (SIGINT) or SIGTERM. "ccs proxy" serves it at /dashboard too.`;

/** Resolves when the process is asked to stop. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `ccs dashboard`: the URL (with its token) is the first line of stdout. */
export async function runDashboard(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { port: 'string', 'no-open': 'boolean', verbose: 'boolean', help: 'boolean' },
    'ccs dashboard',
  );
  if (flags.help) {
    terminal.out(DASHBOARD_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new CcsError('USAGE', `Unexpected argument "${positionals[0]}" for "ccs dashboard".`);
  const port = typeof flags.port === 'string' ? parsePort(flags.port, '--port') : 0;
  const host = await createCliHost({ verbose: flags.verbose === true });
  try {
    const dashboard = await startDashboard({
      providers: host.providers,
      port,
      loadSlotModels: dashboardSlotModels(host),
      saveSlotModels: saveDashboardSlotModels(host),
      ledgerDir: join(host.paths.home, 'usage'),
      login: dashboardLogin(host),
    });
    terminal.out(dashboard.url);
    const stopped = untilStopped();
    if (flags['no-open'] !== true && host.env.CCS_NO_BROWSER !== '1') {
      const opened = await createOpenUrl(host.env)(dashboard.url);
      if (!opened) info('Could not open a browser; open the URL above yourself.');
    }
    info('ccs dashboard: serving on 127.0.0.1 only. Ctrl-C stops it.');
    await stopped;
    await dashboard.close();
    return 0;
  } finally {
    await host.dispose();
  }
}
