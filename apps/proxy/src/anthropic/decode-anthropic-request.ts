import type {
  AssistantContentPart,
  ChatMessage,
  ChatTool,
  ToolChoice,
  ToolResultPart,
  UserContentPart,
  WebSearchOptions,
} from '@ccs/core';
import { CcsError } from '@ccs/core';
import type { AnthropicContentBlock, AnthropicRequest } from './anthropic-request-schema.js';
import { type AnthropicIntent, decodeAnthropicIntent } from './decode-anthropic-intent.js';
import { decodeDocument, decodeSearchResult } from './decode-document.js';
import {
  decodeCitations,
  decodeServerToolUse,
  decodeWebSearchResult,
  decodeWebSearchTool,
  WEB_SEARCH_TOOL_TYPES,
} from './decode-web-search.js';

/** Claude Code's attribution block in `system`: meaningless upstream and it changes per release. */
const BILLING_HEADER_PREFIX = 'x-anthropic-billing-header:';

/**
 * What the client asked for, in neutral terms, before routing picks a provider model and the policy an
 * effort. Claude-specific fields (`output_config`, `thinking`, `speed`) are read here once, into the
 * intent: nothing after the decoder looks at the Anthropic body again.
 */
export interface DecodedAnthropicRequest extends AnthropicIntent {
  /** The model name as the client sent it (routing maps it). */
  model: string;
  stream: boolean;
  system: string[];
  messages: ChatMessage[];
  tools: ChatTool[];
  /** Anthropic's web search server tool, when the client offers it. */
  webSearch?: WebSearchOptions;
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  sessionId?: string;
  agentId?: string;
}

function textOf(content: string | AnthropicContentBlock[]): string {
  if (typeof content === 'string') return content;
  let out = '';
  for (const block of content)
    if (block.type === 'text') out += (out ? '\n' : '') + (block as { text: string }).text;
  return out;
}

/**
 * A documented Anthropic block that has no equivalent upstream: refused by name, never dropped, so the
 * model does not answer a conversation the user did not write.
 */
function unsupported(path: string, type: string): CcsError {
  return new CcsError(
    'INVALID_REQUEST',
    `${path}: content blocks of type "${type}" cannot be translated for this model; remove them from the conversation.`,
  );
}

function mediaTypeOf(source: Record<string, unknown>): string {
  const value = source.media_type ?? source.mime_type;
  return typeof value === 'string' && value ? value : 'application/octet-stream';
}

function decodeImage(
  block: Extract<AnthropicContentBlock, { type: 'image' }>,
  path: string,
): UserContentPart {
  const source = block.source as Record<string, unknown>;
  if (source.type === 'base64' && typeof source.data === 'string') {
    return { type: 'image', mediaType: mediaTypeOf(source), data: source.data };
  }
  if (source.type === 'url' && typeof source.url === 'string') return { type: 'image-url', url: source.url };
  throw unsupported(`${path}.source`, `image with a ${String(source.type)} source`);
}

function decodeToolResult(
  block: Extract<AnthropicContentBlock, { type: 'tool_result' }>,
  path: string,
): ToolResultPart {
  const content: ToolResultPart['content'] = [];
  if (typeof block.content === 'string') content.push({ type: 'text', text: block.content });
  else {
    for (const [index, item] of (block.content ?? []).entries()) {
      if (item.type === 'document') {
        content.push(...decodeDocument(item, `${path}.content.${index}`));
        continue;
      }
      if (item.type === 'search_result') {
        content.push(decodeSearchResult(item));
        continue;
      }
      const value = item as Record<string, unknown>;
      if (value.type === 'text' && typeof value.text === 'string')
        content.push({ type: 'text', text: value.text });
      else if (value.type === 'image' && value.source && typeof value.source === 'object') {
        const source = value.source as Record<string, unknown>;
        if (source.type === 'base64' && typeof source.data === 'string') {
          content.push({ type: 'image', mediaType: mediaTypeOf(source), data: source.data });
        } else if (source.type === 'url' && typeof source.url === 'string') {
          content.push({ type: 'text', text: `[image: ${source.url}]` });
        } else
          throw unsupported(`${path}.content.${index}.source`, `image with a ${String(source.type)} source`);
      } else throw unsupported(`${path}.content.${index}`, String(value.type));
    }
  }
  const part: ToolResultPart = { type: 'tool-result', toolCallId: block.tool_use_id, content };
  if (block.is_error) part.isError = true;
  return part;
}

function decodeUser(content: string | AnthropicContentBlock[], path: string): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: UserContentPart[] = [];
  for (const [index, block] of content.entries()) {
    switch (block.type) {
      case 'text':
        parts.push({ type: 'text', text: (block as { text: string }).text });
        break;
      case 'image': {
        parts.push(decodeImage(block, `${path}.${index}`));
        break;
      }
      case 'document':
        parts.push(...decodeDocument(block, `${path}.${index}`));
        break;
      case 'search_result':
        parts.push(decodeSearchResult(block));
        break;
      case 'tool_result':
        parts.push(decodeToolResult(block, `${path}.${index}`));
        break;
      default:
        throw unsupported(`${path}.${index}`, block.type);
    }
  }
  return parts;
}

