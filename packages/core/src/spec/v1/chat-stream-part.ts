import type { CcsErrorJson } from '../../errors/ccs-error.js';
import type { Citation, WebSearchSource } from './chat-request.js';

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

export interface Usage {
  /** Input tokens not served from cache. */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  cachedInputTokens?: number;
  reasoningTokens?: number;
}

/**
 * Neutral stream parts. Ordering contract, so encoders stay simple:
 * - one `stream-start` first;
 * - blocks (text, reasoning, tool input) never interleave: a block's `*-start` … `*-end`
 *   completes before the next block starts (providers serialize parallel tool calls);
 * - each `tool-input-end` is followed by the matching `tool-call`;
 * - `web-search-call` and `web-search-result` are whole blocks: they come between blocks, never inside one,
 *   and a result follows its call;
 * - `text-citation` belongs to the open text block (same id), between its start and its end;
 * - the stream ends with exactly one `finish` or one `error`.
 */
export type ChatStreamPart =
  | { type: 'stream-start'; id?: string; modelId?: string }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'text-citation'; id: string; citation: Citation }
  | { type: 'reasoning-start'; id: string }
  | { type: 'reasoning-delta'; id: string; delta: string }
  | { type: 'reasoning-end'; id: string; signature?: string }
  | { type: 'tool-input-start'; id: string; toolName: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: string }
  /** The provider searched the web (its own tool: nothing for the client to run). */
  | { type: 'web-search-call'; id: string; query: string }
  /** What that search found; `errorCode` when it failed. */
  | { type: 'web-search-result'; callId: string; sources: WebSearchSource[]; errorCode?: string }
  | { type: 'finish'; reason: FinishReason; usage: Usage }
  | { type: 'error'; error: CcsErrorJson };

export type ChatStreamPartType = ChatStreamPart['type'];
