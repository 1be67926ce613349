import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { CcsPaths } from '../spec/v1/plugin.js';

export interface ResolvePathsOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** `auth-dir` from config.yaml, if set (may start with ~). */
  authDir?: string;
}

export function expandHome(path: string, home = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}

/** The file layout of INTERFACE.md, rooted at $CCS_HOME (default ~/.ccs). */
export function resolveCcsPaths(options: ResolvePathsOptions = {}): CcsPaths {
  const env = options.env ?? process.env;
  const rawHome = env.CCS_HOME?.trim();
  const home = rawHome ? resolve(expandHome(rawHome)) : join(homedir(), '.ccs');
  const cliproxyDir = join(home, 'cliproxy');
  const authDir = options.authDir
    ? isAbsolute(expandHome(options.authDir))
      ? expandHome(options.authDir)
      : resolve(cliproxyDir, options.authDir)
    : join(cliproxyDir, 'auth');
  return {
    home,
    cliproxyDir,
    authDir,
    accountsFile: join(cliproxyDir, 'accounts.json'),
    configFile: join(cliproxyDir, 'config.yaml'),
    settingsFile: (providerId: string) => join(home, `${providerId}.settings.json`),
  };
}
