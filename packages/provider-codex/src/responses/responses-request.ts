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
  tools?: ResponsesFunctionTool[];
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; name: string };
  parallel_tool_calls?: boolean;
  reasoning: { effort: EffortLevel; summary?: 'auto' | 'concise' | 'detailed' };
  store: false;
  stream: true;
  include: ['reasoning.encrypted_content'];
  prompt_cache_key: string;
}

export type ResponsesInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string }
  | { type: 'input_file'; file_data: string; filename: string }
  | { type: 'output_text'; text: string };

export type ResponsesInputItem =
  | { type: 'message'; role: 'developer' | 'user' | 'assistant'; content: ResponsesInputContent[] }
  | { type: 'reasoning'; summary: []; encrypted_content: string }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | {
      type: 'function_call_output';
      call_id: string;
      output:
        | string
        | Array<{ type: 'input_text'; text: string } | { type: 'input_image'; image_url: string }>;
    };

export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict: false;
}
