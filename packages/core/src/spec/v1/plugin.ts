import type { z } from 'zod';
import type { Provider } from './provider.js';

export const PLUGIN_API_VERSION = 1 as const;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface CcsPaths {
  /** $CCS_HOME (default ~/.ccs) */
  home: string;
  /** $CCS_HOME/cliproxy */
  cliproxyDir: string;
  /** $CCS_HOME/cliproxy/auth (or `auth-dir` from config.yaml) */
  authDir: string;
  /** $CCS_HOME/cliproxy/accounts.json */
  accountsFile: string;
  /** $CCS_HOME/cliproxy/config.yaml */
  configFile: string;
  /** $CCS_HOME/<provider>.settings.json */
  settingsFile(providerId: string): string;
}

/** What the host hands a plugin, so plugins never reach for globals. */
export interface PluginContext {
  host: { name: string; version: string; apiVersion: typeof PLUGIN_API_VERSION };
  logger: Logger;
  paths: CcsPaths;
  /** Environment as the host sees it (config.yaml values merged under env vars). */
  env: Readonly<Record<string, string | undefined>>;
  /** Open a URL in the user's browser; resolves false when it could not. */
  openUrl(url: string): Promise<boolean>;
  now(): Date;
  /**
   * The id the provider `create()` returns must have. Set by the host: `meta.id`, or for a
   * `multiInstance` plugin the id of this instance (e.g. the `name` of an `openai-compatibility:`
   * entry). Optional only so contexts built by hand in older tests still type-check.
   */
  providerId?: string;
  /**
   * The command this host's user runs to sign in to a provider (the ccs CLI: `ccs <id> --auth`, and
   * `ccs <id> --auth --add` for another account). Providers name it where they tell the user to sign in
   * again (the browser's sign-in error page, a token file they had to skip). Optional: a library cannot
   * know its user's commands, so without it a provider says the same without naming one.
   */
  signInCommand?: (providerId: string, options?: { add?: boolean }) => string;
}

export interface PluginMeta {
  /** kebab-case, unique among loaded plugins; also the provider id. */
  id: string;
  displayName: string;
  packageName?: string;
  version?: string;
  homepage?: string;
}

export interface PluginDefinition<S extends z.ZodType = z.ZodType> {
  apiVersion: typeof PLUGIN_API_VERSION;
  kind: 'provider';
  meta: PluginMeta;
  optionsSchema: S;
  /**
   * true: the host may create several providers from this one plugin, each with its own id and
   * options (`context.providerId`), e.g. one per configured endpoint. Default false: one provider,
   * whose id is `meta.id`.
   */
  multiInstance?: boolean;
  create(context: PluginContext, options: z.output<S>): Provider | Promise<Provider>;
}

/** Identity helper that gives plugin authors type inference for their options. */
export function definePlugin<S extends z.ZodType>(definition: PluginDefinition<S>): PluginDefinition<S> {
  return definition;
}
