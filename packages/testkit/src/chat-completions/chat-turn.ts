/** One scripted answer of the Chat Completions upstream (what the next request gets). */
export interface ChatTurn {
  /** Streamed in a few pieces. */
  text?: string;
  /** Reasoning streamed before the text, in `reasoningField` (default `reasoning_content`). */
  reasoning?: string;
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Tool calls after the text; several make a parallel call. */
  toolCalls?: Array<{ name: string; arguments: unknown; id?: string }>;
  /** Send the argument pieces of parallel calls interleaved (some servers do). */
  interleaveToolCalls?: boolean;
  /** Default: `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: string;
  usage?: {
    promptTokens?: number;
    completionTokens?: number;
    cachedTokens?: number;
    reasoningTokens?: number;
  };
  /** Answer with an HTTP error instead (401, 429, 500, 503 …) in OpenAI's error body. */
  httpError?: { status: number; message?: string; code?: string; type?: string; retryAfterSeconds?: number };
  /** Close the connection after this many chunks (a cut stream: no finish, no [DONE]). */
  cutAfterChunks?: number;
  /** Report this error inside the 200 stream after the text (as OpenRouter does), then end. */
  streamError?: { message: string; code?: string };
  /** Pause between chunks (ms). */
  delayMs?: number;
}

export const DEFAULT_CHAT_TEXT = 'Hello from the scripted OpenAI-compatible upstream.';
