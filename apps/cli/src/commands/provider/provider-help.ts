import { BUILT_IN_PROVIDER_HELP, genericProviderHelp } from '../../help.js';
import { createCliHost } from '../../host/create-cli-host.js';
import { providerOf } from './provider-host.js';

/**
 * `ccs <provider> --help`: a built-in provider's own page, else one made from what the loaded
 * provider offers (its sign-in kinds and models). A provider that failed to load gives its error.
 */
export async function providerHelpText(providerId: string): Promise<string> {
  const builtIn = BUILT_IN_PROVIDER_HELP[providerId];
  if (builtIn) return builtIn;
  const host = await createCliHost({ reportWarnings: false });
  try {
    const provider = providerOf(host, providerId);
    return genericProviderHelp({
      id: provider.id,
      displayName: provider.displayName,
      strategyKinds: provider.authStrategies.map((s) => s.kind),
      canStoreLogins: typeof provider.accounts.add === 'function',
      models: provider.modelCatalog
        .staticModels()
        .filter((m) => !m.hidden)
        .map((m) => m.id),
      hasQuota: provider.quotaSource !== undefined,
    });
  } finally {
    await host.dispose();
  }
}
