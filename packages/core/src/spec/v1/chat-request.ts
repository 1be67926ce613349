import type { EffortLevel, ModelSlot } from './effort.js';

/** JSON Schema object as sent by clients; providers clean it up for their upstream. */
export type JsonSchema = Record<string, unknown>;

export interface TextPart {
  type: 'text';
  text: string;
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
export interface FilePart {
  type: 'file';
  mediaType: string;
  data: string;
  filename?: string;
}
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  content: Array<TextPart | ImagePart>;
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

export type UserContentPart = TextPart | ImagePart | ImageUrlPart | FilePart | ToolResultPart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart;

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

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; toolName: string };

/** The provider-neutral request the proxy decodes every client request into. */
export interface ChatRequest {
  /** Provider model id, effort suffix stripped. */
  modelId: string;
  /** System prompt blocks, in order. */
  system: string[];
  messages: ChatMessage[];
  tools: ChatTool[];
  toolChoice?: ToolChoice;
  /** false when the client forbids parallel tool calls. */
  parallelToolCalls?: boolean;
  /** The effective effort, already resolved by the provider's EffortPolicy. */
  effort?: EffortLevel;
  /** Whether the client wants visible reasoning summaries. */
  reasoningSummary?: 'auto' | 'concise' | 'detailed' | 'none';
  /** Advisory; providers whose upstream rejects it drop it. */
  maxOutputTokens?: number;
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
