import type { ChatMessage } from '@ccs/core';

/** Rough per-image cost (Anthropic bills ~1.6k tokens for a typical screenshot). */
const IMAGE_TOKENS = 1600;

/**
 * A fast local token estimate (~4 characters per token, images at a flat cost). Real tokenizers
 * cost hundreds of milliseconds on a 1 MB request; Claude Code only needs a context-meter figure.
 */
export function estimateInputTokens(input: {
  system: string[];
  messages: ChatMessage[];
  tools: Array<{ name: string; description?: string; inputSchema: unknown }>;
}): number {
  let chars = 0;
  let images = 0;
  for (const text of input.system) chars += text.length;
  for (const message of input.messages) {
    if (message.role === 'system') {
      chars += message.content.length;
      continue;
    }
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          chars += part.text.length;
          break;
        case 'tool-call':
          chars += part.toolName.length + (typeof part.input === 'string' ? part.input.length : 64);
          break;
        case 'tool-result':
          for (const item of part.content) {
            if (item.type === 'text') chars += item.text.length;
            else images++;
          }
          break;
        case 'file':
          chars += part.data.length / 2;
          break;
        default:
          images++;
      }
    }
  }
  // Schemas are not stringified (that would cost as much as the request); ~400 chars per tool is typical.
  for (const tool of input.tools) chars += tool.name.length + (tool.description?.length ?? 0) + 400;
  return Math.max(1, Math.ceil(chars / 4) + images * IMAGE_TOKENS);
}
