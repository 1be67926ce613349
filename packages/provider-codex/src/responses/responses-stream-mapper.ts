import type { ChatStreamPart, FinishReason, Usage } from '@ccs/core';
import { CcsError } from '@ccs/core';
import { z } from 'zod';
import { codexErrorToCcsError, parseUpstreamErrorObject } from './codex-errors.js';
import { sanitizeToolUseId, type ToolNameMap } from './codex-tool-names.js';
import { parseUrlCitation, parseWebSearchItem } from './responses-web-search.js';

type Json = Record<string, unknown>;

/** Completed output items (rare events, validated with zod; deltas are checked by hand for speed). */
const itemSchema = z.looseObject({
  type: z.string(),
  id: z.string().nullish(),
  call_id: z.string().nullish(),
  name: z.string().nullish(),
  arguments: z.string().nullish(),
  encrypted_content: z.string().nullish(),
  summary: z.array(z.looseObject({ text: z.string().nullish() })).nullish(),
  content: z
    .array(
      z.looseObject({
        type: z.string().nullish(),
        text: z.string().nullish(),
        annotations: z.array(z.unknown()).nullish(),
      }),
    )
    .nullish(),
});
type Item = z.infer<typeof itemSchema>;

const usageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

interface ItemState {
  kind: string;
  key: string;
  /** Parts waiting while another item's block is being streamed (parallel calls are serialized). */
  buffer: ChatStreamPart[];
  done: boolean;
  open: boolean;
  sawText: boolean;
  /** message only: the text of the current content part (annotation indices point into it). */
  partText: string;
  /** message only: annotations already turned into citations. */
  cited: Set<string>;
  /** function_call only */
  callId: string;
  /** The call's output_item.added had no name yet: its block waits for output_item.done. */
  awaitingName: boolean;
  toolName: string;
  args: string;
  argsSent: boolean;
  blockId: string;
  contentCount: number;
}

export interface ResponsesStreamMapperOptions {
  toolNames: ToolNameMap;
  modelId: string;
  accountLabel: string;
  now?: () => number;
}

/**
 * Turns Codex Responses SSE events into neutral stream parts honouring the ordering contract of
 * chat-stream-part.ts: each output item is one block; only one block streams at a time and the
 * events of other items (parallel function calls) wait in a buffer until it ends.
 */
export class ResponsesStreamMapper {
  /** Parts produced so far and not yet taken by the consumer. */
  out: ChatStreamPart[] = [];
  terminated = false;
  /** True once a part other than stream-start was produced. */
  hasOutput = false;
  sawToolCall = false;
  private started = false;
  private readonly byIndex = new Map<number, ItemState>();
  private readonly byId = new Map<string, ItemState>();
  private readonly byCallId = new Map<string, ItemState>();
  private readonly queue: ItemState[] = [];
  private active: ItemState | undefined;
  private readonly seenCallIds = new Set<string>();
  private implicitCount = 0;

  constructor(private readonly options: ResponsesStreamMapperOptions) {}

  private push(part: ChatStreamPart): void {
    if (!this.started) this.start(undefined, undefined);
    this.hasOutput = true;
    this.out.push(part);
  }

  private start(id: string | undefined, modelId: string | undefined): void {
    if (this.started) return;
    this.started = true;
    const part: ChatStreamPart = { type: 'stream-start' };
    if (id) part.id = id;
    if (modelId) part.modelId = modelId;
    this.out.push(part);
  }

  private emit(item: ItemState, part: ChatStreamPart): void {
    if (item === this.active) this.push(part);
    else item.buffer.push(part);
  }

  private newItem(kind: string, key: string, index: number | undefined, id: string | undefined): ItemState {
    const item: ItemState = {
      kind,
      key,
      buffer: [],
      done: false,
      open: false,
      sawText: false,
      partText: '',
      cited: new Set(),
      callId: '',
      awaitingName: false,
      toolName: '',
      args: '',
      argsSent: false,
      blockId: key,
      contentCount: 0,
    };
    if (index !== undefined) this.byIndex.set(index, item);
    if (id) this.byId.set(id, item);
    if (this.active === undefined) this.active = item;
    else this.queue.push(item);
    return item;
  }

