import { CcsError, toCcsError } from '../errors/ccs-error.js';
import type { PluginContext, PluginDefinition } from '../spec/v1/plugin.js';
import type { Provider } from '../spec/v1/provider.js';
import { checkPluginDefinition, type PluginOrigin, parsePluginOptions } from './plugin-shape.js';

export interface PluginLoadError {
  /** The origin label: `built-in`, a path or a package name as written in config.yaml. */
  source: string;
  pluginId?: string;
  error: CcsError;
}

export interface LoadedPlugin {
  definition: PluginDefinition;
  provider: Provider;
  origin: PluginOrigin;
  /** The provider's id: `meta.id`, or the instance id of a `multiInstance` plugin. */
  providerId: string;
}

export interface RegisterOptions {
  /**
   * Register one instance of a `multiInstance` plugin under this provider id (e.g. the `name` of an
   * `openai-compatibility:` entry). Default: the plugin's `meta.id`.
   */
  providerId?: string;
}

export interface PluginHost {
  readonly providers: ReadonlyMap<string, Provider>;
  /** Keyed by provider id: a `multiInstance` plugin appears once per instance. */
  readonly plugins: ReadonlyMap<string, LoadedPlugin>;
  readonly errors: ReadonlyArray<PluginLoadError>;
  /** Validates shape, apiVersion and options, refuses duplicate ids, then calls create. Throws a CcsError. */
  register(
    definition: unknown,
    options: unknown,
    origin?: PluginOrigin,
    register?: RegisterOptions,
  ): Promise<Provider>;
  /** Like register, but a failure is recorded in `errors` (the plugin is isolated) and undefined returned. */
  tryRegister(
    definition: unknown,
    options: unknown,
    origin?: PluginOrigin,
    register?: RegisterOptions,
  ): Promise<Provider | undefined>;
  /** Records a failure found before registration (e.g. the module could not be imported). */
  recordError(error: PluginLoadError): void;
  /** The provider with this id; throws its load error, or a USAGE error naming the loaded ids. */
  provider(id: string): Provider;
  dispose(): Promise<void>;
}

export interface CreatePluginHostOptions {
  /** Shared by every plugin; the host adds `providerId` and a logger scoped to it. */
  context: Omit<PluginContext, 'providerId'>;
  /** How long a plugin's create() may take (default 10 s). */
  createTimeoutMs?: number;
}

const BUILT_IN: PluginOrigin = { label: 'built-in' };

async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => CcsError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Not unref'd: a create() that never settles leaves nothing else to keep Node running, and an
    // unref'd timer would let the process exit 0 with the command silently undone.
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function checkProvider(value: unknown, id: string, label: string): Provider {
  // `id` is the provider id the host asked for (meta.id, or the instance id of a multi-instance plugin).
  const provider = value as Partial<Provider> | null;
  const problem =
    typeof provider !== 'object' || provider === null
      ? 'returned no provider'
      : provider.id !== id
        ? `returned a provider with id "${String(provider.id)}" instead of "${id}"`
        : typeof provider.chatModel !== 'function'
          ? 'returned a provider without chatModel()'
          : undefined;
  if (problem) {
    throw new CcsError('PLUGIN_INVALID', `Plugin "${id}" (${label}) ${problem}.`, {
      suggestion: 'create() must return the Provider whose id is context.providerId (meta.id).',
    });
  }
  return provider as Provider;
}

/**
 * The plugin host: a plugin is data plus a factory; the host checks it, then calls it.
 * Each plugin's failure is its own: other plugins keep loading (tryRegister).
 */
export function createPluginHost(options: CreatePluginHostOptions): PluginHost {
  const { context } = options;
  const timeoutMs = options.createTimeoutMs ?? 10_000;
  const plugins = new Map<string, LoadedPlugin>();
  const providers = new Map<string, Provider>();
  const errors: PluginLoadError[] = [];

  const register = async (
    value: unknown,
    rawOptions: unknown,
    origin: PluginOrigin = BUILT_IN,
    registerOptions: RegisterOptions = {},
  ) => {
    const definition = checkPluginDefinition(value, origin);
    const id = registerOptions.providerId ?? definition.meta.id;
    if (id !== definition.meta.id && definition.multiInstance !== true) {
      throw new CcsError(
        'PLUGIN_INVALID',
        `Plugin "${definition.meta.id}" (${origin.label}) cannot be loaded as "${id}": it is not a multi-instance plugin.`,
        { suggestion: 'Only plugins with multiInstance: true can run under several ids.' },
      );
    }
    const taken = plugins.get(id);
    if (taken) {
      throw new CcsError(
        'PLUGIN_INVALID',
        `${registerOptions.providerId ? 'Provider' : 'Plugin'} "${id}" (${origin.label}) uses an id already taken by ${taken.origin.label}.`,
        {
          suggestion:
            'Give one of them another id (the name of an openai-compatibility: entry, or the plugin id), or remove it from config.yaml.',
        },
      );
    }
    const parsedOptions = parsePluginOptions(definition, rawOptions, origin);
    const pluginContext: PluginContext = { ...context, providerId: id, logger: context.logger.child(id) };
    let created: unknown;
    try {
      created = await withTimeout(
        Promise.resolve().then(() => definition.create(pluginContext, parsedOptions)),
        timeoutMs,
        () =>
          new CcsError(
            'PLUGIN_INVALID',
            `Plugin "${id}" (${origin.label}) did not finish starting within ${timeoutMs / 1000} s.`,
            {
              suggestion: 'create() must not wait for the network; do slow work lazily.',
            },
          ),
      );
    } catch (error) {
      if (CcsError.isInstance(error)) throw error;
      throw new CcsError(
        'PLUGIN_INVALID',
        `Plugin "${id}" (${origin.label}) failed to start: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error, suggestion: 'Check the plugin options, or report this to the plugin author.' },
      );
    }
    const provider = checkProvider(created, id, origin.label);
    plugins.set(id, { definition, provider, origin, providerId: id });
    providers.set(id, provider);
    return provider;
  };

  const pluginIdOf = (value: unknown) => {
    const id = (value as { meta?: { id?: unknown } } | null)?.meta?.id;
    return typeof id === 'string' ? id : undefined;
  };

  return {
    providers,
    plugins,
    errors,
    register,
    async tryRegister(value, rawOptions, origin = BUILT_IN, registerOptions = {}) {
      try {
        return await register(value, rawOptions, origin, registerOptions);
      } catch (error) {
        const pluginId = registerOptions.providerId ?? pluginIdOf(value);
        errors.push({ source: origin.label, ...(pluginId ? { pluginId } : {}), error: toCcsError(error) });
        context.logger.debug('plugin failed to load', {
          source: origin.label,
          error: toCcsError(error).message,
        });
        return undefined;
      }
    },
    recordError(error) {
      errors.push(error);
    },
    provider(id) {
      const provider = providers.get(id);
      if (provider) return provider;
      const failed = errors.find((entry) => entry.pluginId === id);
      if (failed) throw failed.error;
      const loaded = [...providers.keys()];
      throw new CcsError('USAGE', `Unknown provider "${id}".`, {
        suggestion: loaded.length
          ? `Loaded providers: ${loaded.join(', ')}.`
          : 'No provider is loaded; check plugins: in config.yaml.',
      });
    },
    async dispose() {
      await Promise.allSettled([...providers.values()].map((provider) => provider.dispose?.()));
    },
  };
}
