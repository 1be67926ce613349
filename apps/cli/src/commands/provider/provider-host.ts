import { CcsError, closestNames, editDistance, type Provider } from '@ccs/core/internal';
import { type CliHost, createCliHost } from '../../host/create-cli-host.js';

const COMMANDS = ['proxy', 'env', 'cliproxy', 'dashboard', 'plugins', 'help'];

/**
 * The provider a `ccs <provider> …` command is for. A plugin that failed to load gives its own
 * error; an unknown name is a usage error listing the commands and providers (nearest first).
 */
export function providerOf(host: CliHost, providerId: string): Provider {
  const provider = host.providers.get(providerId);
  if (provider) return provider;
  const failed = host.pluginErrors.find((entry) => entry.pluginId === providerId);
  if (failed) throw failed.error;
  const loaded = [...host.providers.keys()];
  const near = closestNames(providerId, [...loaded, ...COMMANDS]).filter(
    (name) => editDistance(providerId, name) <= Math.max(2, Math.floor(providerId.length / 3)),
  );
  // Plugins that failed before their id was known (not found, threw on import) may be the one meant.
  const broken = host.pluginErrors.filter((entry) => !entry.pluginId).map((entry) => entry.source);
  throw new CcsError('USAGE', `Unknown command or provider "${providerId}".`, {
    suggestion: [
      near.length ? `Did you mean ${near.join(' or ')}?` : undefined,
      `Loaded providers: ${loaded.join(', ') || 'none'}; commands: ${COMMANDS.join(', ')}.`,
      broken.length
        ? `These plugins failed to load: ${broken.join(', ')} (see "ccs plugins list").`
        : undefined,
    ]
      .filter(Boolean)
      .join(' '),
  });
}

/** The CLI host and the provider a `ccs <provider> …` command is for. */
export async function providerHost(
  providerId: string,
  options: { verbose?: boolean } = {},
): Promise<{ host: CliHost; provider: Provider }> {
  const host = await createCliHost({ verbose: options.verbose });
  try {
    return { host, provider: providerOf(host, providerId) };
  } catch (error) {
    await host.dispose();
    throw error;
  }
}

/** Plugins that failed to load, by id, with their error: the proxy answers their model names with it. */
export function unavailableProviders(host: CliHost): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const entry of host.pluginErrors) if (entry.pluginId) map.set(entry.pluginId, entry.error.message);
  return map;
}
