import type { Citation, WebSearchSource } from '@ccs/core';
import { z } from 'zod';

/**
 * A completed `web_search_call` output item. `action.sources` is only there when the request includes
 * `web_search_call.action.sources`; `open_page` / `find_in_page` actions carry a url instead of a query.
 */
const webSearchItemSchema = z.looseObject({
  id: z.string().nullish(),
  status: z.string().nullish(),
  action: z
    .looseObject({
      type: z.string().nullish(),
      query: z.string().nullish(),
      queries: z.array(z.string()).nullish(),
      url: z.string().nullish(),
      sources: z.array(z.looseObject({ url: z.string().nullish(), title: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

export interface WebSearchOutcome {
  query: string;
  sources: WebSearchSource[];
  errorCode?: string;
}

export function parseWebSearchItem(raw: unknown): WebSearchOutcome {
  const parsed = webSearchItemSchema.safeParse(raw);
  const item = parsed.success ? parsed.data : {};
  const action = item.action ?? {};
  const query = action.query ?? action.queries?.join(' | ') ?? action.url ?? '';
  const sources: WebSearchSource[] = [];
  const seen = new Set<string>();
  for (const source of action.sources ?? []) {
    if (!source.url || seen.has(source.url)) continue;
    seen.add(source.url);
    sources.push(source.title ? { url: source.url, title: source.title } : { url: source.url });
  }
  const outcome: WebSearchOutcome = { query, sources };
  if (item.status === 'failed' || item.status === 'incomplete') outcome.errorCode = 'unavailable';
  return outcome;
}

const urlCitationSchema = z.looseObject({
  type: z.literal('url_citation'),
  url: z.string(),
  title: z.string().nullish(),
  start_index: z.number().nullish(),
  end_index: z.number().nullish(),
});

/** A `url_citation` annotation on `text` as a neutral citation (other annotation types are not citations). */
export function parseUrlCitation(
  raw: unknown,
  text: string,
): { key: string; citation: Citation } | undefined {
  const parsed = urlCitationSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { url, title, start_index: start, end_index: end } = parsed.data;
  const citation: Citation = { url };
  if (title) citation.title = title;
  if (typeof start === 'number' && typeof end === 'number' && end > start) {
    const cited = text.slice(start, end);
    if (cited) citation.citedText = cited;
  }
  return { key: `${start ?? ''}:${end ?? ''}:${url}`, citation };
}
