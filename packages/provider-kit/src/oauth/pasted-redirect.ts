import { createInterface } from 'node:readline';
import { parseRedirectUrl, type RedirectParams } from './redirect-params.js';

export interface ReadPastedRedirectOptions {
  signal?: AbortSignal;
  /**
   * Checks a parsed paste (e.g. its state). Return undefined to accept it, or a reason to reject it and
   * keep reading. The reason is passed to onRejected.
   */
  accept?: (params: RedirectParams) => string | undefined;
  /** Called for a line that is not a redirect URL, or that `accept` refused (never with the line itself). */
  onRejected?: (reason: string) => void;
}

/**
 * Reads lines from `input` until one is an acceptable redirect URL (headless sign-in: the user copies
 * the address the browser ended on and pastes it here). Resolves undefined when the input ends first or
 * the signal aborts, so a caller racing this against a callback server simply keeps waiting.
 */
export function readPastedRedirectUrl(
  input: NodeJS.ReadableStream,
  options: ReadPastedRedirectOptions = {},
): Promise<RedirectParams | undefined> {
  const { signal, accept, onRejected } = options;
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(undefined);
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
    let settled = false;
    const finish = (value: RedirectParams | undefined) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      lines.removeAllListeners('line');
      lines.close();
      // A paused stdin pipe still holds the event loop open; let the process exit once we are done with it.
      (input as { unref?: () => void }).unref?.();
      resolve(value);
    };
    const onAbort = () => finish(undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    lines.on('line', (line) => {
      if (line.trim() === '') return;
      const params = parseRedirectUrl(line);
      if (!params) {
        onRejected?.(
          'That is not the redirect URL: paste the whole address from the browser (it contains code= and state=).',
        );
        return;
      }
      const reason = accept?.(params);
      if (reason !== undefined) {
        onRejected?.(reason);
        return;
      }
      finish(params);
    });
    lines.on('close', () => finish(undefined));
  });
}