  /** The item an event belongs to: by output_index, else by item id (also inside `item`), else by call id. */
  private find(event: Json, kind: string): ItemState {
    const index = typeof event.output_index === 'number' ? event.output_index : undefined;
    const inner = (event.item ?? undefined) as Json | undefined;
    const itemId = typeof event.item_id === 'string' ? event.item_id : undefined;
    const innerId = typeof inner?.id === 'string' ? inner.id : undefined;
    const callId = typeof inner?.call_id === 'string' ? inner.call_id : undefined;
    const found =
      (index !== undefined ? this.byIndex.get(index) : undefined) ??
      (itemId !== undefined ? this.byId.get(itemId) : undefined) ??
      (innerId !== undefined ? this.byId.get(innerId) : undefined) ??
      (callId !== undefined ? this.byCallId.get(callId) : undefined);
    if (found) return found;
    // Block ids stay index-based (stable across recordings); the item id is only an index for lookups.
    const key = itemId ?? `item_${index ?? `x${this.implicitCount++}`}`;
    return this.newItem(kind, key, index, itemId ?? innerId);
  }

  private finishItem(item: ItemState): void {
    item.done = true;
    if (item !== this.active) return;
    this.active = undefined;
    while (this.queue.length > 0) {
      const next = this.queue.shift()!;
      for (const part of next.buffer) this.push(part);
      next.buffer = [];
      if (!next.done) {
        this.active = next;
        return;
      }
    }
  }

  private openReasoning(item: ItemState): void {
    if (item.open) return;
    item.open = true;
    this.emit(item, { type: 'reasoning-start', id: item.blockId });
  }

  private openText(item: ItemState): void {
    if (item.open) return;
    item.open = true;
    item.blockId = `${item.key}_${item.contentCount++}`;
    this.emit(item, { type: 'text-start', id: item.blockId });
  }

  private closeText(item: ItemState): void {
    if (!item.open) return;
    item.open = false;
    this.emit(item, { type: 'text-end', id: item.blockId });
  }

  /**
   * Opens the call's tool block, or, when the backend has not named the call yet (gpt-5.5 at high effort sends
   * `name: ""` in output_item.added), waits for output_item.done: a tool block with an empty name would reach
   * the client and come back as `name: ""`, which the backend rejects.
   */
  private startCall(item: ItemState, parsed: Item): void {
    item.callId = sanitizeToolUseId(parsed.call_id ?? parsed.id ?? `call_${item.key}`);
    item.blockId = item.callId;
    this.seenCallIds.add(parsed.call_id ?? item.callId);
    if (parsed.call_id) this.byCallId.set(parsed.call_id, item);
    if (!parsed.name) {
      item.awaitingName = true;
      return;
    }
    item.awaitingName = false;
    item.toolName = this.options.toolNames.fromUpstream(parsed.name);
    item.open = true;
    this.emit(item, { type: 'tool-input-start', id: item.callId, toolName: item.toolName });
  }

  private namelessCall(item: ItemState): void {
    this.finishItem(item);
    this.fail(
      new CcsError('UPSTREAM_ERROR', 'The Codex backend sent a tool call without a tool name.', {
        suggestion: 'Retry the request.',
        details: { callId: item.callId },
      }),
    );
  }

  private endCall(item: ItemState, finalArgs: string | null | undefined): void {
    if (!item.open) return;
    item.open = false;
    const args = finalArgs ?? item.args;
    if (!item.argsSent && args.length > 0)
      this.emit(item, { type: 'tool-input-delta', id: item.callId, delta: args });
    this.emit(item, { type: 'tool-input-end', id: item.callId });
    this.emit(item, {
      type: 'tool-call',
      toolCallId: item.callId,
      toolName: item.toolName,
      input: args || '{}',
    });
    this.sawToolCall = true;
    this.finishItem(item);
  }

  private itemAdded(event: Json): void {
    const parsed = itemSchema.safeParse(event.item);
    if (!parsed.success) return;
    const item = this.find(event, parsed.data.type);
    item.kind = parsed.data.type;
    if (parsed.data.id) this.byId.set(parsed.data.id, item);
    if (item.kind === 'function_call') this.startCall(item, parsed.data);
  }

