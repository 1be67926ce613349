import type { EffortLevel, ModelSlot } from './effort.js';

/** JSON Schema object as sent by clients; providers clean it up for their upstream. */
export type JsonSchema = Record<string, unknown>;

/** Where a sentence of an answer comes from (Anthropic `citations`, Responses `url_citation`). */
export interface Citation {
  url: string;
  title?: string;
  /** The cited span of text. */
  citedText?: string;
}

export interface TextPart {
  type: 'text';
  text: string;
  /** Assistant text only: the sources this text cites (from an earlier web search). */
  citations?: Citation[];
}
export interface ImagePart {
  type: 'image';
  /** e.g. image/png */
  mediaType: string;
  /** base64 without a data: prefix */
  data: string;
}
export interface ImageUrlPart {
  type: 'image-url';
  url: string;
}
/** A document (a PDF, …) inline, base64 without a data: prefix. */
export interface FilePart {
  type: 'file';
  mediaType: string;
  data: string;
  filename?: string;
}
/** A document the provider fetches itself. */
export interface FileUrlPart {
  type: 'file-url';
  url: string;
  mediaType?: string;
  filename?: string;
}
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  content: Array<TextPart | ImagePart | FilePart | FileUrlPart>;
  isError?: boolean;
}
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Opaque provider blob that lets the provider continue the reasoning (Codex: encrypted_content). */
  signature?: string;
}
export interface ToolCallPart {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  /** Parsed tool input (a JSON object for well-behaved clients). */
  input: unknown;
}

/** A page a web search found. */
export interface WebSearchSource {
  url: string;
  title?: string;
  /** How old the page is, as the search reported it (free text). */
  pageAge?: string;
}
/** A web search the provider ran on its side, earlier in the conversation (history). */
export interface WebSearchCallPart {
  type: 'web-search-call';
  id: string;
  query: string;
}
/** What that search found; `errorCode` when it failed. */
export interface WebSearchResultPart {
  type: 'web-search-result';
  /** The `id` of its web-search-call. */
  callId: string;
  sources: WebSearchSource[];
  errorCode?: string;
}

export type UserContentPart = TextPart | ImagePart | ImageUrlPart | FilePart | FileUrlPart | ToolResultPart;
export type AssistantContentPart =
  | TextPart
  | ReasoningPart
  | ToolCallPart
  | WebSearchCallPart
  | WebSearchResultPart;

export type ChatMessage =
  /** A system message in the middle of a conversation (Claude Code sends these). */
  | { role: 'system'; content: string }
  | { role: 'user'; content: UserContentPart[] }
  | { role: 'assistant'; content: AssistantContentPart[] };

export interface ChatTool {
  name: string;
  description?: string;
  inputSchema: JsonSchema;
}

/**
 * A web search the provider runs itself (Anthropic's `web_search_20250305` server tool). A provider that
 * cannot search, or cannot honour one of these limits, must reject the request: never drop the tool or a limit.
 */
export interface WebSearchOptions {
  /** The name the client calls it by (`web_search`); a tool choice naming it forces a search. */
  name: string;
  maxUses?: number;
  allowedDomains?: string[];
  blockedDomains?: string[];
  userLocation?: { city?: string; region?: string; country?: string; timezone?: string };
}

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; toolName: string };

/** The provider-neutral request the proxy decodes every client request into. */
export interface ChatRequest {
  /**
   * @deprecated The model is bound once, by `Provider.chatModel(modelId, account)`: a chat model serves
   * its own `ChatModel.modelId` and ignores this field. ccs still sets it to that same id, so providers
   * written before it became optional keep working; new code should neither set nor read it.
   */
  modelId?: string;
  /** System prompt blocks, in order. */
  system: string[];
  messages: ChatMessage[];
  tools: ChatTool[];
  /** The client offers a provider-side web search. */
  webSearch?: WebSearchOptions;
  toolChoice?: ToolChoice;
  /** false when the client forbids parallel tool calls. */
  parallelToolCalls?: boolean;
  /** The effective effort, already resolved by the provider's EffortPolicy. */
  effort?: EffortLevel;
  /** Whether the client wants visible reasoning summaries. */
  reasoningSummary?: 'auto' | 'concise' | 'detailed' | 'none';
  /** Advisory; providers whose upstream rejects it drop it. */
  maxOutputTokens?: number;
  /** The user asked for Fast (priority processing); used where the model offers it. */
  fast?: boolean;
  metadata: {
    /** Stable per client session, for prompt caching. */
    sessionId?: string;
    agentId?: string;
    requestId: string;
    slot?: ModelSlot;
  };
  /** Provider-specific knobs, keyed by provider id. */
  providerOptions?: Record<string, Record<string, unknown>>;
}
