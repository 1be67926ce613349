import type { ChatStreamPart } from '@ccs/core';
import { createSseDecoder } from '@ccs/provider-kit';
import { expect } from 'vitest';
import { createToolNameMap } from '../codex-tool-names.js';
import { ResponsesStreamMapper } from '../responses-stream-mapper.js';

/** The recorded Codex SSE streams (record-streams.mjs) and their golden neutral parts. */
export const FIXTURES = import.meta.dirname;
export const LONG_TOOL =
  'mcp__a_very_long_server_name_for_testing__and_an_even_longer_tool_name_that_overflows';

/** Replays a recorded SSE body through the mapper in small chunks (splits land mid-line). */
export function replay(sse: string, chunkSize = 97): ChatStreamPart[] {
  const mapper = new ResponsesStreamMapper({
    toolNames: createToolNameMap(['Read', 'Bash', LONG_TOOL]),
    modelId: 'gpt-5.4',
    accountLabel: 'john',
    now: () => Date.parse('2026-01-01T00:00:00Z'),
  });
  const decoder = createSseDecoder();
  const bytes = new TextEncoder().encode(sse);
  const feed = (events: { data: string }[]) => {
    for (const event of events) mapper.handle(JSON.parse(event.data));
  };
  for (let i = 0; i < bytes.length; i += chunkSize) feed(decoder.push(bytes.subarray(i, i + chunkSize)));
  feed(decoder.end());
  mapper.end();
  return mapper.take();
}

/** The ordering contract of chat-stream-part.ts, checked on every golden. */
export function assertOrderingContract(parts: ChatStreamPart[]): void {
  expect(parts[0]?.type).toBe('stream-start');
  const last = parts.at(-1)!;
  expect(['finish', 'error']).toContain(last.type);
  expect(parts.filter((p) => p.type === 'finish' || p.type === 'error')).toHaveLength(1);
  let open: string | undefined;
  const searches = new Set<string>();
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.type === 'tool-input-start') expect(part.toolName, 'a tool block opened without a name').not.toBe('');
    if (part.type === 'text-citation') expect(part.id, 'a citation outside its text block').toBe(open);
    else if (part.type === 'web-search-call') {
      expect(open, 'a web search inside a block').toBeUndefined();
      searches.add(part.id);
    } else if (part.type === 'web-search-result') {
      expect(open, 'a web search result inside a block').toBeUndefined();
      expect(searches.has(part.callId), 'a web search result before its call').toBe(true);
    } else if (part.type.endsWith('-start')) {
      expect(open, `block ${part.type} opened inside ${open}`).toBeUndefined();
      open = (part as { id: string }).id;
    } else if (part.type.endsWith('-delta')) {
      expect((part as { id: string }).id).toBe(open);
    } else if (part.type.endsWith('-end')) {
      expect((part as { id: string }).id).toBe(open);
      open = undefined;
      if (part.type === 'tool-input-end') expect(parts[i + 1]?.type).toBe('tool-call');
    }
  }
}
