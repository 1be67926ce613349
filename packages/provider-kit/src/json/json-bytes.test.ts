import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes } from './json-bytes.js';

// jsonBytes must give the very bytes of Buffer.from(JSON.stringify(value)): it replaces that call on
// the proxy's hot path, and an upstream must not see a single byte change.
const same = (value: unknown) =>
  expect(jsonBytes(value).equals(Buffer.from(JSON.stringify(value) ?? 'null'))).toBe(true);

describe('jsonBytes', () => {
  it('gives the bytes of JSON.stringify for any JSON object, long arrays included', () => {
    const longArray = fc.array(fc.jsonValue(), { minLength: 8, maxLength: 30 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'grapheme' }), fc.oneof(fc.jsonValue(), longArray)),
        (value) => {
          same(value);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves out undefined and function properties, writes null for such array elements', () => {
    const elements = [
      1,
      undefined,
      () => 1,
      Symbol('x'),
      'é',
      '漢字',
      null,
      { a: undefined, b: 2 },
      [undefined],
    ];
    same({ a: undefined, f: () => 1, input: elements, model: 'gpt “5”', n: 1.5e-7 });
  });

  it('takes non-object values and objects with toJSON or a class through JSON.stringify', () => {
    same([1, 2, 3]);
    same('text');
    same(null);
    same({ toJSON: () => ({ x: 1 }) });
    same(new Date(0));
    expect(jsonBytes(undefined).toString()).toBe('null');
  });

  it('keeps key order, nested long arrays and non-ASCII keys as they are', () => {
    const input = Array.from({ length: 20 }, (_, i) => ({
      type: 'message',
      text: i % 7 ? 'plain' : 'ü — 🦊',
      i,
    }));
    same({
      model: 'm',
      ключ: 1,
      input,
      tools: Array.from({ length: 9 }, (_, i) => ({ name: `t${i}`, items: input.slice(0, 9) })),
    });
  });
});
