import type { FilePart, FileUrlPart, ImagePart, TextPart } from '@ccs/core';
import { CcsError } from '@ccs/core';
import { z } from 'zod';

type DocumentParts = Array<TextPart | ImagePart | FilePart | FileUrlPart>;

const textOnly = z.looseObject({ type: z.literal('text'), text: z.string() });
const base64Source = z.looseObject({
  type: z.literal('base64'),
  media_type: z.string().optional(),
  data: z.string().min(1),
});
const documentSchema = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    base64Source,
    z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
    z.looseObject({ type: z.literal('text'), data: z.string(), media_type: z.string().optional() }),
    z.looseObject({
      type: z.literal('content'),
      content: z.union([
        z.string(),
        z.array(z.union([textOnly, z.looseObject({ type: z.literal('image'), source: base64Source })])),
      ]),
    }),
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
});

const searchResultSchema = z.looseObject({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string().nullish(),
  content: z.array(textOnly),
});

function invalid(path: string, why: string): CcsError {
  return new CcsError('INVALID_REQUEST', `${path}.source: ${why} cannot be translated for this model.`, {
    suggestion: 'Send the document as a base64 PDF, a URL or plain text.',
  });
}

/**
 * Anthropic `document` → neutral parts: a base64 PDF becomes a file, a URL a file URL, plain text and
 * custom content stay text (and images). Title and context are model-visible on Anthropic, so they come first
 * as text. A source with no upstream equivalent (a Files API `file_id`) is a clear 400, never a silent drop.
 */
export function decodeDocument(raw: unknown, path: string): DocumentParts {
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const type = (raw as { source?: { type?: unknown } } | null)?.source?.type;
    throw invalid(
      path,
      type === 'file'
        ? 'a document from the Anthropic Files API (file_id)'
        : `a document with a ${String(type)} source`,
    );
  }
  const { source, title, context } = parsed.data;
  const parts: DocumentParts = [];
  const about = [title ? `Document: ${title}` : '', context ?? ''].filter(Boolean).join('\n');
  if (about) parts.push({ type: 'text', text: about });
  switch (source.type) {
    case 'base64':
      parts.push({ type: 'file', mediaType: source.media_type ?? 'application/pdf', data: source.data });
      break;
    case 'url':
      parts.push({ type: 'file-url', url: source.url, mediaType: 'application/pdf' });
      break;
    case 'text':
      parts.push({ type: 'text', text: source.data });
      break;
    case 'content':
      if (typeof source.content === 'string') parts.push({ type: 'text', text: source.content });
      else
        for (const block of source.content) {
          if (block.type === 'text') parts.push({ type: 'text', text: block.text });
          else
            parts.push({
              type: 'image',
              mediaType: block.source.media_type ?? 'application/octet-stream',
              data: block.source.data,
            });
        }
      break;
  }
  return parts;
}

/** A `search_result` block (RAG results a client supplies): its source, title and text, as text. */
export function decodeSearchResult(raw: unknown): TextPart {
  // The request schema already checked the shape; this only narrows it.
  const parsed = searchResultSchema.safeParse(raw);
  if (!parsed.success) throw new CcsError('INVALID_REQUEST', 'A search_result block is malformed.');
  const { source, title, content } = parsed.data;
  const head = title ? `${title} (${source})` : source;
  return { type: 'text', text: `${head}\n${content.map((c) => c.text).join('\n')}` };
}
