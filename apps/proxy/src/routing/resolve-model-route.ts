import { CcsError, type EffortLevel, type ModelSlot, type Provider, USER_EFFORT_LEVELS } from '@ccs/core';

export interface SlotModels {
  default?: string;
  opus?: string;
  sonnet?: string;
  haiku?: string;
}

export interface ModelRoute {
  provider: Provider;
  /** Provider model id, effort suffix stripped. */
  modelId: string;
  slot?: ModelSlot;
  suffixEffort?: EffortLevel;
}

const SUFFIX = new RegExp(`^(.+)-(${USER_EFFORT_LEVELS.join('|')})$`);

/** `gpt-5.3-codex-high` → gpt-5.3-codex + high, but only when the catalog knows the base and not the whole. */
export function splitEffortSuffix(
  provider: Provider,
  model: string,
): { modelId: string; effort?: EffortLevel } {
  if (provider.modelCatalog.get(model)) return { modelId: model };
  const match = SUFFIX.exec(model);
  if (match && provider.modelCatalog.get(match[1]!))
    return { modelId: match[1]!, effort: match[2] as EffortLevel };
  return { modelId: model };
}

function claudeSlot(name: string): ModelSlot | undefined {
  const lower = name.toLowerCase();
  if (!lower.startsWith('claude')) return undefined;
  if (lower.includes('opus')) return 'opus';
  if (lower.includes('sonnet')) return 'sonnet';
  if (lower.includes('haiku')) return 'haiku';
  return 'default';
}

export interface RouteOptions {
  providers: ReadonlyMap<string, Provider>;
  defaultProviderId: string;
  models: SlotModels;
}

/**
 * Maps the client's model name to a provider model and Claude Code slot. Claude model names
 * (claude-opus-*, claude-sonnet-*, claude-haiku-*, others → default) map to the configured slot
 * models; a configured slot value itself maps to its slot; anything else is taken as a provider
 * model id, optionally prefixed with `<provider>/`.
 */
export function resolveModelRoute(requested: string, options: RouteOptions): ModelRoute {
  let name = requested.trim();
  let providerId = options.defaultProviderId;
  const slash = name.indexOf('/');
  if (slash > 0 && options.providers.has(name.slice(0, slash))) {
    providerId = name.slice(0, slash);
    name = name.slice(slash + 1);
  }
  const provider = options.providers.get(providerId);
  if (!provider) {
    throw new CcsError('NOT_FOUND', `No provider "${providerId}" is loaded.`, {
      suggestion: 'Check the plugins in config.yaml.',
    });
  }
  let slot = claudeSlot(name);
  let target = name;
  if (slot) {
    target =
      options.models[slot] ?? options.models.default ?? provider.modelCatalog.staticModels()[0]?.id ?? name;
  } else {
    const lower = name.toLowerCase();
    for (const candidate of ['default', 'opus', 'sonnet', 'haiku'] as const) {
      if (options.models[candidate]?.toLowerCase() === lower) {
        slot = candidate;
        break;
      }
    }
  }
  const { modelId, effort } = splitEffortSuffix(provider, target);
  const route: ModelRoute = { provider, modelId };
  if (slot) route.slot = slot;
  if (effort) route.suffixEffort = effort;
  return route;
}
