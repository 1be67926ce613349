import type { ChatRequest } from './chat-request.js';
import type { ChatStreamPart } from './chat-stream-part.js';

export interface ChatStreamOptions {
  signal?: AbortSignal;
}

export interface ChatStreamResult {
  /** Parts in the order of the ordering contract in chat-stream-part.ts. */
  stream: AsyncIterable<ChatStreamPart>;
  /** Upstream response headers (for traces and passive quota updates). */
  responseHeaders: Record<string, string>;
  /** Notes for the trace, e.g. dropped unsupported fields. */
  warnings: string[];
  /** The model that actually served the request, when the upstream says. */
  servedModelId?: string;
}

export interface ChatModel {
  readonly specificationVersion: 'v1';
  readonly providerId: string;
  readonly modelId: string;
  /**
   * Starts a streamed turn. Resolves once the upstream has accepted the request and produced its
   * first output event; rejects with a CcsError when it fails before that (so callers can fail
   * over to another account). Failures after that arrive as an `error` part.
   */
  stream(request: ChatRequest, options?: ChatStreamOptions): Promise<ChatStreamResult>;
}
