import {
  CcsError,
  closestNames,
  type EffortLevel,
  MODEL_SLOTS,
  type ModelSlot,
  type Provider,
  splitEffortSuffix as splitSuffix,
} from '@ccs/core/internal';

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

/** How long routing may wait for a provider's live model list (cached by the provider after that). */
const LIST_TIMEOUT_MS = 5_000;

/**
 * `<model>-high` → model + high, but only when the provider's catalog knows the base and not the
 * whole. The suffix convention itself is @ccs/core's `splitEffortSuffix`, the one the CLI uses too.
 */
export function splitEffortSuffix(
  provider: Provider,
  model: string,
): { modelId: string; effort?: EffortLevel } {
  const known = (id: string) => provider.modelCatalog.get(id) !== undefined;
  if (known(model)) return { modelId: model };
  const split = splitSuffix(model, known);
  return split.effort && known(split.modelId) ? split : { modelId: model };
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
  /** Takes the claude-* slot names, and plain model names before the other providers. */
  defaultProviderId: string;
  models: SlotModels;
  /** Providers that failed to load, by id, with why: their models are answered 404 with that reason. */
  unavailable?: ReadonlyMap<string, string>;
}

/** The provider's model for this name, if its catalog knows it (asking the live list once if needed). */
async function lookup(
  provider: Provider,
  name: string,
): Promise<{ modelId: string; effort?: EffortLevel } | undefined> {
  const known = (split: { modelId: string }) => provider.modelCatalog.get(split.modelId) !== undefined;
  let split = splitEffortSuffix(provider, name);
  if (known(split)) return split;
  // Models the backend offers today may be learnt only from the live list (cached by the provider).
  const account = await provider.accounts.getDefault().catch(() => undefined);
  await provider.modelCatalog
    .list({ signal: AbortSignal.timeout(LIST_TIMEOUT_MS), ...(account ? { accountId: account.id } : {}) })
    .catch(() => undefined);
  split = splitEffortSuffix(provider, name);
  return known(split) ? split : undefined;
}

/** Every name that would route: `<provider>/<model>` for all, plain names for the default provider. */
function knownNames(options: RouteOptions): string[] {
  const names: string[] = [];
  for (const provider of options.providers.values()) {
    for (const model of provider.modelCatalog.staticModels()) {
      if (model.hidden) continue;
      names.push(`${provider.id}/${model.id}`);
      if (provider.id === options.defaultProviderId) names.push(model.id);
    }
  }
  for (const slot of MODEL_SLOTS) if (options.models[slot]) names.push(options.models[slot]!);
  return names;
}

function notFound(name: string, via: string | undefined, options: RouteOptions, why?: string): CcsError {
  const near = closestNames(name, knownNames(options));
  const asked = `"${name}"${via ? ` (${via})` : ''}`;
  const message =
    why ?? `No loaded provider has a model named ${asked}, so the request was not sent anywhere.`;
  return new CcsError('NOT_FOUND', message, {
    suggestion: near.length
      ? `Closest existing names: ${near.join(', ')}.`
      : `Use <provider>/<model> with one of: ${[...options.providers.keys()].join(', ')} (GET /v1/models lists them).`,
  });
}

/** A model name (maybe `<provider>/<model>`, maybe with an effort suffix) to the provider that has it. */
async function resolveName(
  name: string,
  via: string | undefined,
  options: RouteOptions,
): Promise<ModelRoute> {
  const slash = name.indexOf('/');
  const prefix = slash > 0 ? name.slice(0, slash) : undefined;
  const prefixed = prefix !== undefined ? options.providers.get(prefix) : undefined;
  if (prefixed) {
    const found = await lookup(prefixed, name.slice(slash + 1));
    if (found)
      return {
        provider: prefixed,
        modelId: found.modelId,
        ...(found.effort ? { suffixEffort: found.effort } : {}),
      };
    throw notFound(
      name,
      via,
      options,
      `${prefixed.displayName} has no model named "${name.slice(slash + 1)}", so the request was not sent anywhere.`,
    );
  }
  // Plain names (and ids with a slash of their own, e.g. deepseek/deepseek-chat): default provider first.
  const order = [
    options.providers.get(options.defaultProviderId),
    ...[...options.providers.values()].filter((p) => p.id !== options.defaultProviderId),
  ].filter((p): p is Provider => p !== undefined);
  for (const provider of order) {
    const found = await lookup(provider, name);
    if (found)
      return { provider, modelId: found.modelId, ...(found.effort ? { suffixEffort: found.effort } : {}) };
  }
  const unavailable = prefix !== undefined ? options.unavailable?.get(prefix) : undefined;
  if (unavailable !== undefined)
    throw notFound(
      name,
      via,
      options,
      `The provider "${prefix}" failed to load (${unavailable}), so "${name}" cannot be served.`,
    );
  if (prefix !== undefined)
    throw notFound(
      name,
      via,
      options,
      `No provider "${prefix}" is loaded, so "${name}" was not sent anywhere.`,
    );
  throw notFound(name, via, options);
}

/**
 * Maps the client's model name to a provider model and Claude Code slot. Claude model names
 * (claude-opus-*, claude-sonnet-*, claude-haiku-*, others → default) map to the configured slot
 * models; a configured slot value itself maps to its slot; anything else is a model id, optionally
 * prefixed with `<provider>/`. A name no loaded provider knows is a 404 naming the closest ones:
 * it is never sent to some other model.
 */
export async function resolveModelRoute(requested: string, options: RouteOptions): Promise<ModelRoute> {
  const name = requested.trim();
  let slot = claudeSlot(name);
  let target = name;
  if (slot) {
    const fallback = options.providers.get(options.defaultProviderId)?.modelCatalog.staticModels()[0]?.id;
    target = options.models[slot] ?? options.models.default ?? fallback ?? name;
  } else {
    const lower = name.toLowerCase();
    slot = MODEL_SLOTS.find((candidate) => options.models[candidate]?.toLowerCase() === lower);
  }
  const route = await resolveName(
    target,
    slot && target !== name ? `the ${slot} model, asked for as ${name}` : undefined,
    options,
  );
  return slot ? { ...route, slot } : route;
}
