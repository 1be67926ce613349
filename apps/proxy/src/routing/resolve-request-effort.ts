import type { EffortLevel, EffortRequest, EffortSource } from '@ccs/core';

/**
 * Precedence: --effort, then a model suffix, then the client's wish (already read by the decoder),
 * then the slot default (the policy's).
 */
export function effortRequest(args: {
  modelId: string;
  slot: EffortRequest['slot'];
  plan: string | undefined;
  override?: EffortLevel;
  suffix?: EffortLevel;
  client?: EffortLevel;
}): EffortRequest {
  let requested: EffortLevel | undefined;
  let source: EffortSource | undefined;
  if (args.override) {
    requested = args.override;
    source = 'explicit';
  } else if (args.suffix) {
    requested = args.suffix;
    source = 'suffix';
  } else if (args.client) {
    requested = args.client;
    source = 'client';
  }
  return { modelId: args.modelId, requested, source, slot: args.slot, plan: args.plan };
}
