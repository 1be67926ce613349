import type { OpenAICompatibilityEntry, PluginContext, Provider } from '@ccs/core';
import { createHttpClient, type KyInstance, toUpstreamError } from '@ccs/provider-kit';
import { z } from 'zod';
import { ApiKeyAccountStore } from './accounts/api-key-account-store.js';
import { createApiKeyAuthStrategy } from './auth/api-key-auth-strategy.js';
import { createCompatibleChatModel } from './chat/compatible-chat-model.js';
import { createCompatibleEffortPolicy } from './models/compatible-effort-policy.js';
import { CompatibleModelCatalog } from './models/compatible-model-catalog.js';

const modelsBodySchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string().min(1) })),
});

export interface OpenAICompatibleProvider extends Provider {
  readonly accounts: ApiKeyAccountStore;
  readonly modelCatalog: CompatibleModelCatalog;
  readonly baseUrl: string;
}

export interface CreateOpenAICompatibleProviderOptions {
  /** The provider id (the entry's name, or context.providerId). */
  id: string;
  entry: OpenAICompatibilityEntry;
  context: Pick<PluginContext, 'paths' | 'logger' | 'now' | 'host'>;
  /** Custom fetch (tests). */
  fetch?: typeof fetch;
  retryDelaysMs?: readonly number[];
}

/** Header values CLIProxyAPI copies from the client ("$Name"); ccs does not (config.yaml warns). */
function staticHeaders(headers: Record<string, string> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([, value]) => !value.startsWith('$')));
}

/** One OpenAI Chat Completions endpoint as a ccs provider: API-key accounts, models, chat. */
export function createOpenAICompatibleProvider(
  options: CreateOpenAICompatibleProviderOptions,
): OpenAICompatibleProvider {
  const { id, entry, context } = options;
  const baseUrl = entry['base-url'].replace(/\/+$/, '');
  const host = new URL(baseUrl).host;
  const headers = staticHeaders(entry.headers);
  const http: KyInstance = createHttpClient({
    userAgent: `${context.host.name}/${context.host.version}`,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const configKeys = [
    ...(entry['api-key-entries'] ?? []).map((k) => k['api-key']),
    ...(entry['api-keys'] ?? []),
  ];
  const accounts = new ApiKeyAccountStore({
    providerId: id,
    authDir: context.paths.authDir,
    configKeys,
    now: context.now,
  });

  const fetchModelIds = async (apiKey: string, signal?: AbortSignal): Promise<string[]> => {
    const body = await http
      .get(`${baseUrl}/models`, {
        headers: { ...headers, authorization: `Bearer ${apiKey}` },
        timeout: 10_000,
        ...(signal ? { signal } : {}),
      })
      .json();
    return modelsBodySchema.parse(body).data.map((m) => m.id);
  };

  const modelCatalog = new CompatibleModelCatalog({
    providerId: id,
    models: entry.models ?? [],
    logger: context.logger,
    async fetchRemoteIds(accountId, signal) {
      const all = await accounts.listWithKeys();
      const account = accountId ? all.find((a) => a.id === accountId) : all.find((a) => a.isDefault);
      if (!account) throw new Error('no account to list the models with');
      return fetchModelIds(account.apiKey, signal);
    },
  });

  const strategy = createApiKeyAuthStrategy({
    providerId: id,
    host,
    async checkKey(apiKey, signal) {
      try {
        await fetchModelIds(apiKey, signal);
        return { verdict: 'accepted' };
      } catch (error) {
        const failure = await toUpstreamError(error, { url: `${baseUrl}/models`, service: host });
        const status = failure.details?.status;
        if (status === 401 || status === 403) return { verdict: 'refused' };
        return { verdict: 'unknown', reason: failure.message.replace(/\.$/, '') };
      }
    },
  });

  return {
    specificationVersion: 'v1',
    id,
    displayName: `${id} (${host})`,
    baseUrl,
    authStrategies: [strategy],
    accounts,
    modelCatalog,
    effortPolicy: createCompatibleEffortPolicy(modelCatalog),
    chatModel(modelId, account) {
      return createCompatibleChatModel({
        providerId: id,
        modelId,
        accountId: account.id,
        url: `${baseUrl}/chat/completions`,
        host,
        headers,
        accounts,
        catalog: modelCatalog,
        http,
        ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
      });
    },
  };
}
