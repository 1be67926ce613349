import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBodyText } from '../src/server/http-utils.js';

// The proxy decodes a request body chunk by chunk as it arrives (faster than decoding the joined
// bytes). Whatever the chunk boundaries — in the middle of a multi-byte character included — the text
// must be exactly the body's UTF-8, and the size limit must hold as before.
function request(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = Readable.from(chunks, { objectMode: false }) as unknown as IncomingMessage;
  stream.headers = headers;
  return stream;
}

function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    out.push(bytes.subarray(start, point));
    start = point;
  }
  out.push(bytes.subarray(start));
  return out.filter((chunk) => chunk.length > 0);
}

describe('readBodyText', () => {
  it('decodes any text split anywhere, even inside a character', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (text, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(await readBodyText(request(splitAt(bytes, cuts)), 1 << 20)).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a character whose bytes arrive one chunk each', async () => {
    const text = '{"t":"漢字 🦊 “ok”"}';
    const bytes = Buffer.from(text);
    const oneByteChunks = [...bytes].map((b) => Buffer.from([b]));
    expect(await readBodyText(request(oneByteChunks), 1 << 20)).toBe(text);
  });

  it('refuses a body over the limit with a 413, by header or by bytes read', async () => {
    await expect(
      readBodyText(request([Buffer.from('{}')], { 'content-length': String(3 << 20) }), 2 << 20),
    ).rejects.toMatchObject({ status: 413 });
    const big = Array.from({ length: 5 }, () => Buffer.alloc(1 << 20, 0x61));
    await expect(readBodyText(request(big), 2 << 20)).rejects.toMatchObject({ status: 413 });
  });
});
