import type { ChatStreamPart, Citation } from '@ccs/core';

/**
 * Anthropic's shapes for a provider-side web search: a `server_tool_use` block (id `srvtoolu_…`), a
 * `web_search_tool_result` block answering it, and `web_search_result_location` citations on text.
 * Fields that only mean something to Anthropic (`encrypted_content`, `encrypted_index`) are empty strings: the
 * decoder never reads them back, and clients treat them as opaque.
 */
export function toServerToolUseId(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9_]/g, '_');
  return clean.startsWith('srvtoolu_') ? clean : `srvtoolu_${clean}`;
}

export interface AnthropicWebSearchResult {
  type: 'web_search_result';
  url: string;
  title: string;
  encrypted_content: string;
  page_age: string | null;
}

export type AnthropicWebSearchResultContent =
  | AnthropicWebSearchResult[]
  | { type: 'web_search_tool_result_error'; error_code: string };

export function toWebSearchResultContent(
  part: Extract<ChatStreamPart, { type: 'web-search-result' }>,
): AnthropicWebSearchResultContent {
  if (part.errorCode) return { type: 'web_search_tool_result_error', error_code: part.errorCode };
  return part.sources.map((source) => ({
    type: 'web_search_result',
    url: source.url,
    title: source.title ?? source.url,
    encrypted_content: '',
    page_age: source.pageAge ?? null,
  }));
}

export interface AnthropicCitation {
  type: 'web_search_result_location';
  url: string;
  title: string | null;
  cited_text: string;
  encrypted_index: string;
}

export function toAnthropicCitation(citation: Citation): AnthropicCitation {
  return {
    type: 'web_search_result_location',
    url: citation.url,
    title: citation.title ?? null,
    cited_text: citation.citedText ?? '',
    encrypted_index: '',
  };
}
