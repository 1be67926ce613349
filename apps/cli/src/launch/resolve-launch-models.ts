import {
  type EffortLevel,
  type EffortPolicy,
  type EffortSource,
  MODEL_SLOTS,
  type ModelCatalog,
  type ModelSlot,
  type UserEffortLevel,
} from '@ccs/core';
import { joinCodexModelSuffix, splitCodexModelSuffix } from '@ccs/provider-codex';

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
  /** CCS_CODEX_EFFORT from codex.settings.json. */
  settingsEffort?: UserEffortLevel | undefined;
  policy: EffortPolicy;
  catalog: Pick<ModelCatalog, 'get'>;
}

export interface LaunchModels {
  slots: Record<ModelSlot, LaunchSlot>;
  /** One line per (model, requested) an explicit choice had to change: "reasoning.effort xhigh capped to high for gpt-5-codex". */
  notices: string[];
  /** Models the catalog does not know (their effort is passed through uncapped). */
  unknownModels: string[];
}

/**
 * Decides model and effort per Claude Code slot. Precedence: --effort > the model's suffix > the
 * settings default effort > the slot default (default/opus xhigh, sonnet high, haiku medium); then the
 * policy caps it to the model. The effective effort is written into the name Claude Code gets
 * (gpt-5.4-high), which keeps slots that share a model apart: Claude Code sends back only the name.
 * Unknown models get a suffix only when one was asked for explicitly; otherwise the proxy decides.
 */
export function resolveLaunchModels(args: ResolveLaunchModelsArgs): LaunchModels {
  const notices = new Set<string>();
  const unknownModels = new Set<string>();
  const slots = {} as Record<ModelSlot, LaunchSlot>;
  for (const slot of MODEL_SLOTS) {
    const configured = args.models[slot];
    const { modelId, effort: suffix } = splitCodexModelSuffix(configured);
    let requested: UserEffortLevel | undefined;
    let source: EffortSource | undefined;
    if (args.effortFlag) [requested, source] = [args.effortFlag, 'explicit'];
    else if (suffix) [requested, source] = [suffix, 'suffix'];
    else if (args.settingsEffort) [requested, source] = [args.settingsEffort, 'explicit'];
    const decision = args.policy.resolve({ modelId, slot, requested, source });
    const known = args.catalog.get(modelId) !== undefined;
    if (known) for (const warning of decision.warnings) notices.add(warning);
    else unknownModels.add(modelId);
    const claudeModel =
      known || requested ? joinCodexModelSuffix(modelId, decision.effort as UserEffortLevel) : modelId;
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
  return { slots, notices: [...notices], unknownModels: [...unknownModels] };
}
