import type { ChatStreamPart } from '@ccs/core';
import { CcsError } from '@ccs/core';
import { type AnthropicStopReason, toAnthropicUsage, toStopReason } from './encode-anthropic-stream.js';
import {
  type AnthropicCitation,
  type AnthropicWebSearchResultContent,
  toAnthropicCitation,
  toServerToolUseId,
  toWebSearchResultContent,
} from './web-search-blocks.js';

type TextBlock = { type: 'text'; text: string; citations?: AnthropicCitation[] };
type Block =
  | TextBlock
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'server_tool_use'; id: string; name: 'web_search'; input: { query: string } }
  | { type: 'web_search_tool_result'; tool_use_id: string; content: AnthropicWebSearchResultContent };

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Block[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: ReturnType<typeof toAnthropicUsage>;
}

function parseToolInput(json: string): unknown {
  try {
    const value = JSON.parse(json) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/**
 * Collects a whole neutral stream into one Anthropic message (non-streaming calls). An `error`
 * part throws, so the client gets a proper HTTP error: nothing has been sent yet.
 */
export async function collectAnthropicMessage(
  parts: AsyncIterable<ChatStreamPart>,
  meta: { messageId: string; model: string },
): Promise<AnthropicMessage> {
  const content: Block[] = [];
  let text: TextBlock | undefined;
  let searches = 0;
  let thinking: { type: 'thinking'; thinking: string; signature: string } | undefined;
  const toolInputs = new Map<string, string>();
  for await (const part of parts) {
    switch (part.type) {
      case 'text-start':
        text = { type: 'text', text: '' };
        content.push(text);
        break;
      case 'text-delta':
        if (!text) {
          text = { type: 'text', text: '' };
          content.push(text);
        }
        text.text += part.delta;
        break;
      case 'text-end':
        text = undefined;
        break;
      case 'text-citation':
        if (text) text.citations = [...(text.citations ?? []), toAnthropicCitation(part.citation)];
        break;
      case 'web-search-call':
        searches++;
        text = undefined;
        content.push({
          type: 'server_tool_use',
          id: toServerToolUseId(part.id),
          name: 'web_search',
          input: { query: part.query },
        });
        break;
      case 'web-search-result':
        text = undefined;
        content.push({
          type: 'web_search_tool_result',
          tool_use_id: toServerToolUseId(part.callId),
          content: toWebSearchResultContent(part),
        });
        break;
      case 'reasoning-start':
        thinking = { type: 'thinking', thinking: '', signature: '' };
        content.push(thinking);
        break;
      case 'reasoning-delta':
        if (!thinking) {
          thinking = { type: 'thinking', thinking: '', signature: '' };
          content.push(thinking);
        }
        thinking.thinking += part.delta;
        break;
      case 'reasoning-end':
        if (thinking && part.signature) thinking.signature = part.signature;
        thinking = undefined;
        break;
      case 'tool-input-start':
        toolInputs.set(part.id, '');
        break;
      case 'tool-input-delta':
        toolInputs.set(part.id, (toolInputs.get(part.id) ?? '') + part.delta);
        break;
      case 'tool-call':
        content.push({
          type: 'tool_use',
          id: part.toolCallId,
          name: part.toolName,
          input: parseToolInput(part.input),
        });
        break;
      case 'finish': {
        const sawTool = content.some((block) => block.type === 'tool_use');
        return {
          id: meta.messageId,
          type: 'message',
          role: 'assistant',
          model: meta.model,
          content,
          stop_reason: sawTool ? 'tool_use' : toStopReason(part.reason),
          stop_sequence: null,
          usage: toAnthropicUsage(part.usage, searches),
        };
      }
      case 'error':
        throw CcsError.fromJSON(part.error);
      default:
        break;
    }
  }
  throw new CcsError('STREAM_INTERRUPTED', 'The upstream stream ended before the response was complete.');
}
