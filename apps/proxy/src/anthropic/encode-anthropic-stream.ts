import type { ChatStreamPart, FinishReason, Usage } from '@ccs/core';
import { CcsError } from '@ccs/core';
import { anthropicErrorEvent } from './anthropic-error.js';
import { toAnthropicCitation, toServerToolUseId, toWebSearchResultContent } from './web-search-blocks.js';

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'refusal' | 'stop_sequence';

export function toStopReason(reason: FinishReason): AnthropicStopReason {
  switch (reason) {
    case 'tool-calls':
      return 'tool_use';
    case 'length':
      return 'max_tokens';
    case 'content-filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

export function toAnthropicUsage(usage: Usage, webSearchRequests = 0) {
  const out: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
    server_tool_use?: { web_search_requests: number };
  } = {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedInputTokens ?? 0,
  };
  if (webSearchRequests > 0) out.server_tool_use = { web_search_requests: webSearchRequests };
  return out;
}

function frame(event: string, json: string): string {
  return `event: ${event}\ndata: ${json}\n\n`;
}

type BlockKind = 'text' | 'thinking' | 'tool_use' | 'server_tool_use' | 'web_search_tool_result';

export interface AnthropicStreamEncoderOptions {
  messageId: string;
  /** The model name reported to the client (what it asked for). */
  model: string;
  /** Local estimate for message_start: Claude Code's context meter reads it. */
  estimatedInputTokens: number;
}

/**
 * Neutral stream parts → Anthropic SSE, as an explicit state machine:
 * idle → (message_start) → between blocks ⇄ in a block → (message_delta, message_stop) → done.
 * Out-of-contract input (a delta with no open block) opens the block rather than breaking the stream.
 */
export class AnthropicStreamEncoder {
  private state: 'idle' | 'message' | 'block' | 'done' = 'idle';
  private index = -1;
  private kind: BlockKind | undefined;
  private blockId = '';
  /** Open block's content_block_delta prefix, built once per block (the hot path only appends). */
  private deltaPrefix = '';
  usage: Usage | undefined;
  stopReason: AnthropicStopReason | undefined;
  sawToolUse = false;
  webSearchRequests = 0;

  constructor(private readonly options: AnthropicStreamEncoderOptions) {}

  get done(): boolean {
    return this.state === 'done';
  }

  get started(): boolean {
    return this.state !== 'idle';
  }

  /** message_start (and a ping, as Anthropic sends one). */
  start(): string {
    if (this.state !== 'idle') return '';
    this.state = 'message';
    const message = {
      type: 'message_start',
      message: {
        id: this.options.messageId,
        type: 'message',
        role: 'assistant',
        model: this.options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: this.options.estimatedInputTokens,
          output_tokens: 1,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    };
    return frame('message_start', JSON.stringify(message)) + frame('ping', '{"type":"ping"}');
  }

  private open(kind: BlockKind, id: string, block: Record<string, unknown>): string {
    let out = this.start() + this.close();
    this.index++;
    this.kind = kind;
    this.blockId = id;
    this.state = 'block';
    const deltaType =
      kind === 'text' ? 'text_delta' : kind === 'thinking' ? 'thinking_delta' : 'input_json_delta';
    const field = kind === 'text' ? 'text' : kind === 'thinking' ? 'thinking' : 'partial_json';
    this.deltaPrefix = `event: content_block_delta\ndata: {"type":"content_block_delta","index":${this.index},"delta":{"type":"${deltaType}","${field}":`;
    out += frame(
      'content_block_start',
      JSON.stringify({ type: 'content_block_start', index: this.index, content_block: block }),
    );
    return out;
  }

  private close(): string {
    if (this.state !== 'block') return '';
    this.state = 'message';
    this.kind = undefined;
    return frame('content_block_stop', `{"type":"content_block_stop","index":${this.index}}`);
  }

  private delta(kind: BlockKind, id: string, text: string, block: () => Record<string, unknown>): string {
    const prefix =
      this.state === 'block' && this.kind === kind && this.blockId === id ? '' : this.open(kind, id, block());
    return `${prefix}${this.deltaPrefix}${JSON.stringify(text)}}}\n\n`;
  }

  /** Encodes one part; returns the SSE text to write ('' when the part produces nothing). */
  encode(part: ChatStreamPart): string {
    if (this.state === 'done') return '';
    switch (part.type) {
      case 'text-delta':
        return this.delta('text', part.id, part.delta, () => ({ type: 'text', text: '' }));
      case 'reasoning-delta':
        return this.delta('thinking', part.id, part.delta, () => ({
          type: 'thinking',
          thinking: '',
          signature: '',
        }));
      case 'tool-input-delta':
        return this.state === 'block' && this.kind === 'tool_use'
          ? `${this.deltaPrefix}${JSON.stringify(part.delta)}}}\n\n`
          : '';
      case 'stream-start':
        return this.start();
      case 'text-start':
        return this.open('text', part.id, { type: 'text', text: '' });
      case 'reasoning-start':
        return this.open('thinking', part.id, { type: 'thinking', thinking: '', signature: '' });
      case 'tool-input-start':
        this.sawToolUse = true;
        return this.open('tool_use', part.id, {
          type: 'tool_use',
          id: part.id,
          name: part.toolName,
          input: {},
        });
      case 'reasoning-end': {
        if (this.state !== 'block' || this.kind !== 'thinking') return '';
        // The signature carries the provider's opaque reasoning blob back on the next turn.
        const signature = part.signature
          ? frame(
              'content_block_delta',
              JSON.stringify({
                type: 'content_block_delta',
                index: this.index,
                delta: { type: 'signature_delta', signature: part.signature },
              }),
            )
          : '';
        return signature + this.close();
      }
      case 'text-end':
      case 'tool-input-end':
        return this.close();
      case 'tool-call':
        return '';
      case 'text-citation':
        if (this.state !== 'block' || this.kind !== 'text' || this.blockId !== part.id) return '';
        return frame(
          'content_block_delta',
          JSON.stringify({
            type: 'content_block_delta',
            index: this.index,
            delta: { type: 'citations_delta', citation: toAnthropicCitation(part.citation) },
          }),
        );
      case 'web-search-call': {
        // A server tool block: Claude Code reads the query from its input JSON; nothing for it to run.
        this.webSearchRequests++;
        const id = toServerToolUseId(part.id);
        const open = this.open('server_tool_use', id, {
          type: 'server_tool_use',
          id,
          name: 'web_search',
          input: {},
        });
        return `${open}${this.deltaPrefix}${JSON.stringify(JSON.stringify({ query: part.query }))}}}\n\n${this.close()}`;
      }
      case 'web-search-result': {
        const id = toServerToolUseId(part.callId);
        return (
          this.open('web_search_tool_result', id, {
            type: 'web_search_tool_result',
            tool_use_id: id,
            content: toWebSearchResultContent(part),
          }) + this.close()
        );
      }
      case 'finish': {
        this.usage = part.usage;
        this.stopReason = this.sawToolUse ? 'tool_use' : toStopReason(part.reason);
        const out =
          this.start() +
          this.close() +
          frame(
            'message_delta',
            JSON.stringify({
              type: 'message_delta',
              delta: { stop_reason: this.stopReason, stop_sequence: null },
              usage: toAnthropicUsage(part.usage, this.webSearchRequests),
            }),
          ) +
          frame('message_stop', '{"type":"message_stop"}');
        this.state = 'done';
        return out;
      }
      case 'error':
        this.state = 'done';
        return anthropicErrorEvent(CcsError.fromJSON(part.error));
    }
  }

  /** The part stream ended without finish or error: never fake a success. */
  interrupted(): string {
    if (this.state === 'done') return '';
    this.state = 'done';
    return anthropicErrorEvent(new CcsError('STREAM_INTERRUPTED', 'The upstream stream ended unexpectedly.'));
  }
}
