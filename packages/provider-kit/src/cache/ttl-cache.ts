export interface TtlCacheOptions {
  /** How long a stored value stays fresh. */
  ttlMs: number;
  /** Clock in ms (default Date.now), injectable for tests. */
  now?: () => number;
  /** Least recently used entries are evicted beyond this many (default unbounded). */
  maxEntries?: number;
}

export interface TtlCacheEntry<V> {
  value: V;
  /** When the value was stored (per `now()`), e.g. to show "quota as of 12 s ago". */
  storedAt: number;
}

export interface TtlCacheLoadResult<V> extends TtlCacheEntry<V> {
  /** True when served from the cache without calling the loader. */
  cached: boolean;
}

/**
 * A small in-memory cache with expiry, LRU bound and stampede protection: concurrent getOrLoad
 * calls for a missing key share ONE loader call, and a failed load is not cached.
 */
export class TtlCache<K, V> {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #maxEntries: number;
  readonly #entries = new Map<K, TtlCacheEntry<V>>();
  // set/delete/clear unregister a running load, and only a still-registered load stores its
  // result, so a load that started earlier never overwrites newer state (e.g. a quota fetch that
  // finishes after the user logged out and the cache was cleared).
  readonly #loads = new Map<K, Promise<TtlCacheLoadResult<V>>>();

  constructor({ ttlMs, now = Date.now, maxEntries = Number.POSITIVE_INFINITY }: TtlCacheOptions) {
    if (!(ttlMs >= 0)) throw new RangeError('TtlCache: ttlMs must be a number >= 0');
    if (!(maxEntries >= 1)) throw new RangeError('TtlCache: maxEntries must be >= 1');
    this.#ttlMs = ttlMs;
    this.#now = now;
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The fresh entry for `key`, or undefined (expired entries are dropped). */
  get(key: K): TtlCacheEntry<V> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (this.#now() - entry.storedAt >= this.#ttlMs) return undefined;
    this.#entries.set(key, entry); // most recently used goes last
    return { value: entry.value, storedAt: entry.storedAt };
  }

  set(key: K, value: V): void {
    this.#loads.delete(key);
    this.#store(key, value);
  }

  delete(key: K): boolean {
    this.#loads.delete(key);
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#loads.clear();
    this.#entries.clear();
  }

  /**
   * The cached value if fresh (unless `refresh`), otherwise the loader's. Concurrent callers for
   * the same key share one in-flight load, even when some of them asked for `refresh`.
   */
  getOrLoad(
    key: K,
    loader: () => Promise<V>,
    { refresh = false }: { refresh?: boolean } = {},
  ): Promise<TtlCacheLoadResult<V>> {
    if (!refresh) {
      const entry = this.get(key);
      if (entry) return Promise.resolve({ ...entry, cached: true });
    }
    const inFlight = this.#loads.get(key);
    if (inFlight) return inFlight;

    const load = Promise.resolve()
      .then(loader)
      .then((value) => {
        const storedAt = this.#now();
        if (this.#loads.get(key) === load) this.#store(key, value, storedAt);
        return { value, storedAt, cached: false };
      })
      .finally(() => {
        if (this.#loads.get(key) === load) this.#loads.delete(key);
      });
    this.#loads.set(key, load);
    return load;
  }

  #store(key: K, value: V, storedAt = this.#now()): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, storedAt });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as K;
      this.#entries.delete(oldest);
    }
  }
}
