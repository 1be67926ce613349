export interface SingleFlight<K, V> {
  /**
   * Runs `fn` unless a call for the same key is already in flight, in which case the caller gets
   * that call's promise (same value, same rejection). Once it settles, the next call runs again.
   */
  run(key: K, fn: () => Promise<V>): Promise<V>;
  /** Keys with a call in flight right now (for diagnostics and tests). */
  inFlight(): K[];
}

/**
 * Collapses concurrent identical work into one call. The classic use is a token refresh: when ten
 * requests find the access token expired at once, exactly one refresh must reach the server,
 * because refresh tokens are single-use.
 */
export function createSingleFlight<K, V>(): SingleFlight<K, V> {
  const calls = new Map<K, Promise<V>>();
  return {
    run(key, fn) {
      const existing = calls.get(key);
      if (existing) return existing;
      // Invoke fn inside a promise chain so a synchronous throw becomes a shared rejection too.
      const promise = Promise.resolve()
        .then(fn)
        .finally(() => {
          if (calls.get(key) === promise) calls.delete(key);
        });
      calls.set(key, promise);
      return promise;
    },
    inFlight: () => [...calls.keys()],
  };
}
