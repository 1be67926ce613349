import { CcsError, type ChatStreamPart, toCcsError } from '@ccs/core';

/** What a provider's upstream-event → ChatStreamPart mapper shows the stream opener. */
export interface StreamPartSource {
  /** True once a part beyond `stream-start` was produced (text, reasoning, a tool call, an error…). */
  readonly hasOutput: boolean;
  /** True once the mapper produced its last part (finish or error). */
  readonly terminated: boolean;
  /** Parts produced and not yet taken. */
  readonly out: readonly ChatStreamPart[];
  /** Returns the parts produced so far and forgets them. */
  take(): ChatStreamPart[];
}

export interface HoldUntilFirstOutputOptions {
  source: StreamPartSource;
  /** Reads more of the upstream body into `source`; rejects when reading fails for good (e.g. aborted). */
  pump: () => Promise<unknown>;
  /** Lets the upstream response go: `completed` when the source terminated and the body may be reused. */
  release: (completed: boolean) => Promise<void> | void;
}

/**
 * The spec's promise for `ChatModel.stream()`: it resolves only once the upstream produced its first
 * real output, and rejects with a CcsError when it fails before that (so the caller can still try
 * another account). Pumps until then, turns an `error` part that comes first into the rejection, and
 * returns the rest as an async iterable whose read failures become a final `error` part. The upstream
 * is released when the consumer is done or stops early.
 */
export async function holdUntilFirstOutput(
  options: HoldUntilFirstOutputOptions,
): Promise<AsyncIterable<ChatStreamPart>> {
  const { source, pump, release } = options;
  try {
    while (!source.hasOutput && !source.terminated) await pump();
  } catch (error) {
    await Promise.resolve(release(false)).catch(() => {});
    throw toCcsError(error);
  }
  const first = source.out.find((part) => part.type !== 'stream-start');
  if (first?.type === 'error') {
    await Promise.resolve(release(false)).catch(() => {});
    throw CcsError.fromJSON(first.error);
  }
  return parts(options);
}

async function* parts({
  source,
  pump,
  release,
}: HoldUntilFirstOutputOptions): AsyncGenerator<ChatStreamPart> {
  try {
    for (;;) {
      for (const part of source.take()) yield part;
      if (source.terminated && source.out.length === 0) return;
      try {
        await pump();
      } catch (error) {
        yield { type: 'error', error: toCcsError(error).toJSON() };
        return;
      }
    }
  } finally {
    await Promise.resolve(release(source.terminated)).catch(() => {});
  }
}
