import type { EffortLevel, ModelSlot } from './effort.js';

/** Whether a model is offered in pickers: `list` shown, `hide` usable but not offered, `none` internal. */
export type ModelVisibility = 'list' | 'hide' | 'none';

export interface ModelInfo {
  id: string;
  displayName: string;
  description?: string;
  /** Context window the backend really enforces, in tokens (what Claude Code is told). */
  contextWindow?: number;
  /** The largest window the model can be switched to, when the upstream says so. */
  maxContextWindow?: number;
  maxOutputTokens?: number;
  effort: { supported: EffortLevel[]; default: EffortLevel; max: EffortLevel };
  /** Plans the model is available on; undefined means every plan. */
  plans?: string[];
  /** Who may use it, in words a person reads ("all plans", "paid plans"); set by the provider. */
  availability?: string;
  /** A short note such as "Cross-plan-safe default". */
  notes?: string;
  inputModalities?: Array<'text' | 'image'>;
  source: 'static' | 'remote';
  hidden?: boolean;
  /** Upstream ordering: lower comes first (the flagship). */
  priority?: number;
  visibility?: ModelVisibility;
  /** false: the upstream rejects a reasoning-summary parameter for this model. */
  supportsReasoningSummaryParameter?: boolean;
  /** The verbosity to send when the model supports one (OpenAI `text.verbosity`). */
  defaultVerbosity?: 'low' | 'medium' | 'high';
  /** Service tiers the model offers (e.g. `priority`, shown as "Fast"). */
  serviceTiers?: string[];
  /** The upstream's own replacement for this model (it is on its way out or gone). */
  upgradeTo?: string;
  /** Known to the provider, but no longer served (kept so old settings can be repaired). */
  retired?: boolean;
}

export interface ModelListOptions {
  /** Account to ask the live catalog for (ignored by static-only catalogs). */
  accountId?: string;
  /** Skip caches and ask the upstream again. */
  refresh?: boolean;
  signal?: AbortSignal;
}

/** Who is asking, for plan-aware answers (all optional: unknown means "do not guess"). */
export interface ModelAccountContext {
  accountId?: string | undefined;
  plan?: string | undefined;
}

/** What a configured model should become, and why (one line a person reads). */
export interface ModelRepair {
  to: string;
  reason: 'retired' | 'plan' | 'unlisted';
  /** e.g. "gpt-5.4 is retired; its replacement is gpt-5.6-terra". */
  message: string;
}

export interface ModelCatalog {
  readonly specificationVersion: 'v1';
  /** Static entries, available synchronously and offline. */
  staticModels(): ModelInfo[];
  /** Static entries merged with the live list (TTL-cached); falls back to static on failure. */
  list(options?: ModelListOptions): Promise<ModelInfo[]>;
  /** Look a model up by id (static entries, then anything learnt from the live list). */
  get(modelId: string): ModelInfo | undefined;
  /** Whether the plan may use the model; undefined plan means unknown. */
  isAvailable(modelId: string, plan: string | undefined): boolean | undefined;
  /**
   * Optional (since 0.2): the best list known for this account without touching the network
   * (a cached live list, else the compiled one). Catalogs without it: `staticModels()`.
   */
  offlineModels?(context?: ModelAccountContext): ModelInfo[];
  /** Optional: the model each Claude Code slot gets on a fresh home, chosen by the provider's rules. */
  defaultSlotModels?(context?: ModelAccountContext): Record<ModelSlot, string>;
  /**
   * Optional: what a configured model the account cannot use should become (retired, not on the plan,
   * or absent from the list); undefined when it is fine or nothing better can be verified.
   */
  repairModel?(
    modelId: string,
    context?: ModelAccountContext & { slot?: ModelSlot },
  ): ModelRepair | undefined;
}
