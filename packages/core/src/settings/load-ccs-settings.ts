import type { CcsConfig } from '../config/config-schema.js';
import { mergeConfigIntoEnv } from '../config/env-overrides.js';
import { type LoadedConfig, loadConfig } from '../config/parse-config.js';
import { resolveCcsPaths } from '../paths/ccs-paths.js';
import type { CcsPaths } from '../spec/v1/plugin.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadCcsSettingsOptions {
  /** The environment to read `CCS_HOME` and the `CCS_*` overrides from (default `process.env`). */
  env?: Env;
  /** Use this directory as `CCS_HOME`, whatever the environment says. */
  home?: string;
}

/** What ccs itself reads before doing anything: paths, config.yaml, and the environment over it. */
export interface CcsSettings {
  /** The file layout under `CCS_HOME`, with `auth-dir` from config.yaml applied. */
  paths: CcsPaths;
  /** config.yaml, validated, with defaults filled in (a missing file is all defaults). */
  config: CcsConfig;
  /** Full path of config.yaml (it may not exist). */
  configFile: string;
  /** The parsed file: `exists`, `warnings` (`file:line: …`, never fatal) and `lineOf(keyPath)`. */
  loadedConfig: LoadedConfig;
  /** The environment as given (the `CCS_*` variables in it win over config.yaml). */
  processEnv: Env;
  /** The environment with config.yaml values filled in under it: what plugins see as `context.env`. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads ccs's settings the way the `ccs` CLI does: `CCS_HOME` (default ~/.ccs), then
 * `<CCS_HOME>/cliproxy/config.yaml` (its `auth-dir` moves the token files), then the environment
 * on top. No network and no writes. Throws a `CcsError` with code `CONFIG_INVALID` naming file, line
 * and key when config.yaml is broken.
 */
export async function loadCcsSettings(options: LoadCcsSettingsOptions = {}): Promise<CcsSettings> {
  const given = options.env ?? process.env;
  const processEnv: Env = options.home === undefined ? given : { ...given, CCS_HOME: options.home };
  const configFile = resolveCcsPaths({ env: processEnv }).configFile;
  const loaded = await loadConfig(configFile);
  return {
    paths: resolveCcsPaths({ env: processEnv, authDir: loaded.config['auth-dir'] }),
    config: loaded.config,
    configFile,
    loadedConfig: loaded,
    processEnv,
    env: mergeConfigIntoEnv(loaded.config, processEnv),
  };
}
