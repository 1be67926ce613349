import type { ChatModel, ChatRequest, ChatStreamPart } from '@ccs/core';

/** The text of the last user message (what the echo provider says back). */
function lastUserText(request: ChatRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]!;
    if (message.role !== 'user') continue;
    return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  }
  return '';
}

/** A chat model that streams the last user message back, word by word, following the part ordering contract. */
export function createEchoChatModel(args: {
  providerId: string;
  modelId: string;
  prefix: string;
}): ChatModel {
  return {
    specificationVersion: 'v1',
    providerId: args.providerId,
    modelId: args.modelId,
    async stream(request, options) {
      const reply = `${args.prefix}${lastUserText(request)}`;
      const words = reply.split(/(?<=\s)/);
      async function* parts(): AsyncIterable<ChatStreamPart> {
        yield { type: 'stream-start', modelId: args.modelId };
        yield { type: 'text-start', id: 'text-0' };
        for (const delta of words) {
          if (options?.signal?.aborted) return;
          yield { type: 'text-delta', id: 'text-0', delta };
        }
        yield { type: 'text-end', id: 'text-0' };
        yield {
          type: 'finish',
          reason: 'stop',
          usage: { inputTokens: lastUserText(request).split(/\s+/).length, outputTokens: words.length },
        };
      }
      return { stream: parts(), responseHeaders: {}, warnings: [], servedModelId: args.modelId };
    },
  };
}
