import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CcsError,
  expandHome,
  isPathSpecifier,
  type PluginConfigEntry,
  parseConfig,
  usageError,
} from '@ccs/core/internal';
import { createCliHost } from '../../host/create-cli-host.js';
import { NEW_FILE_HEADER, readText } from '../../host/ensure-local-api-key.js';
import { withFileLock, writeFileAtomic0600 } from '../../host/write-config-file.js';
import { style, terminal } from '../../output/terminal.js';
import { npmInstall } from './npm-install.js';
import { withPluginEntry } from './plugin-list-text.js';

const TARBALL = /\.(?:tgz|tar\.gz)$/i;

export const specifierOf = (entry: PluginConfigEntry): string =>
  typeof entry === 'string' ? entry : (entry.path ?? entry.package ?? '');

/**
 * `ccs plugins add <path | package>`: a folder or file is registered by absolute path; anything else
 * is installed with npm into $CCS_HOME/cliproxy. The plugin must load and pass every host check before
 * config.yaml is touched; then one entry is appended under a lock, atomically, keeping the rest.
 */
export async function addPlugin(target: string): Promise<number> {
  const host = await createCliHost({ reportWarnings: false, missingPluginsFatal: false });
  try {
    let specifier: string;
    const local = resolve(expandHome(target));
    if (TARBALL.test(target)) {
      if (!existsSync(local))
        throw usageError(`No file at ${local}.`, 'Check the path of the packed plugin.');
      specifier = await npmInstall(host.paths.cliproxyDir, local);
    } else if (isPathSpecifier(target) || existsSync(local)) {
      if (!existsSync(local)) throw usageError(`No plugin file or folder at ${local}.`, 'Check the path.');
      specifier = local;
    } else {
      specifier = await npmInstall(host.paths.cliproxyDir, target);
    }
    if (host.config.plugins.some((entry) => specifierOf(entry) === specifier)) {
      throw usageError(
        `${specifier} is already listed under plugins: in ${host.configFile}.`,
        'See "ccs plugins list"; remove it first to add it again.',
      );
    }
    const checked = await host.tryPlugin(specifier);
    if ('error' in checked) {
      const e = checked.error;
      throw new CcsError(
        e.code,
        `${e.message.replace(/([^.!?])$/, '$1.')} ${host.configFile} was not changed.`,
        {
          ...(e.suggestion ? { suggestion: e.suggestion } : {}),
        },
      );
    }
    const file = host.configFile;
    await withFileLock(file, async () => {
      const text = (await readText(file)) ?? NEW_FILE_HEADER;
      const current = parseConfig(text, file).config.plugins;
      const next = withPluginEntry(text, specifier, current);
      const written = parseConfig(next, file).config.plugins;
      const ok =
        written.length === current.length + 1 && specifierOf(written[written.length - 1]!) === specifier;
      if (!ok) {
        throw new CcsError('INTERNAL', `Could not add the plugin to ${file}; the file was not changed.`, {
          suggestion: `Add "- ${specifier}" under plugins: by hand.`,
        });
      }
      await writeFileAtomic0600(file, next);
    });
    const plugin = host.plugins.get(checked.id);
    const what = `${plugin?.displayName ?? checked.id}${plugin?.version ? ` ${plugin.version}` : ''}`;
    terminal.out(style.green(`Added plugin "${checked.id}" (${what}) from ${specifier}.`));
    terminal.out(`Use it with: ccs ${checked.id} --help`);
    return 0;
  } finally {
    await host.dispose();
  }
}
