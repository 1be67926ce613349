import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CcsConfig,
  CcsError,
  type CcsPaths,
  claudePathFromConfig,
  createLogger,
  createPluginHost,
  type Logger,
  type LogLevel,
  loadCcsSettings,
  loadConfigPlugins,
  loadOpenAICompatibility,
  PLUGIN_API_VERSION,
  type PluginContext,
  type Provider,
  resolveCcsPaths,
} from '@ccs/core/internal';
import { type CodexOptions, codexOptionsFromSettings, codexPlugin } from '@ccs/provider-codex';
import { openAICompatiblePlugin } from '@ccs/provider-openai-compatible';
import { warn } from '../output/terminal.js';
import { CCS_VERSION } from '../version.js';
import { checkAuthDir, checkStateDirs } from './check-state-dirs.js';
import { createOpenUrl } from './open-url.js';
import { userLogLine } from './user-log-line.js';

export { ensureLocalApiKey } from './ensure-local-api-key.js';

export interface CliHost {
  paths: CcsPaths;
  config: CcsConfig;
  /** Full path of config.yaml (it may not exist). */
  configFile: string;
  /** One line each, `file:line: …` (unknown keys and the like). */
  configWarnings: string[];
  /** The environment with config.yaml values filled in under it (the environment wins). */
  env: Readonly<Record<string, string | undefined>>;
  codexOptions: CodexOptions;
  logger: Logger;
  providers: ReadonlyMap<string, Provider>;
  /** Loaded plugins by id: where each came from and its version (for `ccs plugins list`). */
  plugins: ReadonlyMap<string, { source: string; version?: string; displayName: string }>;
  /** Plugins that failed to load; they are isolated, the others work. */
  pluginErrors: Array<{ source: string; pluginId?: string; error: CcsError }>;
  /** The provider with this id; throws its load error, or a USAGE error naming the loaded ids. */
  provider(id: string): Provider;
  /** CCS_CLAUDE_PATH, then `claude-path` from config.yaml; undefined = `claude` on PATH. */
  claudePath?: string;
  /**
   * Loads one more plugin (a path or package name, looked up as config.yaml's entries are) through
   * the same host checks (shape, apiVersion, options, duplicate id, create() and its timeout),
   * without touching config.yaml. For `ccs plugins add`.
   */
  tryPlugin(specifier: string): Promise<{ id: string } | { error: CcsError }>;
  /** Calls every provider's dispose(). */
  dispose(): Promise<void>;
}

export interface CreateCliHostOptions {
  env?: Record<string, string | undefined>;
  /** --verbose: log at info level (config `debug: true` or CCS_DEBUG=1: debug level). */
  verbose?: boolean;
  /** false: skip the third-party plugins of config `plugins:` (the built-in Codex provider is always registered). */
  loadPlugins?: boolean;
  /** false: do not print config warnings and plugin failures on stderr (default true). */
  reportWarnings?: boolean;
  /** false: a plugin in config.yaml that does not exist is recorded, not a configuration error (ccs plugins). */
  missingPluginsFatal?: boolean;
}

function logLevel(
  config: CcsConfig,
  env: Readonly<Record<string, string | undefined>>,
  verbose?: boolean,
): LogLevel {
  if (config.debug || (env.CCS_DEBUG !== undefined && env.CCS_DEBUG !== '' && env.CCS_DEBUG !== '0'))
    return 'debug';
  return verbose ? 'info' : 'warn';
}

/**
 * Everything a command needs, read once: paths, config.yaml (validated; exit 2 naming file, line and
 * key when broken), env overrides, the logger, and the providers loaded through the plugin host.
 * No network and no writes: a missing config.yaml means defaults and is not created.
 */
