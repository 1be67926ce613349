import { describe, expect, it } from 'vitest';
import { createSseDecoder, type SseEvent } from './sse-decoder.js';

const enc = new TextEncoder();

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}

/** Feeds every chunk of a stream through one decoder, as the providers do with a response body. */
async function collect(source: AsyncIterable<Uint8Array | string>): Promise<SseEvent[]> {
  const decoder = createSseDecoder();
  const events: SseEvent[] = [];
  for await (const chunk of source) events.push(...decoder.push(chunk));
  events.push(...decoder.end());
  return events;
}

const parseText = (text: string) => collect(streamOf([enc.encode(text)]));

/** A deliberately naive, line-by-line reading of the WHATWG algorithm, to cross-check against. */
function referenceParse(text: string): SseEvent[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.pop(); // the part after the last line break is not a complete line
  const events: SseEvent[] = [];
  let data: string[] | undefined;
  let type = '';
  let lastId = '';
  for (const line of lines) {
    if (line === '') {
      if (data)
        events.push({
          data: data.join('\n'),
          ...(type ? { event: type } : {}),
          ...(lastId ? { id: lastId } : {}),
        });
      data = undefined;
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i === -1 ? line : line.slice(0, i);
    let value = i === -1 ? '' : line.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      data ??= [];
      data.push(value);
    } else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  }
  return events;
}

describe('createSseDecoder: the WHATWG event-stream rules', () => {
  it('parses events with types, ids and multi-line data', async () => {
    const text =
      'event: response.created\ndata: {"a":1}\n\n' +
      ': keep-alive comment\n\n' +
      'data: line one\ndata: line two\nid: 7\n\n' +
      'event: done\ndata: [DONE]\n\n';
    expect(await parseText(text)).toEqual([
      { event: 'response.created', data: '{"a":1}' },
      { data: 'line one\nline two', id: '7' },
      // The last event ID persists across events, as the spec's lastEventId does.
      { event: 'done', data: '[DONE]', id: '7' },
    ]);
  });

  it('handles the field edge cases of the spec', async () => {
    const text =
      'data\n\n' + // no colon: empty value, still an event
      'data:no-space\n\n' +
      'data:  two spaces\n\n' + // only one leading space is removed
      'event: lonely\n\n' + // no data lines: not dispatched, type reset
      'data: a:b:c\n\n' +
      'retry: 1000\nfoo: bar\ndata: x\n\n' + // unknown fields ignored
      'id: bad\0id\ndata: y\n\n'; // id with NUL ignored
    expect(await parseText(text)).toEqual([
      { data: '' },
      { data: 'no-space' },
      { data: ' two spaces' },
      { data: 'a:b:c' },
      { data: 'x' },
      { data: 'y' },
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('accepts %s line ends', async (_name, eol) => {
    const text = ['event: e', 'data: 1', 'data: 2', '', 'data: 3', '', ''].join(eol);
    expect(await parseText(text)).toEqual([{ event: 'e', data: '1\n2' }, { data: '3' }]);
  });

  it('strips a leading byte-order mark', async () => {
    expect(await parseText('\uFEFFdata: x\n\n')).toEqual([{ data: 'x' }]);
  });

  it('discards an event not closed by a blank line at end of stream (spec behaviour)', async () => {
    expect(await parseText('data: complete\n\ndata: {"trunc')).toEqual([{ data: 'complete' }]);
    expect(await parseText('data: complete\n\ndata: whole line\n')).toEqual([{ data: 'complete' }]);
  });

  it('gives identical results for every split point, including inside multi-byte characters', async () => {
    const text = 'event: delta\r\ndata: {"t":"héllo 🌍 世界"}\r\n\r\ndata: ok\r\rdata: 𝄞\n\n';
    const bytes = enc.encode(text);
    const expected = referenceParse(text);
    expect(expected).toHaveLength(3);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const events = await collect(streamOf([bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(events, `split at byte ${cut}`).toEqual(expected);
    }
    // One byte at a time.
    const single = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await collect(streamOf(single))).toEqual(expected);
  });

  it('matches a naive reference parser on random streams chunked at random', async () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = [
      'data',
      'event',
      'id',
      ':',
      ': ',
      ' ',
      'x',
      'é',
      '🌍',
      '\n',
      '\r',
      '\r\n',
      '\n\n',
      'retry',
      '\0',
    ];
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let i = 0; i < 60; i++) text += pieces[rand(pieces.length)];
      const bytes = enc.encode(text);
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + rand(8);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      expect(await collect(streamOf(chunks)), JSON.stringify(text)).toEqual(referenceParse(text));
    }
  });
});

describe('createSseDecoder', () => {
  it('returns the events each push completed', () => {
    const decoder = createSseDecoder();
    expect(decoder.push('data: a')).toEqual([]);
    expect(decoder.push('\n\ndata: b\n')).toEqual([{ data: 'a' }]);
    expect(decoder.push('\n')).toEqual([{ data: 'b' }]);
    expect(decoder.end()).toEqual([]);
  });
});
