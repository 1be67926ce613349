import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { expandHome } from '../paths/ccs-paths.js';

/** `./x.mjs`, `../x`, `/abs/x`, `~/x` and anything ending in .js/.mjs/.cjs name a file; the rest a package. */
export function isPathSpecifier(specifier: string): boolean {
  return (
    specifier.startsWith('.') ||
    specifier.startsWith('~') ||
    isAbsolute(specifier) ||
    /^[a-zA-Z]:[\\/]/.test(specifier) ||
    /\.(?:m|c)?js$/.test(specifier)
  );
}

type ExportsField = string | null | { [key: string]: ExportsField } | ExportsField[];

function pickExport(field: ExportsField | undefined): string | undefined {
  if (field === undefined || field === null) return undefined;
  if (typeof field === 'string') return field;
  if (Array.isArray(field)) {
    for (const item of field) {
      const found = pickExport(item);
      if (found) return found;
    }
    return undefined;
  }
  if ('.' in field) return pickExport(field['.']);
  for (const condition of ['import', 'node', 'default']) {
    const found = pickExport(field[condition]);
    if (found) return found;
  }
  return undefined;
}

/** The entry file of a package folder: exports["."] (import/node/default), then module, main, index.js. */
function packageEntry(dir: string): string | undefined {
  const manifestPath = join(dir, 'package.json');
  let manifest: { exports?: ExportsField; module?: string; main?: string } = {};
  if (existsSync(manifestPath)) {
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
    } catch {
      return undefined;
    }
  }
  const relative =
    pickExport(manifest.exports) ??
    (typeof manifest.module === 'string' ? manifest.module : undefined) ??
    (typeof manifest.main === 'string' ? manifest.main : undefined) ??
    'index.js';
  const file = resolve(dir, relative);
  return existsSync(file) ? file : undefined;
}

function fileOrFolderEntry(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? packageEntry(path) : path;
}

export interface ResolvedPluginEntry {
  file?: string;
  /** Where the host looked, for the "cannot find" message. */
  searched: string[];
}

/**
 * Resolves a plugin named in config.yaml. A path is relative to the config file's folder; a package
 * is looked up in node_modules from each of `searchDirs` upward (the config folder, then the CLI's own).
 */
export function resolvePluginEntry(
  specifier: string,
  kind: 'path' | 'package',
  options: { baseDir: string; searchDirs: string[] },
): ResolvedPluginEntry {
  if (kind === 'path') {
    const target = resolve(options.baseDir, expandHome(specifier));
    return { file: fileOrFolderEntry(target), searched: [target] };
  }
  const searched: string[] = [];
  for (const start of options.searchDirs) {
    let dir = resolve(start);
    for (let depth = 0; depth < 64; depth++) {
      const candidate = join(dir, 'node_modules', specifier);
      searched.push(candidate);
      const file = fileOrFolderEntry(candidate);
      if (file) return { file, searched };
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return { searched };
}
