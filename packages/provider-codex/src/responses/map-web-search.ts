import type { ChatWarning, TextPart, WebSearchOptions, WebSearchResultPart } from '@ccs/core';
import { CcsError } from '@ccs/core';
import type { ResponsesWebSearchTool } from './responses-request.js';

/**
 * Anthropic's web search server tool → the Responses hosted `web_search` tool (docs/decisions/
 * 0006-stream-web-search-and-documents.md). `allowed_domains` and `user_location` map one to one;
 * `blocked_domains` has no documented Responses equivalent, so a request that sets it is refused rather than
 * searched without the block; `max_uses` cannot be sent (the backend refuses `max_tool_calls`) and is noted.
 */
export function mapWebSearchTool(options: WebSearchOptions, warnings: ChatWarning[]): ResponsesWebSearchTool {
  if (options.blockedDomains && options.blockedDomains.length > 0) {
    throw new CcsError(
      'INVALID_REQUEST',
      `The Codex web search cannot block domains (${options.blockedDomains.join(', ')}): it only filters by allowed domains.`,
      {
        suggestion: 'Search again without blocked_domains, or list the domains to search in allowed_domains.',
      },
    );
  }
  const tool: ResponsesWebSearchTool = { type: 'web_search' };
  const allowed = (options.allowedDomains ?? []).map((domain) => domain.replace(/^https?:\/\//, ''));
  if (allowed.length > 0) tool.filters = { allowed_domains: allowed };
  const location = options.userLocation;
  if (location && Object.values(location).some((value) => value)) {
    tool.user_location = { type: 'approximate', ...location };
  }
  if (options.maxUses !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'webSearch.maxUses',
      details: `max_uses=${options.maxUses} is not enforced: the Codex backend has no search limit`,
    });
  }
  return tool;
}

/** An earlier search's results, as assistant text the model can read back (the Responses input has no slot). */
export function webSearchResultText(part: WebSearchResultPart, query: string | undefined): string {
  const about = query ? ` for "${query}"` : '';
  if (part.errorCode) return `(web search${about} failed: ${part.errorCode})`;
  if (part.sources.length === 0) return `(web search${about} found nothing)`;
  const lines = part.sources.map((source) => `- ${source.title ? `${source.title}: ` : ''}${source.url}`);
  return `Web search results${about}:\n${lines.join('\n')}`;
}

/** Cited assistant text keeps its sources: each cited URL the text does not already show is appended. */
export function citedText(part: TextPart): string {
  const urls: string[] = [];
  for (const citation of part.citations ?? []) {
    if (!part.text.includes(citation.url) && !urls.includes(citation.url)) urls.push(citation.url);
  }
  return urls.length > 0 ? `${part.text}\n\nSources: ${urls.join(', ')}` : part.text;
}
