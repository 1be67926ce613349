import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertOrderingContract, FIXTURES, LONG_TOOL, replay } from './__fixtures__/replay-stream.js';

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

  it.each(['parallel-tools', 'late-names-no-output-index', 'web-search'])(
    'gives the same parts whatever the chunking (%s)',
    (name) => {
      const sse = readFileSync(join(FIXTURES, `${name}.sse`), 'utf8');
      expect(replay(sse, 1)).toEqual(replay(sse, 100_000));
    },
  );

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
