import { createCliHost } from '../../host/create-cli-host.js';
import { style, terminal } from '../../output/terminal.js';

interface PluginRow {
  id: string | null;
  displayName: string | null;
  version: string | null;
  source: string;
  builtIn: boolean;
  loaded: boolean;
  error: { code: string; message: string } | null;
}

/** `ccs plugins list [--json]`: loaded providers and the plugins that failed, each with its own error. */
export async function listPlugins(json: boolean): Promise<number> {
  const host = await createCliHost({ reportWarnings: false, missingPluginsFatal: false });
  try {
    const rows: PluginRow[] = [];
    for (const [id, plugin] of host.plugins) {
      rows.push({
        id,
        displayName: plugin.displayName,
        version: plugin.version ?? null,
        source: plugin.source,
        builtIn: plugin.source.startsWith('built-in'),
        loaded: true,
        error: null,
      });
    }
    for (const failed of host.pluginErrors) {
      rows.push({
        id: failed.pluginId ?? null,
        displayName: null,
        version: null,
        source: failed.source,
        builtIn: failed.source.startsWith('built-in'),
        loaded: false,
        error: { code: failed.error.code, message: failed.error.message },
      });
    }
    if (json) {
      terminal.out(JSON.stringify({ plugins: rows }, null, 2));
      return 0;
    }
    for (const row of rows) {
      const name = row.id ?? '(unknown id)';
      const version = row.version ? ` ${row.version}` : '';
      const state = row.loaded ? style.green('loaded') : style.red('failed');
      terminal.out(`${name}${version}  ${state}  ${style.dim(row.source)}`);
      if (row.error) terminal.out(`  ${row.error.message}`);
    }
    return 0;
  } finally {
    await host.dispose();
  }
}
