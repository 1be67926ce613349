import type {
  ChatMessage,
  ChatRequest,
  ChatWarning,
  EffortLevel,
  ToolChoice,
  UserContentPart,
} from '@ccs/core';
import { CcsError } from '@ccs/core';
import { type ReasoningField, reasoningFieldOf } from './reasoning-signature.js';

/** The Chat Completions request body ccs sends (strict about what goes out). */
export interface ChatCompletionsBody {
  model: string;
  messages: OutMessage[];
  stream: true;
  stream_options: { include_usage: true };
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters: unknown } }>;
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };
  parallel_tool_calls?: false;
  reasoning_effort?: EffortLevel;
}

type OutContent =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { filename?: string; file_data: string } };

type OutMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: OutContent[] }
  | {
      role: 'assistant';
      content: string | null;
      reasoning_content?: string;
      reasoning?: string;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface MapOptions {
  /** The model id the endpoint knows (an alias resolved to its name). */
  upstreamModel: string;
  /** Send `reasoning_effort` (only for models configured with thinking levels). */
  reasoningEffort?: EffortLevel;
}

export interface MappedRequest {
  body: ChatCompletionsBody;
  /** What could not be carried over, for the trace. */
  warnings: ChatWarning[];
}

const dataUrl = (mediaType: string, data: string) => `data:${mediaType};base64,${data}`;

function userContent(part: Exclude<UserContentPart, { type: 'tool-result' }>): OutContent {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return { type: 'image_url', image_url: { url: dataUrl(part.mediaType, part.data) } };
    case 'image-url':
      return { type: 'image_url', image_url: { url: part.url } };
    case 'file':
      return {
        type: 'file',
        file: {
          ...(part.filename ? { filename: part.filename } : {}),
          file_data: dataUrl(part.mediaType, part.data),
        },
      };
    case 'file-url':
      // Chat Completions file parts take inline data or a file id, never a URL.
      throw new CcsError(
        'INVALID_REQUEST',
        `A document by URL (${part.url}) cannot be sent to this endpoint.`,
        {
          suggestion: 'Attach the document itself (base64) instead of its URL.',
        },
      );
  }
}

function mapUser(message: Extract<ChatMessage, { role: 'user' }>, out: OutMessage[]): void {
  // Tool results must directly follow the assistant message that called the tools; Chat Completions
  // tool messages hold text only, so images a tool returned follow in a user message right after.
  const rest: OutContent[] = [];
  const toolImages: OutContent[] = [];
  for (const part of message.content) {
    if (part.type !== 'tool-result') {
      rest.push(userContent(part));
      continue;
    }
    const text = part.content
      .filter((c) => c.type === 'text')
      .map((c) => c.text)
      .join('\n');
    // Images and documents a tool returned (Chat Completions tool messages hold text only).
    const images = part.content.filter((c) => c.type !== 'text');
    const attached = images.every((c) => c.type === 'image') ? 'the image below' : 'attached below';
    const body = text || (images.length ? `(the result is ${attached})` : '(no output)');
    out.push({
      role: 'tool',
      tool_call_id: part.toolCallId,
      content: part.isError ? `Error: ${body}` : body,
    });
    for (const image of images) toolImages.push(userContent(image));
  }
  const content = [...toolImages, ...rest];
  if (content.length > 0) out.push({ role: 'user', content });
}

function mapAssistant(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  out: OutMessage[],
  warnings: ChatWarning[],
): void {
  let text = '';
  const calls: NonNullable<Extract<OutMessage, { role: 'assistant' }>['tool_calls']> = [];
  let reasoning: { field: ReasoningField; text: string } | undefined;
  let foreign = false;
  for (const part of message.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') {
      // Reasoning this provider produced goes back in its own field (DeepSeek requires it after tool
      // calls); reasoning from another provider has nowhere to go.
      const field = reasoningFieldOf(part.signature);
      if (field) reasoning = { field, text: (reasoning?.text ?? '') + part.text };
      else if (part.text) foreign = true;
    } else if (part.type === 'web-search-call') text += `(searched the web for "${part.query}")\n`;
    else if (part.type === 'web-search-result')
      text += `${part.sources.map((source) => `- ${source.title ?? source.url}: ${source.url}`).join('\n')}\n`;
    else
      calls.push({
        id: part.toolCallId,
        type: 'function',
        function: { name: part.toolName, arguments: JSON.stringify(part.input ?? {}) },
      });
  }
  if (foreign)
    warnings.push({ type: 'other', message: 'reasoning from another provider is not sent to this endpoint' });
  out.push({
    role: 'assistant',
    content: text || null,
    ...(reasoning ? { [reasoning.field]: reasoning.text } : {}),
    ...(calls.length ? { tool_calls: calls } : {}),
  });
}

function toolChoice(choice: ToolChoice): ChatCompletionsBody['tool_choice'] {
  if (choice.type === 'tool') return { type: 'function', function: { name: choice.toolName } };
  return choice.type;
}

/** The neutral request as a streamed Chat Completions request. */
export function mapChatRequest(request: ChatRequest, options: MapOptions): MappedRequest {
  const warnings: ChatWarning[] = [];
  if (request.webSearch) {
    // The neutral contract: a provider that cannot search refuses, it never drops the tool.
    throw new CcsError('INVALID_REQUEST', 'This OpenAI-compatible endpoint cannot run web searches.', {
      suggestion: 'Use a Codex model for web search.',
    });
  }
  const messages: OutMessage[] = [];
  const system = request.system.filter((s) => s.trim()).join('\n\n');
  if (system) messages.push({ role: 'system', content: system });
  for (const message of request.messages) {
    if (message.role === 'system') messages.push({ role: 'system', content: message.content });
    else if (message.role === 'user') mapUser(message, messages);
    else mapAssistant(message, messages, warnings);
  }
  const body: ChatCompletionsBody = {
    model: options.upstreamModel,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.inputSchema,
      },
    }));
    if (request.toolChoice) body.tool_choice = toolChoice(request.toolChoice);
    if (request.parallelToolCalls === false) body.parallel_tool_calls = false;
  }
  if (options.reasoningEffort) body.reasoning_effort = options.reasoningEffort;
  // Claude Code asks for 32k+ output tokens, which many models refuse (docs/decisions/0007): said, not sent.
  if (request.maxOutputTokens !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'maxOutputTokens',
      details: 'the endpoint applies its own output limit',
    });
  }
  if (request.fast) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'fast',
      details: 'OpenAI-compatible endpoints have no priority tier; sent at standard speed',
    });
  }
  return { body, warnings };
}
