import {
  type EffortLevel,
  type EffortPolicy,
  type EffortSource,
  joinEffortSuffix,
  MODEL_SLOTS,
  type ModelCatalog,
  type ModelSlot,
  splitEffortSuffix,
  type UserEffortLevel,
} from '@ccs/core';

export interface LaunchSlot {
  slot: ModelSlot;
  /** As configured (settings file value, after any plan repair). */
  configured: string;
  /** Model id without the effort suffix. */
  modelId: string;
  /** What the slot asked for before capping, and why. */
  requested: EffortLevel;
  source: EffortSource;
  /** What reaches the upstream as reasoning.effort. */
  effort: EffortLevel;
  capped: boolean;
  /** The name Claude Code is given for this slot (and sends back): model id + effective effort. */
  claudeModel: string;
  known: boolean;
}

export interface ResolveLaunchModelsArgs {
  models: Readonly<Record<ModelSlot, string>>;
  /** --effort / --thinking for this run. */
  effortFlag?: UserEffortLevel | undefined;
  /** CCS_<ID>_EFFORT from `<provider>.settings.json`. */
  settingsEffort?: UserEffortLevel | undefined;
  policy: EffortPolicy;
  catalog: Pick<ModelCatalog, 'get'>;
}

export interface LaunchModels {
  slots: Record<ModelSlot, LaunchSlot>;
  /** An explicit effort a model cannot take, one line per change: "reasoning.effort xhigh capped to high for gpt-5-codex and gpt-5-codex-mini, the model's maximum". */
  notices: string[];
  /** Models the catalog does not know (their effort is passed through uncapped). */
  unknownModels: string[];
}

/**
 * Decides model and effort per Claude Code slot. Precedence: --effort > the model's suffix > the
 * settings default effort > the slot default (default/opus xhigh, sonnet high, haiku medium); then the
 * policy caps it to the model.
 *
 * The name Claude Code gets (and sends back) carries the effective effort as a suffix (gpt-5.4-high)
 * when the user chose an effort, so the proxy applies exactly that. Slot defaults stay plain names:
 * the proxy then applies the slot default itself and can still honour an effort Claude Code asks for.
 * One exception: when two slots share a plain name but their efforts differ (sonnet and opus both
 * gpt-5.4), the proxy could not tell them apart, so the later slot gets its suffix.
 * Unknown models get a suffix only when an effort was asked for explicitly.
 */
export function resolveLaunchModels(args: ResolveLaunchModelsArgs): LaunchModels {
  // "reasoning.effort xhigh capped to high for" → models, so one line says it for all of them.
  const notices = new Map<string, string[]>();
  const unknownModels = new Set<string>();
  const slots = {} as Record<ModelSlot, LaunchSlot>;
  for (const slot of MODEL_SLOTS) {
    const configured = args.models[slot];
    const { modelId, effort: suffix } = splitEffortSuffix(
      configured,
      (id) => args.catalog.get(id) !== undefined,
    );
    let requested: UserEffortLevel | undefined;
    let source: EffortSource | undefined;
    if (args.effortFlag) [requested, source] = [args.effortFlag, 'explicit'];
    else if (suffix) [requested, source] = [suffix, 'suffix'];
    else if (args.settingsEffort) [requested, source] = [args.settingsEffort, 'explicit'];
    const decision = args.policy.resolve({ modelId, slot, requested, source });
    const known = args.catalog.get(modelId) !== undefined;
    if (!known) unknownModels.add(modelId);
    else if (requested && decision.effort !== decision.requested) {
      const verb = decision.capped ? 'capped to' : 'raised to';
      const key = `reasoning.effort ${decision.requested} ${verb} ${decision.effort} for`;
      notices.set(key, [...new Set([...(notices.get(key) ?? []), modelId])]);
    }
    const claudeModel = requested ? joinEffortSuffix(modelId, decision.effort as UserEffortLevel) : modelId;
    slots[slot] = {
      slot,
      configured,
      modelId,
      requested: decision.requested,
      source: decision.source,
      effort: decision.effort,
      capped: decision.capped,
      claudeModel,
      known,
    };
  }
  // The proxy maps a plain name to the first slot (default, opus, sonnet, haiku) configured with it.
  const owner = new Map<string, LaunchSlot>();
  for (const slot of MODEL_SLOTS) {
    const s = slots[slot];
    if (s.claudeModel !== s.modelId || !s.known) continue;
    const first = owner.get(s.modelId);
    if (!first) owner.set(s.modelId, s);
    else if (first.effort !== s.effort)
      s.claudeModel = joinEffortSuffix(s.modelId, s.effort as UserEffortLevel);
  }
  const lines = [...notices].map(([head, models]) => {
    const tail = head.includes(' capped to ') ? ", the model's maximum" : ", the model's lowest level";
    return `${head} ${models.join(' and ')}${tail}`;
  });
  return { slots, notices: lines, unknownModels: [...unknownModels] };
}