function decodeAssistant(content: string | AnthropicContentBlock[], path: string): AssistantContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: AssistantContentPart[] = [];
  for (const [index, block] of content.entries()) {
    switch (block.type) {
      case 'text': {
        const text: AssistantContentPart = { type: 'text', text: (block as { text: string }).text };
        const citations = decodeCitations((block as { citations?: unknown }).citations);
        if (citations.length > 0) text.citations = citations;
        parts.push(text);
        break;
      }
      case 'server_tool_use':
        parts.push(decodeServerToolUse(block, `${path}.${index}`));
        break;
      case 'web_search_tool_result':
        parts.push(decodeWebSearchResult(block, `${path}.${index}`));
        break;
      case 'thinking': {
        const thinking = block as Extract<AnthropicContentBlock, { type: 'thinking' }>;
        const part: AssistantContentPart = { type: 'reasoning', text: thinking.thinking };
        if (thinking.signature) part.signature = thinking.signature;
        parts.push(part);
        break;
      }
      case 'redacted_thinking':
        // Anthropic-encrypted reasoning: no other provider can read it.
        break;
      case 'tool_use': {
        const use = block as Extract<AnthropicContentBlock, { type: 'tool_use' }>;
        parts.push({ type: 'tool-call', toolCallId: use.id, toolName: use.name, input: use.input ?? {} });
        break;
      }
      default:
        throw unsupported(`${path}.${index}`, block.type);
    }
  }
  return parts;
}

/** `metadata.user_id` is a JSON string with `session_id` (Claude Code 2.x) or ends in `_session_<uuid>`. */
export function sessionIdFromUserId(userId: string | null | undefined): string | undefined {
  if (!userId) return undefined;
  if (userId.startsWith('{')) {
    try {
      const value = JSON.parse(userId) as unknown;
      if (value && typeof value === 'object') {
        const session = (value as Record<string, unknown>).session_id;
        if (typeof session === 'string' && session) return session;
      }
    } catch {
      // not JSON after all; try the suffix form
    }
  }
  const match = /_session_([0-9a-fA-F-]{8,})$/.exec(userId);
  return match?.[1];
}

function decodeToolChoice(request: AnthropicRequest): ToolChoice | undefined {
  const choice = request.tool_choice;
  if (!choice) return undefined;
  if (choice.type === 'any') return { type: 'required' };
  if (choice.type === 'tool') {
    if (!choice.name) throw new CcsError('INVALID_REQUEST', 'tool_choice of type "tool" needs a name.');
    return { type: 'tool', toolName: choice.name };
  }
  return { type: choice.type };
}

/** Decodes a validated Anthropic Messages request into the neutral shapes of @ccs/core. */
export function decodeAnthropicRequest(
  request: AnthropicRequest,
  headers: { sessionId?: string; agentId?: string } = {},
): DecodedAnthropicRequest {
  const system: string[] = [];
  if (typeof request.system === 'string') {
    if (request.system && !request.system.startsWith(BILLING_HEADER_PREFIX)) system.push(request.system);
  } else {
    for (const block of request.system ?? []) {
      if (typeof block.text === 'string' && block.text && !block.text.startsWith(BILLING_HEADER_PREFIX)) {
        system.push(block.text);
      }
    }
  }
  const messages: ChatMessage[] = [];
  for (const [index, message] of request.messages.entries()) {
    const path = `messages.${index}.content`;
    if (message.role === 'system') messages.push({ role: 'system', content: textOf(message.content) });
    else if (message.role === 'user')
      messages.push({ role: 'user', content: decodeUser(message.content, path) });
    else messages.push({ role: 'assistant', content: decodeAssistant(message.content, path) });
  }
  const tools: ChatTool[] = [];
  let webSearch: WebSearchOptions | undefined;
  for (const [index, tool] of (request.tools ?? []).entries()) {
    if (tool.type !== undefined && WEB_SEARCH_TOOL_TYPES.has(tool.type)) {
      webSearch ??= decodeWebSearchTool(tool, `tools.${index}`);
      continue;
    }
    // Anthropic's other server and versioned tools (bash_20250124, text_editor_…) have no schema and no
    // Codex equivalent here: left out, so the model answers without them.
    if (tool.type !== undefined && tool.type !== 'custom' && !tool.input_schema) continue;
    // Only the fields the neutral tool knows survive: cache_control, defer_loading etc. are dropped.
    const out: ChatTool = {
      name: tool.name,
      inputSchema: tool.input_schema ?? { type: 'object', properties: {} },
    };
    if (tool.description) out.description = tool.description;
    tools.push(out);
  }
  const decoded: DecodedAnthropicRequest = {
    ...decodeAnthropicIntent(request),
    model: request.model,
    stream: request.stream === true,
    system,
    messages,
    tools,
  };
  if (webSearch) decoded.webSearch = webSearch;
  const toolChoice = decodeToolChoice(request);
  if (toolChoice) decoded.toolChoice = toolChoice;
  if (request.tool_choice?.disable_parallel_tool_use) decoded.parallelToolCalls = false;
  if (request.max_tokens !== undefined) decoded.maxOutputTokens = request.max_tokens;
  const sessionId = headers.sessionId || sessionIdFromUserId(request.metadata?.user_id);
  if (sessionId) decoded.sessionId = sessionId;
  if (headers.agentId) decoded.agentId = headers.agentId;
  return decoded;
}
