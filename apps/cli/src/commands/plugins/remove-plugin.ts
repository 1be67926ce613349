import { readFile } from 'node:fs/promises';
import { CcsError, parseConfig, usageError } from '@ccs/core/internal';
import { createCliHost } from '../../host/create-cli-host.js';
import { withFileLock, writeFileAtomic0600 } from '../../host/write-config-file.js';
import { terminal } from '../../output/terminal.js';
import { specifierOf } from './add-plugin.js';
import { withoutPluginEntry } from './plugin-list-text.js';

/** `ccs plugins remove <id>`: drops that plugin's entry (options included) from config.yaml. */
export async function removePlugin(target: string): Promise<number> {
  const host = await createCliHost({ reportWarnings: false, missingPluginsFatal: false });
  try {
    const loaded = host.plugins.get(target);
    if (loaded?.source.startsWith('built-in')) {
      throw usageError(`"${target}" is built into ccs and cannot be removed.`, 'See "ccs plugins list".');
    }
    // By id (loaded, or failed after its id was known), else by the entry as written.
    const source =
      loaded?.source ?? host.pluginErrors.find((entry) => entry.pluginId === target)?.source ?? target;
    const file = host.configFile;
    let removed = false;
    await withFileLock(file, async () => {
      const text = await readFile(file, 'utf8').catch(() => '');
      const parsed = parseConfig(text, file);
      const position = parsed.config.plugins.findIndex((entry) => specifierOf(entry) === source);
      if (position === -1) return;
      const next = withoutPluginEntry(
        text,
        position,
        parsed.lineOf(['plugins', position]),
        parsed.config.plugins,
      );
      const after = parseConfig(next, file).config.plugins;
      const expected = parsed.config.plugins.filter((_, i) => i !== position).map(specifierOf);
      if (JSON.stringify(after.map(specifierOf)) !== JSON.stringify(expected)) {
        throw new CcsError(
          'INTERNAL',
          `Could not remove the plugin from ${file}; the file was not changed.`,
          {
            suggestion: `Delete its entry under plugins: by hand.`,
          },
        );
      }
      await writeFileAtomic0600(file, next);
      removed = true;
    });
    if (!removed) {
      const ids = [...host.plugins.keys()].filter(
        (id) => !host.plugins.get(id)?.source.startsWith('built-in'),
      );
      throw usageError(
        `No plugin "${target}" is listed in ${file}.`,
        ids.length ? `Listed plugins: ${ids.join(', ')}.` : 'No plugins are listed; see "ccs plugins list".',
      );
    }
    terminal.out(`Removed plugin "${target}" (${source}) from ${file}.`);
    return 0;
  } finally {
    await host.dispose();
  }
}
