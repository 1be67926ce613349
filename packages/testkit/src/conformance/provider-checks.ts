import {
  EFFORT_LEVELS,
  type EffortLevel,
  effortRank,
  type ModelCatalog,
  type ModelInfo,
  type Provider,
} from '@ccs/core';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const AUTH_KINDS = ['oauth-browser', 'oauth-device', 'api-key', 'import'];
const isEffort = (v: unknown): v is EffortLevel => (EFFORT_LEVELS as readonly unknown[]).includes(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Warnings a chat model or effort policy returns: an array of non-empty strings (spec v1's first form,
 * still accepted) or typed `ChatWarning`s (`unsupported-setting` naming the setting, or `other` with a
 * message). `at` names where they came from in the problems.
 */
export function checkWarnings(warnings: unknown, at: string): string[] {
  if (!Array.isArray(warnings)) return [`${at} has no warnings array`];
  const p: string[] = [];
  warnings.forEach((w: unknown, i) => {
    if (typeof w === 'string') {
      if (!isText(w)) p.push(`${at} warning ${i} is an empty string`);
      return;
    }
    const typed = (w ?? {}) as Record<string, unknown>;
    if (typed.type === 'unsupported-setting') {
      if (!isText(typed.setting)) p.push(`${at} warning ${i} names no setting`);
      if (typed.details !== undefined && !isText(typed.details))
        p.push(`${at} warning ${i} has empty details`);
    } else if (typed.type === 'other') {
      if (!isText(typed.message)) p.push(`${at} warning ${i} has no message`);
    } else {
      p.push(`${at} warning ${i} is neither a string nor a ChatWarning: ${JSON.stringify(w)}`);
    }
  });
  return p;
}

/** Static shape of a Provider: ids, auth strategies, members the host calls. */
export function checkProviderShape(provider: Provider): string[] {
  const p: string[] = [];
  if (provider.specificationVersion !== 'v1')
    p.push(`specificationVersion is ${String(provider.specificationVersion)}, not v1`);
  if (!KEBAB.test(provider.id ?? '')) p.push(`id "${provider.id}" is not kebab-case`);
  if (!provider.displayName?.trim()) p.push('displayName is empty');
  if (!Array.isArray(provider.authStrategies) || provider.authStrategies.length === 0) {
    p.push('authStrategies is empty: a provider needs at least one way to sign in');
  } else {
    const ids = new Set<string>();
    for (const s of provider.authStrategies) {
      if (ids.has(s.id)) p.push(`auth strategy id ${s.id} is used twice`);
      ids.add(s.id);
      if (!AUTH_KINDS.includes(s.kind)) p.push(`auth strategy ${s.id} has unknown kind ${String(s.kind)}`);
      for (const fn of ['login', 'needsRefresh', 'authorize'] as const) {
        if (typeof s[fn] !== 'function') p.push(`auth strategy ${s.id} has no ${fn}()`);
      }
    }
  }
  for (const fn of ['list', 'getDefault', 'resolve', 'setDefault', 'rename', 'remove'] as const) {
    if (typeof provider.accounts?.[fn] !== 'function') p.push(`accounts.${fn}() is missing`);
  }
  if (typeof provider.chatModel !== 'function') p.push('chatModel() is missing');
  if (provider.effortPolicy?.specificationVersion !== 'v1') p.push('effortPolicy is missing or not v1');
  if (provider.modelCatalog?.specificationVersion !== 'v1') p.push('modelCatalog is missing or not v1');
  return p;
}

function checkModel(m: ModelInfo): string[] {
  const p: string[] = [];
  const at = `model ${m.id}`;
  if (!m.id) p.push('a model has no id');
  if (!m.displayName) p.push(`${at} has no displayName`);
  const { supported, default: dflt, max } = m.effort ?? ({} as ModelInfo['effort']);
  if (!Array.isArray(supported) || supported.length === 0) return [...p, `${at} supports no effort level`];
  for (const e of supported) if (!isEffort(e)) p.push(`${at} lists unknown effort ${String(e)}`);
  if (!supported.includes(dflt)) p.push(`${at} default effort ${dflt} is not in its supported levels`);
  if (!supported.includes(max)) p.push(`${at} max effort ${max} is not in its supported levels`);
  if (isEffort(max) && supported.some((e) => isEffort(e) && effortRank(e) > effortRank(max))) {
    p.push(`${at} supports a level above its max ${max}`);
  }
  if (m.contextWindow !== undefined && !(m.contextWindow > 0))
    p.push(`${at} has a non-positive contextWindow`);
  return p;
}

/** The static catalog: non-empty, unique ids, coherent effort ranges, `get()` agrees with `staticModels()`. */
export function checkModelCatalog(catalog: ModelCatalog): string[] {
  const p: string[] = [];
  const models = catalog.staticModels();
  if (models.length === 0) return ['staticModels() is empty: the catalog must work offline'];
  const ids = new Set<string>();
  for (const m of models) {
    if (ids.has(m.id)) p.push(`model id ${m.id} is listed twice`);
    ids.add(m.id);
    p.push(...checkModel(m));
    if (catalog.get(m.id)?.id !== m.id) p.push(`get("${m.id}") does not return the static entry`);
    const avail = catalog.isAvailable(m.id, undefined);
    if (avail !== undefined && typeof avail !== 'boolean')
      p.push(`isAvailable("${m.id}") is not a boolean or undefined`);
  }
  if (catalog.get('no-such-model-for-conformance') !== undefined)
    p.push('get() returns an entry for an unknown id');
  return p;
}

/**
 * The effort policy never throws; answers a level the model supports, never above its max; keeps a supported
 * request as is; reports `requested`; sets `capped` exactly when it lowered the level; warns whenever it changed an
 * explicit request.
 */
export function checkEffortPolicy(provider: Provider): string[] {
  const p: string[] = [];
  for (const m of provider.modelCatalog.staticModels()) {
    for (const requested of [undefined, ...EFFORT_LEVELS]) {
      const at = `resolve(${m.id}, ${requested ?? 'no effort'})`;
      let d: ReturnType<Provider['effortPolicy']['resolve']>;
      try {
        d = provider.effortPolicy.resolve({
          modelId: m.id,
          requested,
          source: requested ? 'explicit' : undefined,
        });
      } catch (e) {
        p.push(`${at} threw: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      if (!m.effort.supported.includes(d.effort))
        p.push(`${at} gave ${d.effort}, which ${m.id} does not support`);
      if (effortRank(d.effort) > effortRank(m.effort.max))
        p.push(`${at} gave ${d.effort}, above the max ${m.effort.max}`);
      if (requested && d.requested !== requested) p.push(`${at} reports requested=${d.requested}`);
      if (!requested) continue;
      const lowered = effortRank(d.effort) < effortRank(requested);
      if (d.capped !== lowered) p.push(`${at} gave ${d.effort} with capped=${d.capped}`);
      if (m.effort.supported.includes(requested) && d.effort !== requested) {
        p.push(`${at} changed a supported level to ${d.effort}`);
      }
      p.push(...checkWarnings(d.warnings, at));
      if (d.effort !== requested && Array.isArray(d.warnings) && d.warnings.length === 0)
        p.push(`${at} changed the effort to ${d.effort} silently`);
    }
  }
  return p;
}
