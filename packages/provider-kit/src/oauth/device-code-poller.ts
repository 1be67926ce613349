import { CcsError } from '@ccs/core';

export type DevicePollResult<T> = { status: 'pending' } | { status: 'done'; value: T };

export interface PollDeviceCodeOptions<T> {
  /** One poll of the token endpoint. Throw to stop polling with that error. */
  poll: (signal: AbortSignal | undefined) => Promise<DevicePollResult<T>>;
  /** The interval the server asked for, in ms (raised to minIntervalMs). */
  intervalMs?: number;
  /** Floor for the interval (default 5 s): a server answering 0 must not make us hammer it. */
  minIntervalMs?: number;
  /** Give up after this long (default 15 minutes, the lifetime of a device code). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called after each pending answer, e.g. to show progress. */
  onPending?: (attempt: number) => void;
  /** Error for the timeout (default LOGIN_TIMEOUT). */
  timeoutError?: () => Error;
}

export const DEVICE_CODE_MIN_INTERVAL_MS = 5_000;
export const DEVICE_CODE_TIMEOUT_MS = 15 * 60_000;

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CcsError('CANCELLED', 'Sign-in was cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CcsError('CANCELLED', 'Sign-in was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parses a server interval that may be a number or a numeric string ("5"); undefined when unusable. */
export function parseIntervalSeconds(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Polls a device-code token endpoint until the user approves, the code expires or the signal aborts.
 * The first poll happens after one interval (the user cannot have approved yet).
 */
export async function pollDeviceCode<T>(options: PollDeviceCodeOptions<T>): Promise<T> {
  const minInterval = Math.max(0, options.minIntervalMs ?? DEVICE_CODE_MIN_INTERVAL_MS);
  const interval = Math.max(minInterval, options.intervalMs ?? minInterval);
  const timeoutMs = options.timeoutMs ?? DEVICE_CODE_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const timeout = () =>
    options.timeoutError?.() ??
    new CcsError(
      'LOGIN_TIMEOUT',
      `The device code expired after ${Math.round(timeoutMs / 60_000)} minutes without approval.`,
    );
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timeout();
    await wait(Math.min(interval, remaining), options.signal);
    if (Date.now() >= deadline) throw timeout();
    const result = await options.poll(options.signal);
    if (result.status === 'done') return result.value;
    options.onPending?.(attempt);
  }
}
