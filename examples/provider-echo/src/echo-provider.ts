import {
  type AccountInfo,
  type AccountManager,
  type AuthStrategy,
  CcsError,
  type EffortLevel,
  type EffortPolicy,
  effortRank,
  type ModelCatalog,
  type ModelInfo,
  type PluginContext,
  type Provider,
} from '@ccs/core';
import { createEchoChatModel } from './echo-chat-model.js';

export interface EchoOptions {
  prefix: string;
  models: string[];
}

const SUPPORTED: EffortLevel[] = ['low', 'medium', 'high'];
const MAX_EFFORT: EffortLevel = 'high';

/** The echo provider needs no login: one local account that always exists. */
function createAccounts(providerId: string, now: () => Date): AccountManager {
  const account: AccountInfo = {
    id: 'local',
    providerId,
    nickname: 'local',
    isDefault: true,
    createdAt: now().toISOString(),
  };
  const find = async (name: string) => {
    if (name.toLowerCase() === account.id || name.toLowerCase() === account.nickname) return account;
    throw new CcsError('USAGE', `Unknown echo account "${name}".`, { suggestion: 'Known accounts: local.' });
  };
  const readOnly = async () => {
    throw new CcsError('USAGE', 'The echo provider has one fixed account.');
  };
  return {
    list: async () => [account],
    getDefault: async () => account,
    resolve: find,
    setDefault: async (id) => void (await find(id)),
    rename: readOnly,
    remove: readOnly,
  };
}

function createCatalog(models: string[]): ModelCatalog {
  const infos: ModelInfo[] = models.map((id) => ({
    id,
    displayName: `Echo ${id}`,
    contextWindow: 32_000,
    effort: { supported: SUPPORTED, default: 'medium', max: MAX_EFFORT },
    source: 'static',
  }));
  return {
    specificationVersion: 'v1',
    staticModels: () => infos,
    list: async () => infos,
    get: (id) => infos.find((m) => m.id === id),
    isAvailable: (id) => infos.some((m) => m.id === id),
  };
}

/**
 * Pure and total: a supported level is kept; anything above the maximum is capped to it, anything
 * below the lowest level (`none`, `minimal`) is raised to it, each with a warning.
 */
const effortPolicy: EffortPolicy = {
  specificationVersion: 'v1',
  resolve(request) {
    const requested = request.requested ?? 'medium';
    const source = request.requested ? (request.source ?? 'explicit') : 'model-default';
    if (SUPPORTED.includes(requested))
      return { effort: requested, requested, source, capped: false, warnings: [] };
    const capped = effortRank(requested) > effortRank(MAX_EFFORT);
    const effort = capped ? MAX_EFFORT : SUPPORTED[0]!;
    return {
      effort,
      requested,
      source,
      capped,
      warnings: [
        `${request.modelId} supports effort ${SUPPORTED.join(', ')}; using ${effort} instead of ${requested}.`,
      ],
    };
  },
};

const noLogin: AuthStrategy = {
  id: 'none',
  kind: 'api-key',
  login: async () => ({}),
  needsRefresh: () => false,
  authorize: () => ({}),
};

export function createEchoProvider(context: PluginContext, options: EchoOptions, id = 'echo'): Provider {
  const catalog = createCatalog(options.models);
  context.logger.debug('echo provider ready', { models: options.models.length });
  return {
    specificationVersion: 'v1',
    id,
    displayName: 'Echo (example)',
    authStrategies: [noLogin],
    accounts: createAccounts(id, context.now),
    modelCatalog: catalog,
    effortPolicy,
    chatModel(modelId) {
      if (!catalog.get(modelId)) {
        throw new CcsError('MODEL_NOT_AVAILABLE', `The echo provider has no model "${modelId}".`, {
          suggestion: `Use one of: ${options.models.join(', ')}.`,
        });
      }
      return createEchoChatModel({ providerId: id, modelId, prefix: options.prefix });
    },
  };
}
