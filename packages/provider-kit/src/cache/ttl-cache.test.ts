import { describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache.js';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TtlCache', () => {
  it('returns stored values until ttl has passed', () => {
    const c = clock();
    const cache = new TtlCache<string, number>({ ttlMs: 100, now: c.now });
    cache.set('a', 1);
    expect(cache.get('a')).toEqual({ value: 1, storedAt: 1_000 });
    c.advance(99);
    expect(cache.get('a')?.value).toBe(1);
    c.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('delete and clear remove entries', () => {
    const cache = new TtlCache<string, number>({ ttlMs: 1_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.delete('a')).toBe(true);
    expect(cache.get('a')).toBeUndefined();
    cache.clear();
    expect(cache.get('b')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new TtlCache<string, number>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a'); // a is now more recent than b
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.value).toBe(1);
    expect(cache.get('c')?.value).toBe(3);
  });

  it('rejects nonsense options', () => {
    expect(() => new TtlCache({ ttlMs: Number.NaN })).toThrow(RangeError);
    expect(() => new TtlCache({ ttlMs: 1, maxEntries: 0 })).toThrow(RangeError);
  });

  describe('getOrLoad', () => {
    it('loads once, then serves from cache until expiry', async () => {
      const c = clock();
      const cache = new TtlCache<string, string>({ ttlMs: 60_000, now: c.now });
      const loader = vi.fn(async () => `v${loader.mock.calls.length}`);
      expect(await cache.getOrLoad('q', loader)).toEqual({ value: 'v1', storedAt: 1_000, cached: false });
      c.advance(10);
      expect(await cache.getOrLoad('q', loader)).toEqual({ value: 'v1', storedAt: 1_000, cached: true });
      c.advance(60_000);
      expect(await cache.getOrLoad('q', loader)).toMatchObject({ value: 'v2', cached: false });
      expect(loader).toHaveBeenCalledTimes(2);
    });

    it('refresh bypasses a fresh entry', async () => {
      const cache = new TtlCache<string, number>({ ttlMs: 60_000 });
      cache.set('q', 1);
      expect(await cache.getOrLoad('q', async () => 2, { refresh: true })).toMatchObject({
        value: 2,
        cached: false,
      });
      expect(cache.get('q')?.value).toBe(2);
    });

    it('concurrent callers of a missing key share one loader call', async () => {
      const cache = new TtlCache<string, number>({ ttlMs: 60_000 });
      const gate = deferred<number>();
      const loader = vi.fn(() => gate.promise);
      const calls = Array.from({ length: 10 }, (_, i) =>
        cache.getOrLoad('q', loader, { refresh: i % 2 === 0 }),
      );
      gate.resolve(5);
      const results = await Promise.all(calls);
      expect(loader).toHaveBeenCalledTimes(1);
      expect(results.map((r) => r.value)).toEqual(Array(10).fill(5));
    });

    it('does not cache a rejected load, and shares the rejection', async () => {
      const cache = new TtlCache<string, number>({ ttlMs: 60_000 });
      const failing = vi.fn(async () => {
        throw new Error('upstream 503');
      });
      const results = await Promise.allSettled([
        cache.getOrLoad('q', failing),
        cache.getOrLoad('q', failing),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(failing).toHaveBeenCalledTimes(1);
      expect(cache.get('q')).toBeUndefined();
      expect(await cache.getOrLoad('q', async () => 1)).toMatchObject({ value: 1, cached: false });
    });

    it('a load that was running when the key was cleared does not resurrect it', async () => {
      const cache = new TtlCache<string, string>({ ttlMs: 60_000 });
      const gate = deferred<string>();
      const running = cache.getOrLoad('acct', () => gate.promise);
      cache.clear(); // e.g. the user logged out
      gate.resolve('old account quota');
      expect((await running).value).toBe('old account quota'); // its caller still gets an answer
      expect(cache.get('acct')).toBeUndefined();
    });

    it('a slower earlier load does not overwrite a value set afterwards', async () => {
      const cache = new TtlCache<string, string>({ ttlMs: 60_000 });
      const gate = deferred<string>();
      const running = cache.getOrLoad('k', () => gate.promise);
      cache.set('k', 'newer');
      gate.resolve('older');
      await running;
      expect(cache.get('k')?.value).toBe('newer');
    });
  });
});
