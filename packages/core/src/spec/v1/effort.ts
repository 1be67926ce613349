import type { ChatWarning } from './chat-warning.js';

/** Reasoning effort ladder shared by every provider (lowest first). */
export const EFFORT_LEVELS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', 'ultra'] as const;
export type EffortLevel = (typeof EFFORT_LEVELS)[number];

/**
 * Efforts a user may ask for on the command line (`--effort`, model suffixes, settings). `max` and
 * `ultra` exist on the newest Codex models; on any other model they are capped to its maximum.
 */
export const USER_EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max', 'ultra'] as const;
export type UserEffortLevel = (typeof USER_EFFORT_LEVELS)[number];

export function isEffortLevel(value: unknown): value is EffortLevel {
  return typeof value === 'string' && (EFFORT_LEVELS as readonly string[]).includes(value);
}

export function effortRank(level: EffortLevel): number {
  return EFFORT_LEVELS.indexOf(level);
}

/** Claude Code's model slots. `default` is ANTHROPIC_MODEL, the others ANTHROPIC_DEFAULT_*_MODEL. */
export const MODEL_SLOTS = ['default', 'opus', 'sonnet', 'haiku'] as const;
export type ModelSlot = (typeof MODEL_SLOTS)[number];

/** Where a requested effort came from, most authoritative first. */
export type EffortSource = 'explicit' | 'suffix' | 'client' | 'slot-default' | 'model-default';

export interface EffortRequest {
  /** Provider model id, effort suffix already stripped. */
  modelId: string;
  /** The effort asked for, if any (already normalised to the ladder). */
  requested?: EffortLevel | undefined;
  source?: EffortSource | undefined;
  /** Claude Code slot the request came through, for slot defaults. */
  slot?: ModelSlot | undefined;
  /** Plan of the account serving the request, when known. */
  plan?: string | undefined;
}

export interface EffortDecision {
  effort: EffortLevel;
  /** The effort before capping (what was asked for or defaulted to). */
  requested: EffortLevel;
  source: EffortSource;
  capped: boolean;
  /** Why the effort differs from the request (a cap, an unknown model), for the trace; strings still accepted. */
  warnings: Array<string | ChatWarning>;
}

/**
 * Pure: turns a requested effort into what the upstream accepts.
 * Never throws for an out-of-range request; it caps and warns.
 */
export interface EffortPolicy {
  readonly specificationVersion: 'v1';
  resolve(request: EffortRequest): EffortDecision;
}
