import { randomBytes } from 'node:crypto';
import type { TurnScript } from '../types.js';
import type { ValidatedRequest } from './validate-request.js';
import { offersWebSearch, pushWebSearchCall, urlCitations } from './web-search-events.js';

export const DEFAULT_TEXT = 'Hello from the emulator.';

export interface SseEvent {
  type: string;
  data: Record<string, unknown>;
}

const hex = (n: number) => randomBytes(n).toString('hex');
/** Fernet-like blob like the real `encrypted_content` (`gAAAAA…`): version byte 0x80, timestamp, payload. */
export const mintEncryptedContent = (): string =>
  Buffer.concat([Buffer.from([0x80, 0, 0, 0, 0]), randomBytes(123)]).toString('base64url');

/** Splits text into `count` non-empty pieces without breaking surrogate pairs. */
export function splitDeltas(text: string, count: number): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const n = Math.max(1, Math.min(count, chars.length));
  const size = Math.ceil(chars.length / n);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export interface BuiltTurn {
  events: SseEvent[];
  /** Index into `events` of the first event after `response.in_progress` (where content starts). */
  contentStart: number;
  responseId: string;
  model: string;
  /** Blobs handed out, so the emulator accepts them when they come back. */
  encryptedContents: string[];
}

/** Builds the full, successful SSE event sequence of one turn (faults truncate or replace its tail). */
export function buildTurnEvents(turn: TurnScript, req: ValidatedRequest): BuiltTurn {
  const responseId = `resp_${hex(24)}`;
  const model = turn.servedModel ?? req.model.slug;
  const createdAt = Math.floor(Date.now() / 1000);
  const body = req.body;
  const deltaCount = turn.deltaCount ?? 3;
  const events: SseEvent[] = [];
  const encryptedContents: string[] = [];
  const output: Record<string, unknown>[] = [];
  const push = (type: string, data: Record<string, unknown>) =>
    events.push({ type, data: { type, ...data } });

  const response = (status: string, extra: Record<string, unknown> = {}) => ({
    id: responseId,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: null,
    model,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: req.effort, summary: req.summary ?? null },
    service_tier: body.service_tier ?? 'auto',
    store: false,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium', ...(body.text as object | undefined) },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: {},
    ...extra,
  });
  push('response.created', { response: response('in_progress') });
  push('response.in_progress', { response: response('in_progress') });
  const contentStart = events.length;
  let outputChars = 0;

  // With reasoning turned off the model produces no reasoning item, whatever the script says.
  if (turn.reasoning && req.effort !== 'none') {
    const index = output.length;
    const id = `rs_${hex(24)}`;
    const blob = turn.reasoning.encryptedContent ?? mintEncryptedContent();
    encryptedContents.push(blob);
    const parts = req.summary ? turn.reasoning.summary : [];
    push('response.output_item.added', { output_index: index, item: { id, type: 'reasoning', summary: [] } });
    parts.forEach((text, summaryIndex) => {
      const at = { item_id: id, output_index: index, summary_index: summaryIndex };
      push('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
      for (const delta of splitDeltas(text, deltaCount))
        push('response.reasoning_summary_text.delta', { ...at, delta });
      push('response.reasoning_summary_text.done', { ...at, text });
      push('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } });
    });
    const item: Record<string, unknown> = {
      id,
      type: 'reasoning',
      summary: parts.map((text) => ({ type: 'summary_text', text })),
    };
    if (req.includeEncrypted) item.encrypted_content = blob;
    push('response.output_item.done', { output_index: index, item });
    output.push(item);
  }

  // The model can only search when the request offers the hosted tool, as upstream.
  const search = turn.webSearch && offersWebSearch(body) ? turn.webSearch : undefined;
  if (search) {
    const withSources =
      Array.isArray(body.include) && body.include.includes('web_search_call.action.sources');
    pushWebSearchCall(push, output, search, withSources);
  }

  const text = turn.text ?? (turn.toolCalls?.length ? undefined : DEFAULT_TEXT);
  const deltas = Array.isArray(text) ? text : text ? splitDeltas(text, deltaCount) : [];
  if (deltas.length > 0) {
    const index = output.length;
    const id = `msg_${hex(24)}`;
    const full = deltas.join('');
    outputChars += full.length;
    const at = { item_id: id, output_index: index, content_index: 0 };
    push('response.output_item.added', {
      output_index: index,
      item: { id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    push('response.content_part.added', {
      ...at,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    });
    for (const delta of deltas) push('response.output_text.delta', { ...at, delta, logprobs: [] });
    const annotations = urlCitations(search, full);
    annotations.forEach((annotation, annotationIndex) => {
      push('response.output_text.annotation.added', { ...at, annotation_index: annotationIndex, annotation });
    });
    push('response.output_text.done', { ...at, text: full, logprobs: [] });
    const part = { type: 'output_text', annotations, logprobs: [], text: full };
    push('response.content_part.done', { ...at, part });
    const item = { id, type: 'message', status: 'completed', content: [part], role: 'assistant' };
    push('response.output_item.done', { output_index: index, item });
    output.push(item);
  }

  // Parallel calls: each call's steps (added, deltas, done) are interleaved round-robin by output_index.
  const lanes = (turn.toolCalls ?? []).map((call) => {
    const index = output.length;
    const id = `fc_${hex(24)}`;
    const callId = call.callId ?? `call_${randomBytes(18).toString('base64url')}`;
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    outputChars += args.length;
    const item = {
      id,
      type: 'function_call',
      status: 'completed',
      arguments: args,
      call_id: callId,
      name: call.name,
    };
    output.push(item);
    const steps: SseEvent[] = [];
    const step = (type: string, data: Record<string, unknown>) =>
      steps.push({ type, data: { type, ...data } });
    step('response.output_item.added', {
      output_index: index,
      item: { ...item, status: 'in_progress', arguments: '', name: call.lateName ? '' : call.name },
    });
    for (const delta of splitDeltas(args, deltaCount)) {
      step('response.function_call_arguments.delta', { item_id: id, output_index: index, delta });
    }
    step('response.function_call_arguments.done', { item_id: id, output_index: index, arguments: args });
    step('response.output_item.done', { output_index: index, item });
    return steps;
  });
  for (let i = 0; lanes.some((l) => i < l.length); i++) {
    for (const lane of lanes) if (lane[i]) events.push(lane[i]!);
  }

  const u = turn.usage ?? {};
  const inputTokens = u.inputTokens ?? Math.max(1, Math.ceil(JSON.stringify(body.input ?? []).length / 4));
  const reasoningTokens = u.reasoningTokens ?? (turn.reasoning && req.effort !== 'none' ? 64 : 0);
  const outputTokens = u.outputTokens ?? Math.ceil(outputChars / 4) + reasoningTokens;
  push('response.completed', {
    response: response('completed', {
      output,
      usage: {
        input_tokens: inputTokens,
        input_tokens_details: { cached_tokens: u.cachedTokens ?? 0 },
        output_tokens: outputTokens,
        output_tokens_details: { reasoning_tokens: reasoningTokens },
        total_tokens: inputTokens + outputTokens,
      },
    }),
  });
  events.forEach((e, i) => {
    e.data.sequence_number = i;
    if (turn.omitDoneOutputIndex && e.type === 'response.output_item.done') delete e.data.output_index;
  });
  return { events, contentStart, responseId, model, encryptedContents };
}