  private itemDone(event: Json): void {
    const parsed = itemSchema.safeParse(event.item);
    if (!parsed.success) return;
    const data = parsed.data;
    const item = this.find(event, data.type);
    if (item.done) return;
    if (data.type === 'function_call') {
      if (!item.open && (item.callId === '' || item.awaitingName)) this.startCall(item, data);
      if (item.awaitingName) this.namelessCall(item);
      else this.endCall(item, data.arguments ?? item.args);
      return;
    }
    if (data.type === 'web_search_call') {
      const search = parseWebSearchItem(event.item);
      const id = sanitizeToolUseId(data.id ?? item.key);
      this.emit(item, { type: 'web-search-call', id, query: search.query });
      const result: ChatStreamPart = { type: 'web-search-result', callId: id, sources: search.sources };
      if (search.errorCode) result.errorCode = search.errorCode;
      this.emit(item, result);
    }
    if (data.type === 'reasoning') {
      const signature = data.encrypted_content ?? undefined;
      if (!item.open) {
        const text = (data.summary ?? []).map((s) => s.text ?? '').join('\n\n');
        if (text || signature) this.openReasoning(item);
        if (text) this.emit(item, { type: 'reasoning-delta', id: item.blockId, delta: text });
      }
      if (item.open) {
        item.open = false;
        const end: ChatStreamPart = { type: 'reasoning-end', id: item.blockId };
        if (signature) end.signature = signature;
        this.emit(item, end);
      }
    } else if (data.type === 'message') {
      const content = data.content ?? [];
      if (item.open) this.cite(item, content.at(-1)?.annotations, content.at(-1)?.text ?? item.partText);
      this.closeText(item);
      if (!item.sawText) {
        // Some responses carry their text only in the completed item.
        for (const part of content) {
          if (!part.text) continue;
          this.openText(item);
          this.emit(item, { type: 'text-delta', id: item.blockId, delta: part.text });
          this.cite(item, part.annotations, part.text);
          this.closeText(item);
        }
      }
    }
    this.finishItem(item);
  }

  /** `url_citation` annotations of the open text block's part, each once, as citations of that block. */
  private cite(item: ItemState, annotations: unknown[] | null | undefined, text: string): void {
    if (!item.open) return;
    for (const raw of annotations ?? []) {
      const parsed = parseUrlCitation(raw, text);
      if (!parsed || item.cited.has(parsed.key)) continue;
      item.cited.add(parsed.key);
      this.emit(item, { type: 'text-citation', id: item.blockId, citation: parsed.citation });
    }
  }

  /** Closes whatever is still open, in order (a completed response whose items never said done). */
  private flushAll(): void {
    const pending = [this.active, ...this.queue].filter((i): i is ItemState => i !== undefined);
    for (const item of pending) {
      if (this.terminated) return;
      if (item.kind === 'function_call') {
        if (item.awaitingName) this.namelessCall(item);
        else this.endCall(item, undefined);
      } else {
        if (item.open && item.kind === 'reasoning') {
          item.open = false;
          this.emit(item, { type: 'reasoning-end', id: item.blockId });
        }
        this.closeText(item);
        this.finishItem(item);
      }
    }
  }

  private completed(response: Json, incomplete: boolean): void {
    const output = Array.isArray(response.output) ? response.output : [];
    // A call still waiting for its name may find it in the completed output.
    for (const raw of output) {
      const callId = (raw as Json | null)?.call_id;
      const waiting = typeof callId === 'string' ? this.byCallId.get(callId) : undefined;
      if (waiting?.awaitingName && !waiting.done) this.itemDone({ item: raw });
    }
    this.flushAll();
    if (this.terminated) return;
    // Items that only appear in response.output (no output_item events) are replayed here.
    const sawAnyItem = this.byIndex.size > 0 || this.byId.size > 0;
    output.forEach((raw, i) => {
      const parsed = itemSchema.safeParse(raw);
      if (!parsed.success) return;
      const isNewCall =
        parsed.data.type === 'function_call' && !this.seenCallIds.has(parsed.data.call_id ?? '');
      if (!isNewCall && sawAnyItem) return;
      const event = { output_index: 100_000 + i, item: raw };
      this.itemAdded(event);
      this.itemDone(event);
    });
    const usage = usageSchema.safeParse(response.usage ?? {});
    const u = usage.success ? usage.data : {};
    const cached = u.input_tokens_details?.cached_tokens ?? 0;
    const result: Usage = {
      inputTokens: Math.max(0, (u.input_tokens ?? 0) - cached),
      outputTokens: u.output_tokens ?? 0,
    };
    if (cached > 0) result.cachedInputTokens = cached;
    if (u.output_tokens_details?.reasoning_tokens)
      result.reasoningTokens = u.output_tokens_details.reasoning_tokens;
    let reason: FinishReason = 'stop';
    if (this.sawToolCall) reason = 'tool-calls';
    else if (incomplete) {
      const details = response.incomplete_details as Json | undefined;
      const why = typeof details?.reason === 'string' ? details.reason : '';
      reason = why === 'content_filter' ? 'content-filter' : why.includes('max') ? 'length' : 'other';
    }
    this.push({ type: 'finish', reason, usage: result });
    this.terminated = true;
  }

