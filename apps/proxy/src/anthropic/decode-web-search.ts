import type { Citation, WebSearchCallPart, WebSearchOptions, WebSearchResultPart } from '@ccs/core';
import { CcsError } from '@ccs/core';
import { z } from 'zod';

/** Anthropic's web search server tool versions that Claude Code sends for its WebSearch tool. */
export const WEB_SEARCH_TOOL_TYPES = new Set(['web_search_20250305', 'web_search_20260209']);

const toolSchema = z.looseObject({
  name: z.string(),
  max_uses: z.number().int().positive().nullish(),
  allowed_domains: z.array(z.string()).nullish(),
  blocked_domains: z.array(z.string()).nullish(),
  user_location: z
    .looseObject({
      city: z.string().nullish(),
      region: z.string().nullish(),
      country: z.string().nullish(),
      timezone: z.string().nullish(),
    })
    .nullish(),
});

function malformed(path: string, what: string, error: z.ZodError): CcsError {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${path}.${issue.path.join('.')}` : path;
  return new CcsError('INVALID_REQUEST', `${where}: ${issue?.message ?? `a malformed ${what}`} (${what}).`);
}

export function decodeWebSearchTool(raw: unknown, path: string): WebSearchOptions {
  const parsed = toolSchema.safeParse(raw);
  if (!parsed.success) throw malformed(path, 'web_search tool', parsed.error);
  const tool = parsed.data;
  const out: WebSearchOptions = { name: tool.name };
  if (tool.max_uses) out.maxUses = tool.max_uses;
  if (tool.allowed_domains?.length) out.allowedDomains = tool.allowed_domains;
  if (tool.blocked_domains?.length) out.blockedDomains = tool.blocked_domains;
  const location = tool.user_location;
  if (location) {
    const where: NonNullable<WebSearchOptions['userLocation']> = {};
    for (const key of ['city', 'region', 'country', 'timezone'] as const) {
      const value = location[key];
      if (value) where[key] = value;
    }
    if (Object.keys(where).length > 0) out.userLocation = where;
  }
  return out;
}

const serverToolUseSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  input: z.looseObject({ query: z.string().optional() }).nullish(),
});

/** An earlier `server_tool_use`: only web searches ever ran through this proxy. */
export function decodeServerToolUse(raw: unknown, path: string): WebSearchCallPart {
  const parsed = serverToolUseSchema.safeParse(raw);
  if (!parsed.success) throw malformed(path, 'server_tool_use block', parsed.error);
  if (parsed.data.name !== 'web_search') {
    throw new CcsError(
      'INVALID_REQUEST',
      `${path}: the server tool "${parsed.data.name}" ran on Anthropic and cannot be translated for this model; remove it from the conversation.`,
    );
  }
  return { type: 'web-search-call', id: parsed.data.id, query: parsed.data.input?.query ?? '' };
}

const resultSchema = z.looseObject({
  tool_use_id: z.string(),
  content: z.union([
    z.array(
      z.looseObject({
        url: z.string(),
        title: z.string().nullish(),
        page_age: z.string().nullish(),
      }),
    ),
    z.looseObject({ error_code: z.string() }),
  ]),
});

export function decodeWebSearchResult(raw: unknown, path: string): WebSearchResultPart {
  const parsed = resultSchema.safeParse(raw);
  if (!parsed.success) throw malformed(path, 'web_search_tool_result block', parsed.error);
  const { tool_use_id: callId, content } = parsed.data;
  if (!Array.isArray(content))
    return { type: 'web-search-result', callId, sources: [], errorCode: content.error_code };
  return {
    type: 'web-search-result',
    callId,
    sources: content.map((result) => {
      const source: WebSearchResultPart['sources'][number] = { url: result.url };
      if (result.title) source.title = result.title;
      if (result.page_age) source.pageAge = result.page_age;
      return source;
    }),
  };
}

const citationSchema = z.looseObject({
  url: z.string().nullish(),
  title: z.string().nullish(),
  cited_text: z.string().nullish(),
  document_title: z.string().nullish(),
});

/**
 * Citations of an assistant text block. Web citations keep their url (the text stays, the sources go with it);
 * document citations only point into a document that is already in the conversation.
 */
export function decodeCitations(raw: unknown): Citation[] {
  if (!Array.isArray(raw)) return [];
  const out: Citation[] = [];
  for (const item of raw) {
    const parsed = citationSchema.safeParse(item);
    if (!parsed.success || !parsed.data.url) continue;
    const citation: Citation = { url: parsed.data.url };
    const title = parsed.data.title ?? parsed.data.document_title;
    if (title) citation.title = title;
    if (parsed.data.cited_text) citation.citedText = parsed.data.cited_text;
    out.push(citation);
  }
  return out;
}
