import { createSseDecoder, type SseEvent } from './sse-decoder.js';

export interface ParseSseOptions {
  /** Stops reading, cancels the source and throws the signal's reason. */
  signal?: AbortSignal;
}

type Source = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

async function* readChunks(source: Source, signal?: AbortSignal): AsyncGenerator<Uint8Array | string> {
  if ('getReader' in source) {
    const reader = source.getReader();
    // Cancelling makes a pending read() settle, so an abort is noticed without waiting for data.
    const onAbort = () => {
      reader.cancel(signal?.reason).catch(() => {});
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) throw abortReason(signal);
        const { done, value } = await reader.read();
        if (signal?.aborted) throw abortReason(signal);
        if (done) return;
        yield value;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Early exit (consumer break, abort, error): tell the producer we are not reading any more.
      reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  } else {
    const iterator = source[Symbol.asyncIterator]();
    const onAbort = () => {
      iterator.return?.().catch(() => {});
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    try {
      for (;;) {
        if (signal?.aborted) throw abortReason(signal);
        const { done, value } = await iterator.next();
        if (signal?.aborted) throw abortReason(signal);
        if (done) {
          finished = true;
          return;
        }
        yield value;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!finished) await iterator.return?.().catch(() => {});
    }
  }
}

/**
 * Parses a server-sent event stream (WHATWG rules: `data` lines joined with "\n", comments and
 * unknown fields ignored, CRLF/LF/CR line ends, chunks split anywhere, even inside a UTF-8
 * character). An event not closed by a blank line when the stream ends is discarded, as the spec
 * says, so a dropped connection never yields a truncated payload.
 */
export async function* parseSse(source: Source, options: ParseSseOptions = {}): AsyncGenerator<SseEvent> {
  const decoder = createSseDecoder();
  for await (const chunk of readChunks(source, options.signal)) {
    const events = decoder.push(chunk);
    for (let i = 0; i < events.length; i++) yield events[i]!;
  }
  yield* decoder.end();
}
