import { CcsError, type ChatStreamPart, type FinishReason, type Usage } from '@ccs/core';
import {
  type ChatCompletionsChunk,
  type ChatCompletionsUsage,
  chatCompletionsChunkSchema,
} from './chat-completions-chunk.js';
import { type ErrorContext, parseErrorObject, toCompatibleError } from './openai-compatible-errors.js';
import { type ReasoningField, reasoningSignature } from './reasoning-signature.js';

interface PendingToolCall {
  id: string;
  name: string;
  args: string;
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

export function toUsage(usage: ChatCompletionsUsage | undefined | null): Usage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens ?? undefined;
  return {
    inputTokens: Math.max(0, prompt - cached),
    outputTokens: usage?.completion_tokens ?? 0,
    ...(cached > 0 ? { cachedInputTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}

/**
 * Chat Completions chunks in, neutral stream parts out (a pure state machine; no I/O).
 * Text and reasoning stream as they come. Tool calls are collected and emitted whole, one after the
 * other, when the choice finishes: endpoints may interleave the argument deltas of parallel calls,
 * and the ordering contract wants one complete block at a time. The finish part waits for the end
 * of the stream, because the usage chunk comes after `finish_reason`.
 */
export class ChatCompletionsStreamMapper {
  /** Parts produced and not yet taken. */
  out: ChatStreamPart[] = [];
  /** True once something other than stream-start was produced (text, reasoning, a tool call, an error). */
  hasOutput = false;
  terminated = false;
  private started = false;
  private open: { kind: 'text' | 'reasoning'; id: string } | undefined;
  private blocks = 0;
  private readonly tools = new Map<number, PendingToolCall>();
  private toolsEmitted = 0;
  private finishReason: FinishReason | undefined;
  private usage: Usage | undefined;
  private sawDone = false;
  /** The field reasoning came in, so it can be sent back in the same one (see reasoningSignature). */
  private reasoningField: ReasoningField = 'reasoning_content';

  constructor(private readonly context: ErrorContext) {}

  take(): ChatStreamPart[] {
    const parts = this.out;
    this.out = [];
    return parts;
  }

  /** One SSE `data:` payload (already JSON-parsed). Unknown shapes are ignored. */
  handle(json: unknown): void {
    if (this.terminated) return;
    const parsed = chatCompletionsChunkSchema.safeParse(json);
    if (!parsed.success) return;
    const chunk = parsed.data;
    this.start(chunk);
    if (chunk.error) {
      this.fail(toCompatibleError(parseErrorObject(chunk.error), this.context));
      return;
    }
    if (chunk.usage) this.usage = toUsage(chunk.usage);
    // ccs asks for one choice (n is never sent); any other index would be a second answer.
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) return;
    const delta = choice.delta;
    if (delta?.reasoning_content) this.reasoningField = 'reasoning_content';
    else if (delta?.reasoning) this.reasoningField = 'reasoning';
    const reasoning = delta?.reasoning_content ?? delta?.reasoning;
    if (reasoning) this.delta('reasoning', reasoning);
    if (delta?.content) this.delta('text', delta.content);
    for (const call of delta?.tool_calls ?? []) {
      const index = call.index ?? this.tools.size;
      const pending = this.tools.get(index) ?? { id: '', name: '', args: '' };
      if (call.id) pending.id = call.id;
      // Most servers send the name once; some repeat it in every delta, a few split it.
      const name = call.function?.name;
      if (name && name !== pending.name) pending.name += name;
      if (call.function?.arguments) pending.args += call.function.arguments;
      this.tools.set(index, pending);
    }
    if (choice.finish_reason) {
      this.closeBlock();
      this.flushTools();
      this.finishReason = FINISH[choice.finish_reason] ?? 'other';
    }
  }

  /** `data: [DONE]` or the end of the body. A stream cut before its finish is an error. */
  end(): void {
    if (this.terminated) return;
    if (this.finishReason === undefined && !this.sawDone) {
      this.fail(
        new CcsError(
          'STREAM_INTERRUPTED',
          `${this.context.host} closed the stream before the answer was complete.`,
          {
            suggestion: 'Retry; if it keeps happening, check the endpoint (or a proxy in front of it).',
            details: { host: this.context.host },
          },
        ),
      );
      return;
    }
    this.start({});
    this.closeBlock();
    this.flushTools();
    let reason = this.finishReason ?? 'stop';
    // Some servers (older vLLM, llama.cpp) say "stop" after tool calls; Claude Code needs tool_use.
    if (this.toolsEmitted > 0 && reason === 'stop') reason = 'tool-calls';
    this.out.push({ type: 'finish', reason, usage: this.usage ?? { inputTokens: 0, outputTokens: 0 } });
    this.terminated = true;
  }

  /** `data: [DONE]`: the server says the stream is complete even if it sent no finish_reason. */
  done(): void {
    this.sawDone = true;
    this.end();
  }

  private start(chunk: Pick<ChatCompletionsChunk, 'id' | 'model'>): void {
    if (this.started) return;
    this.started = true;
    this.out.push({
      type: 'stream-start',
      ...(chunk.id ? { id: chunk.id } : {}),
      ...(chunk.model ? { modelId: chunk.model } : {}),
    });
  }

  private delta(kind: 'text' | 'reasoning', delta: string): void {
    if (this.open?.kind !== kind) {
      this.closeBlock();
      this.open = { kind, id: `${kind}-${this.blocks++}` };
      this.out.push({ type: `${kind}-start`, id: this.open.id });
    }
    this.out.push({ type: `${kind}-delta`, id: this.open.id, delta });
    this.hasOutput = true;
  }

  private closeBlock(): void {
    if (!this.open) return;
    if (this.open.kind === 'reasoning') {
      this.out.push({
        type: 'reasoning-end',
        id: this.open.id,
        signature: reasoningSignature(this.reasoningField),
      });
    } else {
      this.out.push({ type: 'text-end', id: this.open.id });
    }
    this.open = undefined;
  }

  private flushTools(): void {
    const indices = [...this.tools.keys()].sort((a, b) => a - b);
    for (const index of indices) {
      const call = this.tools.get(index)!;
      const id = call.id || `call_${this.toolsEmitted}`;
      // An empty argument string means "no arguments"; Claude Code needs a JSON object.
      const input = call.args.trim() === '' ? '{}' : call.args;
      this.out.push({ type: 'tool-input-start', id, toolName: call.name });
      this.out.push({ type: 'tool-input-delta', id, delta: input });
      this.out.push({ type: 'tool-input-end', id });
      this.out.push({ type: 'tool-call', toolCallId: id, toolName: call.name, input });
      this.toolsEmitted++;
      this.hasOutput = true;
    }
    this.tools.clear();
  }

  private fail(error: CcsError): void {
    this.start({});
    this.closeBlock();
    this.out.push({ type: 'error', error: error.toJSON() });
    this.hasOutput = true;
    this.terminated = true;
  }
}
