import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatStreamPart } from '@ccs/core';
import { createSseDecoder } from '@ccs/provider-kit';
import { describe, expect, it } from 'vitest';
import { createToolNameMap } from './codex-tool-names.js';
import { ResponsesStreamMapper } from './responses-stream-mapper.js';

const FIXTURES = join(import.meta.dirname, '__fixtures__');
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
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.type.endsWith('-start')) {
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

const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.sse'))
  .map((file) => file.slice(0, -4));

describe('Codex SSE → neutral parts (recorded streams)', () => {
  it.each(names)('%s matches its golden and the ordering contract', async (name) => {
    const parts = replay(readFileSync(join(FIXTURES, `${name}.sse`), 'utf8'));
    assertOrderingContract(parts);
    await expect(`${JSON.stringify(parts, null, 2)}\n`).toMatchFileSnapshot(
      join(FIXTURES, `${name}.parts.json`),
    );
  });

  it('gives the same parts whatever the chunking', () => {
    const sse = readFileSync(join(FIXTURES, 'parallel-tools.sse'), 'utf8');
    expect(replay(sse, 1)).toEqual(replay(sse, 100_000));
  });

  it('serializes parallel calls into sequential tool blocks and finishes with tool-calls', () => {
    const parts = replay(readFileSync(join(FIXTURES, 'parallel-tools.sse'), 'utf8'));
    const calls = parts.filter((p) => p.type === 'tool-call');
    expect(calls).toEqual([
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'Read', input: '{"path":"a.txt"}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'Bash', input: '{"command":"ls -la"}' },
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
  });

  it('restores a shortened tool name', () => {
    const parts = replay(readFileSync(join(FIXTURES, 'long-tool-name.sse'), 'utf8'));
    expect(parts.find((p) => p.type === 'tool-call')).toMatchObject({ toolName: LONG_TOOL });
  });

  it('keeps the encrypted reasoning as the signature, even with no summary text', () => {
    for (const name of ['reasoning-text', 'signature-only-reasoning']) {
      const parts = replay(readFileSync(join(FIXTURES, `${name}.sse`), 'utf8'));
      const end = parts.find((p) => p.type === 'reasoning-end');
      expect(end).toMatchObject({ signature: expect.stringMatching(/^gAAAA/) });
    }
    const summary = replay(readFileSync(join(FIXTURES, 'reasoning-text.sse'), 'utf8'))
      .filter((p) => p.type === 'reasoning-delta')
      .map((p) => (p as { delta: string }).delta)
      .join('');
    expect(summary).toBe('First I think.\n\nThen I answer.');
  });

  it('reports cached input tokens apart from fresh input', () => {
    const parts = replay(readFileSync(join(FIXTURES, 'text.sse'), 'utf8'));
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 200, cachedInputTokens: 1000, outputTokens: 7 },
    });
  });

  it('turns error events, failed responses and cut streams into one error part, never a finish', () => {
    const codes = ['error-event', 'response-failed', 'cut-stream'].map((name) => {
      const parts = replay(readFileSync(join(FIXTURES, `${name}.sse`), 'utf8'));
      const last = parts.at(-1)!;
      expect(last.type).toBe('error');
      return (last as { error: { code: string } }).error.code;
    });
    expect(codes).toEqual(['UPSTREAM_OVERLOADED', 'UPSTREAM_ERROR', 'STREAM_INTERRUPTED']);
  });

  it('rebuilds output that only appears in response.completed', () => {
    const parts = replay(readFileSync(join(FIXTURES, 'output-only-in-completed.sse'), 'utf8'));
    expect(parts.filter((p) => p.type === 'text-delta')).toEqual([
      expect.objectContaining({ delta: 'Only in completed.' }),
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
  });
});
