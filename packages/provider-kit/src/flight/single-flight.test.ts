import { describe, expect, it, vi } from 'vitest';
import { createSingleFlight } from './single-flight.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSingleFlight', () => {
  it('20 concurrent callers with one key share a single call and its value', async () => {
    const flight = createSingleFlight<string, number>();
    const gate = deferred<number>();
    const fn = vi.fn(() => gate.promise);
    const calls = Array.from({ length: 20 }, () => flight.run('acct', fn));
    expect(flight.inFlight()).toEqual(['acct']);
    gate.resolve(7);
    expect(await Promise.all(calls)).toEqual(Array(20).fill(7));
    expect(fn).toHaveBeenCalledTimes(1);
    expect(flight.inFlight()).toEqual([]);
  });

  it('shares a rejection with every waiting caller', async () => {
    const flight = createSingleFlight<string, number>();
    const fn = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('refresh_token_reused');
    });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => flight.run('k', fn)));
    expect(fn).toHaveBeenCalledTimes(1);
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: { message: 'refresh_token_reused' } });
    }
  });

  it('turns a synchronous throw into a shared rejection', async () => {
    const flight = createSingleFlight<string, number>();
    const fn = () => {
      throw new Error('sync');
    };
    await expect(flight.run('k', fn)).rejects.toThrow('sync');
  });

  it('runs again once the previous call settled (after success and after failure)', async () => {
    const flight = createSingleFlight<string, number>();
    let n = 0;
    const fn = vi.fn(async () => ++n);
    expect(await flight.run('k', fn)).toBe(1);
    expect(await flight.run('k', fn)).toBe(2);
    await expect(flight.run('k', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await flight.run('k', fn)).toBe(3);
  });

  it('keeps different keys independent', async () => {
    const flight = createSingleFlight<string, string>();
    const fn = vi.fn(async () => 'v');
    await Promise.all([flight.run('a', fn), flight.run('b', fn), flight.run('a', fn)]);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
