import type { ChatTurn } from './chat-turn.js';

type Json = Record<string, unknown>;

const pieces = (text: string, size = 12): string[] => {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
};

const argsOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function usageOf(turn: ChatTurn): Json {
  const u = turn.usage ?? {};
  const prompt = u.promptTokens ?? 20;
  const completion = u.completionTokens ?? 10;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: u.cachedTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens ?? 0 },
  };
}

export function finishReasonOf(turn: ChatTurn): string {
  return turn.finishReason ?? (turn.toolCalls?.length ? 'tool_calls' : 'stop');
}

/** The `chat.completion.chunk` payloads of a turn, shaped like OpenAI's (role first, usage last). */
export function turnChunks(
  turn: ChatTurn,
  meta: { id: string; model: string; created: number; includeUsage: boolean },
): Json[] {
  const chunk = (delta: Json, finish: string | null = null): Json => ({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const out: Json[] = [chunk({ role: 'assistant', content: '' })];
  const field = turn.reasoningField ?? 'reasoning_content';
  for (const piece of pieces(turn.reasoning ?? '')) out.push(chunk({ [field]: piece }));
  for (const piece of pieces(turn.text ?? '')) out.push(chunk({ content: piece }));
  const calls = (turn.toolCalls ?? []).map((call, index) => ({
    index,
    id: call.id ?? `call_${meta.id.slice(-6)}_${index}`,
    name: call.name,
    parts: pieces(argsOf(call.arguments), 16),
  }));
  const heads = calls.map((c) =>
    chunk({
      tool_calls: [{ index: c.index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }],
    }),
  );
  const argChunk = (index: number, part: string) =>
    chunk({ tool_calls: [{ index, function: { arguments: part } }] });
  if (turn.interleaveToolCalls) {
    out.push(...heads);
    const longest = Math.max(0, ...calls.map((c) => c.parts.length));
    for (let i = 0; i < longest; i++)
      for (const c of calls) if (c.parts[i]) out.push(argChunk(c.index, c.parts[i]!));
  } else {
    calls.forEach((c, i) => {
      out.push(heads[i]!);
      for (const part of c.parts) out.push(argChunk(c.index, part));
    });
  }
  if (turn.streamError) {
    out.push({ error: { message: turn.streamError.message, code: turn.streamError.code ?? 'server_error' } });
    return out;
  }
  out.push(chunk({}, finishReasonOf(turn)));
  if (meta.includeUsage) {
    out.push({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      choices: [],
      usage: usageOf(turn),
    });
  }
  return out;
}

/** The whole `chat.completion` object of a turn (a request without `stream: true`). */
export function turnCompletion(turn: ChatTurn, meta: { id: string; model: string; created: number }): Json {
  const field = turn.reasoningField ?? 'reasoning_content';
  const calls = (turn.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_${meta.id.slice(-6)}_${index}`,
    type: 'function',
    function: { name: call.name, arguments: argsOf(call.arguments) },
  }));
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.text ?? (calls.length ? null : ''),
          ...(turn.reasoning ? { [field]: turn.reasoning } : {}),
          ...(calls.length ? { tool_calls: calls } : {}),
          refusal: null,
        },
        logprobs: null,
        finish_reason: finishReasonOf(turn),
      },
    ],
    usage: usageOf(turn),
  };
}
