import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedConfig } from '../config/parse-config.js';
import { CcsError } from '../errors/ccs-error.js';
import type { PluginHost } from './plugin-host.js';
import type { PluginOrigin } from './plugin-shape.js';
import { isPathSpecifier, resolvePluginEntry } from './resolve-plugin-entry.js';

export interface LoadConfigPluginsOptions {
  /** Extra folders to look for packages from, after the config file's folder (the CLI passes its own). */
  searchDirs?: string[];
}

/** A module may export the definition as default, as `plugin`, or (CommonJS interop) as default.default. */
function pickDefinition(mod: Record<string, unknown>): unknown {
  let value = mod.default ?? mod.plugin;
  const inner = (value as { default?: unknown } | undefined)?.default;
  if (value && typeof value === 'object' && !('apiVersion' in value) && inner) value = inner;
  return value;
}

/**
 * Loads every plugin in config.yaml's `plugins:` list through the host. Each failure is recorded in
 * `host.errors` with a message naming the file and line, and the remaining plugins still load.
 */
export async function loadConfigPlugins(
  host: PluginHost,
  loaded: Pick<LoadedConfig, 'config' | 'path' | 'lineOf'>,
  options: LoadConfigPluginsOptions = {},
): Promise<void> {
  const baseDir = dirname(loaded.path);
  for (const [index, entry] of loaded.config.plugins.entries()) {
    const key = `plugins[${index}]`;
    const kind =
      typeof entry === 'string'
        ? isPathSpecifier(entry)
          ? 'path'
          : 'package'
        : entry.path
          ? 'path'
          : 'package';
    const specifier = typeof entry === 'string' ? entry : (entry.path ?? entry.package)!;
    const specKey = typeof entry === 'string' ? [] : [kind];
    const line = loaded.lineOf(['plugins', index, ...specKey]);
    const at = `${loaded.path}:${line}: ${key}${specKey.length ? `.${kind}` : ''}`;
    const origin: PluginOrigin = {
      label: specifier,
      optionsKey: `${key}.options`,
      locate: (path) => ({ file: loaded.path, line: loaded.lineOf(['plugins', index, 'options', ...path]) }),
    };
    const resolved = resolvePluginEntry(specifier, kind, {
      baseDir,
      searchDirs: [baseDir, ...(options.searchDirs ?? [])],
    });
    if (!resolved.file) {
      const where =
        kind === 'path'
          ? `no file at ${resolved.searched[0]}`
          : `not in node_modules of ${baseDir} or of ccs; npm install it there`;
      host.recordError({
        source: specifier,
        // No suggestion: the CLI adds its generic one for errors naming a config file and line.
        error: new CcsError('PLUGIN_NOT_FOUND', `${at}: cannot find plugin "${specifier}" (${where}).`, {
          details: { file: loaded.path, line, key },
        }),
      });
      continue;
    }
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(resolved.file).href)) as Record<string, unknown>;
    } catch (error) {
      host.recordError({
        source: specifier,
        error: new CcsError(
          'PLUGIN_INVALID',
          `${at}: plugin "${specifier}" could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          {
            cause: error,
            suggestion: 'Check that the plugin is an ES module built for Node.js 20 or later.',
          },
        ),
      });
      continue;
    }
    await host.tryRegister(
      pickDefinition(mod),
      typeof entry === 'string' ? undefined : entry.options,
      origin,
    );
  }
}
