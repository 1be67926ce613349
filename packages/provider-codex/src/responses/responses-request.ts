import type { EffortLevel } from '@ccs/core';

/**
 * The Codex Responses request body: exactly the fields the ChatGPT backend accepts for a ChatGPT
 * account. Sampling and limit fields (max_output_tokens, temperature, top_p, user,
 * prompt_cache_retention, …) are rejected upstream and deliberately absent from this type.
 */
export interface ResponsesRequestBody {
  model: string;
  instructions: string;
  input: ResponsesInputItem[];
  tools?: Array<ResponsesFunctionTool | ResponsesWebSearchTool>;
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; name: string };
  parallel_tool_calls?: boolean;
  reasoning: { effort: EffortLevel; summary?: 'auto' | 'concise' | 'detailed' };
  store: false;
  stream: true;
  include: Array<'reasoning.encrypted_content' | 'web_search_call.action.sources'>;
  prompt_cache_key: string;
  text?: { verbosity: 'low' | 'medium' | 'high' };
  service_tier?: 'priority';
}

/** A document: inline as a base64 data: URL (with a filename), or a URL the backend fetches. */
export type ResponsesInputFile =
  | { type: 'input_file'; file_data: string; filename: string }
  | { type: 'input_file'; file_url: string; filename?: string };

export type ResponsesToolOutputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string }
  | ResponsesInputFile;

export type ResponsesInputContent = ResponsesToolOutputContent | { type: 'output_text'; text: string };

export type ResponsesInputItem =
  | { type: 'message'; role: 'developer' | 'user' | 'assistant'; content: ResponsesInputContent[] }
  | { type: 'reasoning'; summary: []; encrypted_content: string }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string | ResponsesToolOutputContent[] }
  /** A search the model ran earlier: replayed without an id, as the Codex CLI does (store:false). */
  | { type: 'web_search_call'; status: 'completed' | 'failed'; action: { type: 'search'; query: string } };

/** The hosted search tool; the backend runs it and reports a `web_search_call` item. */
export interface ResponsesWebSearchTool {
  type: 'web_search';
  filters?: { allowed_domains: string[] };
  user_location?: {
    type: 'approximate';
    city?: string;
    region?: string;
    country?: string;
    timezone?: string;
  };
}

export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict: false;
}
