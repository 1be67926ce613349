import type {
  ChatMessage,
  ChatRequest,
  ChatTool,
  ChatWarning,
  EffortLevel,
  JsonSchema,
  ModelInfo,
} from '@ccs/core';
import { createToolNameMap, shortenCallId, type ToolNameMap } from './codex-tool-names.js';
import { mapToolResultContent, mapUserPart } from './map-input-content.js';
import { citedText, mapWebSearchTool, webSearchResultText } from './map-web-search.js';
import { applyModelParams } from './model-request-params.js';
import type {
  ResponsesFunctionTool,
  ResponsesInputContent,
  ResponsesInputItem,
  ResponsesRequestBody,
} from './responses-request.js';

/** GPT reasoning blobs are Fernet tokens: anything else (Claude signatures) cannot be replayed. */
export function isCodexReasoningSignature(signature: string | undefined): signature is string {
  return signature !== undefined && signature.length > 40 && signature.startsWith('gAAAA');
}

/**
 * A request with the chat model's own id filled in: the model is bound once, by
 * `provider.chatModel(modelId)`, and the chat model overrides whatever the caller put in `modelId`.
 */
export type BoundChatRequest = ChatRequest & { modelId: string };

export interface MapChatRequestOptions {
  /** Used when the request has no effort (the proxy always resolves one). */
  defaultEffort?: EffortLevel;
  /** Provider default for reasoning summaries (config `codex.reasoning-summary`). */
  reasoningSummary: 'auto' | 'concise' | 'detailed' | 'none';
  promptCacheKey: string;
  /** Leave out replayed reasoning items (after the backend rejected one as invalid). */
  dropReasoning?: boolean;
  /** The model as the live list describes it: its request parameters (summary, verbosity, Fast). */
  model?: ModelInfo;
}

export interface MappedChatRequest {
  body: ResponsesRequestBody;
  toolNames: ToolNameMap;
  /** Every request setting the body leaves out, and why. */
  warnings: ChatWarning[];
}

function cleanSchema(schema: JsonSchema | undefined): Record<string, unknown> {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    return { type: 'object', properties: {} };
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  if (rest.type === undefined) rest.type = 'object';
  if (rest.type === 'object' && (rest.properties === undefined || rest.properties === null))
    rest.properties = {};
  return rest;
}

function mapTool(tool: ChatTool, names: ToolNameMap): ResponsesFunctionTool {
  const out: ResponsesFunctionTool = {
    type: 'function',
    name: names.toUpstream(tool.name),
    parameters: cleanSchema(tool.inputSchema),
    strict: false,
  };
  if (tool.description) out.description = tool.description;
  return out;
}

function pushMessage(
  input: ResponsesInputItem[],
  message: ChatMessage,
  names: ToolNameMap,
  drop: boolean,
): void {
  if (message.role === 'system') {
    const text = `<system-reminder>\n${message.content}\n</system-reminder>`;
    input.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
    return;
  }
  // Consecutive content parts gather into one message item; tool and reasoning items end it.
  let pending: ResponsesInputContent[] = [];
  const flush = () => {
    if (pending.length > 0) input.push({ type: 'message', role: message.role, content: pending });
    pending = [];
  };
  if (message.role === 'user') {
    for (const part of message.content) {
      if (part.type === 'tool-result') {
        flush();
        input.push({
          type: 'function_call_output',
          call_id: shortenCallId(part.toolCallId),
          output: mapToolResultContent(part.content),
        });
      } else pending.push(mapUserPart(part));
    }
  } else {
    const queries = new Map<string, string>();
    for (const part of message.content) {
      if (part.type === 'text') {
        if (part.text.length > 0) pending.push({ type: 'output_text', text: citedText(part) });
      } else if (part.type === 'web-search-call') {
        flush();
        queries.set(part.id, part.query);
        input.push({
          type: 'web_search_call',
          status: 'completed',
          action: { type: 'search', query: part.query },
        });
      } else if (part.type === 'web-search-result') {
        pending.push({ type: 'output_text', text: webSearchResultText(part, queries.get(part.callId)) });
      } else if (part.type === 'reasoning') {
        // Only GPT's own encrypted reasoning can be replayed; thinking text is never sent back.
        if (drop || !isCodexReasoningSignature(part.signature)) continue;
        flush();
        input.push({ type: 'reasoning', summary: [], encrypted_content: part.signature });
      } else {
        flush();
        input.push({
          type: 'function_call',
          call_id: shortenCallId(part.toolCallId),
          name: names.toUpstream(part.toolName),
          arguments: typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? {}),
        });
      }
    }
  }
  flush();
}

/** Maps the neutral request onto the Codex Responses body (research: cliproxyapi.md §2.3, §3). */
export function mapChatRequest(request: BoundChatRequest, options: MapChatRequestOptions): MappedChatRequest {
  const warnings: ChatWarning[] = [];
  const toolNames = createToolNameMap(request.tools.map((tool) => tool.name));
  const input: ResponsesInputItem[] = [];
  const system = request.system.filter((text) => text.length > 0);
  if (system.length > 0) {
    input.push({
      type: 'message',
      role: 'developer',
      content: system.map((text) => ({ type: 'input_text' as const, text })),
    });
  }
  for (const message of request.messages)
    pushMessage(input, message, toolNames, options.dropReasoning === true);

  const summary = request.reasoningSummary ?? options.reasoningSummary;
  const body: ResponsesRequestBody = {
    model: request.modelId,
    instructions: '',
    input,
    reasoning: { effort: request.effort ?? options.defaultEffort ?? 'medium' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: options.promptCacheKey,
  };
  if (summary !== 'none') body.reasoning.summary = summary;
  applyModelParams(body, request, options.model, warnings);
  // The backend refuses `max_output_tokens` with a 400 (research: cliproxyapi.md §3): said, not sent.
  if (request.maxOutputTokens !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'maxOutputTokens',
      details: 'the Codex backend sets its own output limit',
    });
  }
  const webSearch = request.webSearch;
  if (request.tools.length > 0 || webSearch) {
    body.tools = request.tools.map((tool) => mapTool(tool, toolNames));
    if (webSearch) {
      body.tools.push(mapWebSearchTool(webSearch, warnings));
      body.include.push('web_search_call.action.sources');
    }
    const choice = request.toolChoice;
    body.tool_choice =
      !choice || choice.type === 'auto'
        ? 'auto'
        : choice.type !== 'tool'
          ? choice.type
          : choice.toolName === webSearch?.name
            ? // Hosted tools cannot be named in tool_choice upstream; "required" forces a search when it is the only tool.
              'required'
            : { type: 'function', name: toolNames.toUpstream(choice.toolName) };
    body.parallel_tool_calls = request.parallelToolCalls !== false;
  }
  return { body, toolNames, warnings };
}
