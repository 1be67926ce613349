import type { ChatRequest } from './chat-request.js';
import type { ChatStreamPart } from './chat-stream-part.js';
import type { ChatWarning } from './chat-warning.js';

export interface ChatStreamOptions {
  signal?: AbortSignal;
}

export interface ChatStreamResult {
  /** Parts in the order of the ordering contract in chat-stream-part.ts. */
  stream: AsyncIterable<ChatStreamPart>;
  /** Upstream response headers (for traces and passive quota updates). */
  responseHeaders: Record<string, string>;
  /**
   * What the provider could not send or do as asked (a setting the upstream refuses, reasoning left
   * out), for the trace. Plain strings (the first form of spec v1) are still accepted.
   */
  warnings: Array<string | ChatWarning>;
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
