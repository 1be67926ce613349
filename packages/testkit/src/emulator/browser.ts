import type { RecordedRequest } from './server/recorder.js';

export interface BrowserVisit {
  /** Status of the emulator's `/oauth/authorize` answer (302 on success, 400 for a bad request). */
  authorizeStatus: number;
  /** Where the emulator redirected (the client's callback with `code`+`state`, or `error=…`). */
  location: string | undefined;
  /** Status and body of the client's callback server, when the redirect was followed. */
  callbackStatus: number | undefined;
  callbackBody: string | undefined;
}

/**
 * Plays the user's browser: opens the authorization URL a client printed, then follows the redirect to the
 * client's own callback server (`localhost` is dialled as 127.0.0.1, where the Codex-style callback listens).
 */
export async function visitAuthorizeUrl(
  url: string,
  options: { timeoutMs?: number } = {},
): Promise<BrowserVisit> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const res = await fetch(url, { redirect: 'manual', signal });
  await res.arrayBuffer();
  const location = res.headers.get('location') ?? undefined;
  const visit: BrowserVisit = {
    authorizeStatus: res.status,
    location,
    callbackStatus: undefined,
    callbackBody: undefined,
  };
  if (res.status !== 302 || !location) return visit;
  const target = new URL(location);
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  const cb = await fetch(target, { redirect: 'manual', signal });
  visit.callbackStatus = cb.status;
  visit.callbackBody = await cb.text();
  return visit;
}

/** Polls the recorder until `count` matching requests arrived (bounded by `timeoutMs`). */
export async function waitForRecorded(
  list: () => RecordedRequest[],
  count: number,
  timeoutMs: number,
): Promise<RecordedRequest[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = list();
    if (found.length >= count) return found;
    if (Date.now() >= deadline) {
      throw new Error(`expected ${count} matching request(s) within ${timeoutMs} ms, saw ${found.length}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
