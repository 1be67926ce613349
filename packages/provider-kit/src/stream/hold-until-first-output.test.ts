import { CcsError, type ChatStreamPart } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { holdUntilFirstOutput, type StreamPartSource } from './hold-until-first-output.js';

/** A source fed one scripted batch per pump; `null` in the script makes that pump fail. */
function scripted(batches: Array<ChatStreamPart[] | null>) {
  const source: StreamPartSource & { out: ChatStreamPart[]; hasOutput: boolean; terminated: boolean } = {
    hasOutput: false,
    terminated: false,
    out: [],
    take() {
      const taken = this.out;
      this.out = [];
      return taken;
    },
  };
  let pumps = 0;
  const released: boolean[] = [];
  const pump = async () => {
    const batch = batches[pumps++];
    if (batch === null) throw new CcsError('NETWORK_ERROR', 'The connection dropped.');
    for (const part of batch ?? []) {
      source.out.push(part);
      if (part.type !== 'stream-start') source.hasOutput = true;
      if (part.type === 'finish' || part.type === 'error') source.terminated = true;
    }
  };
  return {
    source,
    pump,
    released,
    release: (completed: boolean) => void released.push(completed),
    pumps: () => pumps,
  };
}

const start: ChatStreamPart = { type: 'stream-start' };
const text: ChatStreamPart = { type: 'text-delta', id: 't', delta: 'hi' };
const finish = {
  type: 'finish',
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1 },
} as unknown as ChatStreamPart;

async function all(stream: AsyncIterable<ChatStreamPart>): Promise<string[]> {
  const types: string[] = [];
  for await (const part of stream) types.push(part.type);
  return types;
}

describe('holdUntilFirstOutput', () => {
  it('resolves at the first real output, then yields everything and releases a completed body', async () => {
    const s = scripted([[start], [text], [finish]]);
    const stream = await holdUntilFirstOutput(s);
    expect(s.pumps()).toBe(2);
    expect(await all(stream)).toEqual(['stream-start', 'text-delta', 'finish']);
    expect(s.released).toEqual([true]);
  });

  it('rejects when the upstream fails before any output, and lets the body go', async () => {
    const early = scripted([[start], null]);
    await expect(holdUntilFirstOutput(early)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(early.released).toEqual([false]);
    const refused = scripted([
      [start, { type: 'error', error: new CcsError('QUOTA_EXCEEDED', 'Out.').toJSON() }],
    ]);
    await expect(holdUntilFirstOutput(refused)).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(refused.released).toEqual([false]);
  });

  it('turns a failure after the first output into a last error part; a consumer that stops early releases', async () => {
    const late = scripted([[start, text], null]);
    const parts: ChatStreamPart[] = [];
    for await (const part of await holdUntilFirstOutput(late)) parts.push(part);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'NETWORK_ERROR' } });
    const gone = scripted([[start, text], [text], [finish]]);
    for await (const part of await holdUntilFirstOutput(gone)) if (part.type === 'text-delta') break;
    expect(gone.released).toEqual([false]);
  });
});
