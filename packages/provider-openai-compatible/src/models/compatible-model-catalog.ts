import {
  type EffortLevel,
  isEffortLevel,
  type Logger,
  type ModelCatalog,
  type ModelInfo,
  type ModelListOptions,
  type OpenAICompatibleModelConfig,
} from '@ccs/core';
import { TtlCache } from '@ccs/provider-kit';

/** Effort of a model without `thinking.levels`: one nominal level, nothing is sent. */
const NOMINAL: ModelInfo['effort'] = { supported: ['medium'], default: 'medium', max: 'medium' };

function effortOf(levels: readonly string[] | undefined): ModelInfo['effort'] | undefined {
  const supported = [...new Set((levels ?? []).filter(isEffortLevel))] as EffortLevel[];
  if (supported.length === 0) return undefined;
  const order = (e: EffortLevel) => ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'].indexOf(e);
  supported.sort((a, b) => order(a) - order(b));
  const dflt = supported.includes('medium') ? 'medium' : supported[Math.floor((supported.length - 1) / 2)]!;
  return { supported, default: dflt, max: supported.at(-1)! };
}

export interface CompatibleModelCatalogOptions {
  providerId: string;
  models: readonly OpenAICompatibleModelConfig[];
  /** GET /models with the key of an account (undefined: the default account); ids as the endpoint names them. */
  fetchRemoteIds(accountId: string | undefined, signal?: AbortSignal): Promise<string[]>;
  logger: Logger;
  ttlMs?: number;
}

/**
 * The configured `models:` (alias → name, display name, context, thinking levels) merged with what
 * the endpoint's `/models` lists. Configured entries come first and win; a remote id that a
 * configured entry already covers (as its name) is not listed twice.
 */
export class CompatibleModelCatalog implements ModelCatalog {
  readonly specificationVersion = 'v1' as const;
  private readonly configured: ModelInfo[];
  private readonly upstream = new Map<string, string>();
  private readonly thinking = new Set<string>();
  private readonly learnt = new Map<string, ModelInfo>();
  private readonly cache: TtlCache<string, string[]>;

  constructor(private readonly options: CompatibleModelCatalogOptions) {
    this.cache = new TtlCache({ ttlMs: options.ttlMs ?? 5 * 60_000, maxEntries: 16 });
    this.configured = options.models.map((m) => {
      const id = m.alias ?? m.name;
      this.upstream.set(id, m.name);
      const effort = effortOf(m.thinking?.levels);
      if (effort) this.thinking.add(id);
      return {
        id,
        displayName: m['display-name'] ?? id,
        ...(m.alias && m.alias !== m.name ? { notes: `${m.name} on the endpoint` } : {}),
        ...(m['max-context-length'] ? { contextWindow: m['max-context-length'] } : {}),
        ...(m['input-modalities'] ? { inputModalities: m['input-modalities'] } : {}),
        effort: effort ?? NOMINAL,
        source: 'static',
      };
    });
  }

  staticModels(): ModelInfo[] {
    return this.configured;
  }

  get(modelId: string): ModelInfo | undefined {
    return this.configured.find((m) => m.id === modelId) ?? this.learnt.get(modelId);
  }

  isAvailable(modelId: string): boolean | undefined {
    // Unknown ids may still exist on the endpoint (its list can be partial): say "don't know".
    return this.get(modelId) ? true : undefined;
  }

  /** The id the endpoint knows: an alias's `name`, else the id itself. */
  upstreamName(modelId: string): string {
    return this.upstream.get(modelId) ?? modelId;
  }

  /** Whether the model was configured with `thinking.levels` (then `reasoning_effort` is sent). */
  hasEffortControl(modelId: string): boolean {
    return this.thinking.has(modelId);
  }

  async list(options: ModelListOptions = {}): Promise<ModelInfo[]> {
    const key = options.accountId ?? '';
    let remote: string[] = [];
    try {
      if (options.refresh) this.cache.delete(key);
      remote = (
        await this.cache.getOrLoad(key, () => this.options.fetchRemoteIds(options.accountId, options.signal))
      ).value;
    } catch (error) {
      this.options.logger.debug('model list unavailable; using the configured models', {
        error: error instanceof Error ? error.message : String(error),
      });
      return this.configured;
    }
    const covered = new Set([...this.configured.map((m) => m.id), ...this.upstream.values()]);
    const extra: ModelInfo[] = [];
    for (const id of remote) {
      if (covered.has(id)) continue;
      covered.add(id);
      const info: ModelInfo = { id, displayName: id, effort: NOMINAL, source: 'remote' };
      this.learnt.set(id, info);
      extra.push(info);
    }
    return [...this.configured, ...extra];
  }
}