export async function createCliHost(options: CreateCliHostOptions = {}): Promise<CliHost> {
  const rawEnv = options.env ?? process.env;
  const bootPaths = resolveCcsPaths({ env: rawEnv });
  checkStateDirs(bootPaths.home, bootPaths.cliproxyDir);
  // The same settings a library user gets from loadCcsSettings()/createCodexProviderFromSettings().
  const settings = await loadCcsSettings({ env: rawEnv });
  const { paths, config, configFile, env, loadedConfig: loaded } = settings;
  checkAuthDir(paths.authDir);
  const codexOptions = codexOptionsFromSettings(settings);

  const level = logLevel(config, rawEnv, options.verbose);
  const logger = createLogger({
    level,
    write: (line) => process.stderr.write(`${userLogLine(line, level === 'debug')}\n`),
  });
  const context: PluginContext = {
    host: { name: 'ccs', version: CCS_VERSION, apiVersion: PLUGIN_API_VERSION },
    logger,
    paths,
    env,
    openUrl: createOpenUrl(env),
    now: () => new Date(),
    // Libraries name no ccs command: the CLI tells its providers how its user signs in again.
    signInCommand: (providerId, { add } = {}) => `ccs ${providerId} --auth${add ? ' --add' : ''}`,
  };
  const pluginHost = createPluginHost({ context });
  await pluginHost.tryRegister(codexPlugin, codexOptions, { label: 'built-in @ccs/provider-codex' });
  // One provider per openai-compatibility: entry (ccs openrouter, openrouter/<model>).
  await loadOpenAICompatibility(pluginHost, loaded, openAICompatiblePlugin);
  const cliDir = dirname(fileURLToPath(import.meta.url));
  if (options.loadPlugins !== false) {
    await loadConfigPlugins(pluginHost, loaded, { searchDirs: [cliDir] });
    // A plugin named in config.yaml that does not exist is a configuration error (exit 2, file:line:key).
    const missing = pluginHost.errors.find((entry) => entry.error.code === 'PLUGIN_NOT_FOUND');
    if (missing && options.missingPluginsFatal !== false) throw missing.error;
  }

  const tryPlugin = async (specifier: string): Promise<{ id: string } | { error: CcsError }> => {
    const known = new Set(pluginHost.plugins.keys());
    const before = pluginHost.errors.length;
    const single = { config: { ...config, plugins: [specifier] }, path: configFile, lineOf: () => 0 };
    await loadConfigPlugins(pluginHost, single, { searchDirs: [cliDir] });
    const failed = pluginHost.errors[before];
    if (failed) {
      // The loader names config.yaml's line; this entry is not in the file (yet).
      const message = failed.error.message.replace(/^.*?:0: plugins\[0\](?:\.\w+)?: /, '');
      return {
        error: new CcsError(failed.error.code, message, {
          cause: failed.error,
          ...(failed.error.suggestion ? { suggestion: failed.error.suggestion } : {}),
        }),
      };
    }
    const id = [...pluginHost.plugins.keys()].find((key) => !known.has(key));
    return id
      ? { id }
      : { error: new CcsError('PLUGIN_INVALID', `Plugin ${specifier} registered no provider.`) };
  };

  if (options.reportWarnings !== false) {
    for (const line of loaded.warnings) warn(line);
    for (const entry of pluginHost.errors) {
      // The built-in's own failure surfaces when a command asks for it; third-party failures are news.
      if (entry.source.startsWith('built-in')) logger.debug(`${entry.source}: ${entry.error.message}`);
      else warn(`${entry.error.message.replace(/([^.!?])$/, '$1.')} The other providers still work.`);
    }
  }

  const claudePath = claudePathFromConfig(config, rawEnv);
  return {
    paths,
    config,
    configFile,
    configWarnings: loaded.warnings,
    env,
    codexOptions,
    logger,
    providers: pluginHost.providers,
    get plugins() {
      return new Map(
        [...pluginHost.plugins].map(([id, entry]) => [
          id,
          {
            source: entry.origin.label,
            displayName: entry.provider.displayName,
            ...(entry.definition.meta.version ? { version: entry.definition.meta.version } : {}),
          },
        ]),
      );
    },
    pluginErrors: pluginHost.errors as Array<{ source: string; pluginId?: string; error: CcsError }>,
    provider: (id) => pluginHost.provider(id),
    tryPlugin,
    ...(claudePath !== undefined ? { claudePath } : {}),
    dispose: () => pluginHost.dispose(),
  };
}
