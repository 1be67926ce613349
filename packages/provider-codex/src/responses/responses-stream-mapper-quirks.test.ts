import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatStreamPart } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { assertOrderingContract, FIXTURES, replay } from './__fixtures__/replay-stream.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.sse`), 'utf8');
const ofType = <T extends ChatStreamPart['type']>(parts: ChatStreamPart[], type: T) =>
  parts.filter((p): p is Extract<ChatStreamPart, { type: T }> => p.type === type);

/** Drops the SSE events (blank-line separated) whose data matches. */
const without = (sse: string, match: RegExp) =>
  sse
    .split('\n\n')
    .filter((event) => !match.test(event))
    .join('\n\n');

describe('a function call named only in output_item.done (gpt-5.5 at high effort)', () => {
  it('opens its tool block with the real name and sends all its arguments', () => {
    const parts = replay(fixture('late-tool-name'));
    assertOrderingContract(parts);
    expect(ofType(parts, 'tool-input-start')).toEqual([
      { type: 'tool-input-start', id: 'call_late', toolName: 'Bash' },
    ]);
    const args = ofType(parts, 'tool-input-delta')
      .map((p) => p.delta)
      .join('');
    expect(JSON.parse(args)).toEqual({ command: 'echo hi > late.txt' });
    expect(ofType(parts, 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_late',
        toolName: 'Bash',
        input: '{"command":"echo hi > late.txt"}',
      },
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
  });

  it('matches output_item.done to its call by id when output_index is missing (parallel calls)', () => {
    const parts = replay(fixture('late-names-no-output-index'));
    assertOrderingContract(parts);
    expect(ofType(parts, 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'Read', input: '{"path":"a.txt"}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'Bash', input: '{"command":"ls"}' },
    ]);
  });

  it('takes the name from response.completed when output_item.done never came', () => {
    const sse = without(fixture('late-tool-name'), /response\.output_item\.done[\s\S]*"function_call"/);
    expect(sse).not.toMatch(/output_item\.done[^\n]*function_call/);
    const parts = replay(sse);
    assertOrderingContract(parts);
    expect(ofType(parts, 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_late',
        toolName: 'Bash',
        input: '{"command":"echo hi > late.txt"}',
      },
    ]);
  });

  it('fails clearly, with no tool block, when the call never gets a name', () => {
    const parts = replay(fixture('late-tool-name').replaceAll('"name":"Bash"', '"name":""'));
    assertOrderingContract(parts);
    expect(ofType(parts, 'tool-input-start')).toEqual([]);
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'UPSTREAM_ERROR', message: 'The Codex backend sent a tool call without a tool name.' },
    });
  });
});

describe('hosted web search', () => {
  it('yields the search, what it found and the cited text', () => {
    const parts = replay(fixture('web-search'));
    assertOrderingContract(parts);
    const call = ofType(parts, 'web-search-call');
    expect(call).toEqual([{ type: 'web-search-call', id: 'ws_002', query: 'ccs proxy release' }]);
    expect(ofType(parts, 'web-search-result')).toEqual([
      {
        type: 'web-search-result',
        callId: 'ws_002',
        sources: [{ url: 'https://example.com/ccs/releases' }, { url: 'https://example.org/news/ccs' }],
      },
    ]);
    const text = ofType(parts, 'text-delta')
      .map((p) => p.delta)
      .join('');
    expect(text).toBe('ccs 1.2 shipped last week, with web search support.');
    expect(ofType(parts, 'text-citation').map((p) => p.citation)).toEqual([
      { url: 'https://example.com/ccs/releases', title: 'ccs releases', citedText: 'ccs 1.2 shipped' },
      { url: 'https://example.org/news/ccs', title: 'ccs in the news', citedText: 'web search support' },
    ]);
    // A hosted search is not a client tool call: the turn ends normally.
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  it('cites from the completed item when no annotation events were streamed', () => {
    const parts = replay(without(fixture('web-search'), /annotation\.added/));
    assertOrderingContract(parts);
    expect(ofType(parts, 'text-citation')).toHaveLength(2);
  });

  it('reports a failed search as a result with an error code', () => {
    const parts = replay(fixture('web-search-failed'));
    assertOrderingContract(parts);
    expect(ofType(parts, 'web-search-result')).toEqual([
      { type: 'web-search-result', callId: 'ws_002', sources: [], errorCode: 'unavailable' },
    ]);
  });
});