  private fail(error: CcsError): void {
    this.push({ type: 'error', error: error.toJSON() });
    this.terminated = true;
  }

  private failFrom(raw: unknown, status: number | undefined): void {
    const error = parseUpstreamErrorObject(raw);
    this.fail(
      codexErrorToCcsError(error, {
        status,
        modelId: this.options.modelId,
        accountLabel: this.options.accountLabel,
        now: this.options.now,
      }),
    );
  }

  /** Handles one parsed SSE `data:` payload. */
  handle(event: Json): void {
    if (this.terminated) return;
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        if (typeof event.delta !== 'string') return;
        const item = this.find(event, 'message');
        this.openText(item);
        item.sawText = true;
        item.partText += event.delta;
        this.emit(item, { type: 'text-delta', id: item.blockId, delta: event.delta });
        return;
      }
      case 'response.output_text.annotation.added': {
        const item = this.find(event, 'message');
        this.cite(item, [event.annotation], item.partText);
        return;
      }
      case 'response.function_call_arguments.delta': {
        if (typeof event.delta !== 'string') return;
        const item = this.find(event, 'function_call');
        item.args += event.delta;
        // A call still waiting for its name keeps its arguments until the block opens.
        if (!item.open) return;
        item.argsSent = true;
        this.emit(item, { type: 'tool-input-delta', id: item.callId, delta: event.delta });
        return;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        if (typeof event.delta !== 'string') return;
        const item = this.find(event, 'reasoning');
        this.openReasoning(item);
        item.sawText = true;
        this.emit(item, { type: 'reasoning-delta', id: item.blockId, delta: event.delta });
        return;
      }
      case 'response.reasoning_summary_part.added': {
        const item = this.find(event, 'reasoning');
        // One thinking block per reasoning item; later summary parts are separated by a blank line.
        if (item.open && item.sawText)
          this.emit(item, { type: 'reasoning-delta', id: item.blockId, delta: '\n\n' });
        else this.openReasoning(item);
        return;
      }
      case 'response.content_part.added': {
        const part = event.part as Json | undefined;
        if (part?.type !== 'output_text' && part?.type !== 'refusal') return;
        const item = this.find(event, 'message');
        this.closeText(item);
        this.openText(item);
        item.partText = '';
        return;
      }
      case 'response.content_part.done': {
        const item = this.find(event, 'message');
        if (item.kind !== 'message') return;
        const part = event.part as Json | undefined;
        if (Array.isArray(part?.annotations))
          this.cite(item, part.annotations, typeof part.text === 'string' ? part.text : item.partText);
        this.closeText(item);
        return;
      }
      case 'response.function_call_arguments.done': {
        const item = this.find(event, 'function_call');
        const args = typeof event.arguments === 'string' ? event.arguments : undefined;
        if (item.open) this.endCall(item, args);
        else if (args !== undefined) item.args = args;
        return;
      }
      case 'response.output_item.added':
        this.itemAdded(event);
        return;
      case 'response.output_item.done':
        this.itemDone(event);
        return;
      case 'response.created': {
        const response = event.response as Json | undefined;
        this.start(
          typeof response?.id === 'string' ? response.id : undefined,
          typeof response?.model === 'string' ? response.model : undefined,
        );
        return;
      }
      case 'response.completed':
        this.completed((event.response as Json | undefined) ?? {}, false);
        return;
      case 'response.incomplete':
        this.completed((event.response as Json | undefined) ?? {}, true);
        return;
      case 'response.failed': {
        const response = event.response as Json | undefined;
        this.failFrom(response?.error, undefined);
        return;
      }
      case 'error':
        this.failFrom(event.error ?? event, typeof event.status === 'number' ? event.status : undefined);
        return;
      default:
        return;
    }
  }

  /** The upstream body ended. Without a terminal event that is a truncated stream, never a success. */
  end(): void {
    if (this.terminated) return;
    this.fail(
      new CcsError('STREAM_INTERRUPTED', 'The Codex stream ended before the response was complete.', {
        suggestion: 'Retry the request.',
      }),
    );
  }

  take(): ChatStreamPart[] {
    const parts = this.out;
    this.out = [];
    return parts;
  }
}
