import { randomBytes } from 'node:crypto';
import type { TurnWebSearch } from '../types.js';

type Push = (type: string, data: Record<string, unknown>) => void;

/** Whether the request offers the hosted `web_search` tool (the model cannot search otherwise). */
export function offersWebSearch(body: Record<string, unknown>): boolean {
  return (
    Array.isArray(body.tools) &&
    body.tools.some((tool) => (tool as { type?: unknown } | null)?.type === 'web_search')
  );
}

/**
 * The `web_search_call` item as the Responses API streams it: added, in_progress, searching, completed, done.
 * `action.sources` is only filled when the request includes `web_search_call.action.sources`.
 */
export function pushWebSearchCall(
  push: Push,
  output: Record<string, unknown>[],
  search: TurnWebSearch,
  withSources: boolean,
): void {
  const index = output.length;
  const id = `ws_${randomBytes(24).toString('hex')}`;
  const at = { item_id: id, output_index: index };
  push('response.output_item.added', {
    output_index: index,
    item: { id, type: 'web_search_call', status: 'in_progress', action: { type: 'search' } },
  });
  push('response.web_search_call.in_progress', at);
  push('response.web_search_call.searching', at);
  const action: Record<string, unknown> = { type: 'search', query: search.query };
  if (withSources && !search.failed)
    action.sources = search.sources.map((source) => ({ type: 'url', url: source.url }));
  if (!search.failed) push('response.web_search_call.completed', at);
  const item = { id, type: 'web_search_call', status: search.failed ? 'failed' : 'completed', action };
  push('response.output_item.done', { output_index: index, item });
  output.push(item);
}

export interface UrlCitation {
  type: 'url_citation';
  start_index: number;
  end_index: number;
  url: string;
  title: string;
}

/** One `url_citation` per source whose `cites` text appears in the answer (indices into the answer text). */
export function urlCitations(search: TurnWebSearch | undefined, text: string): UrlCitation[] {
  if (!search || search.failed) return [];
  const out: UrlCitation[] = [];
  for (const source of search.sources) {
    if (!source.cites) continue;
    const start = text.indexOf(source.cites);
    if (start < 0) continue;
    out.push({
      type: 'url_citation',
      start_index: start,
      end_index: start + source.cites.length,
      url: source.url,
      title: source.title,
    });
  }
  return out;
}
