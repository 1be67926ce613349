import { describe, expect, it } from 'vitest';
import { readErrorBody } from './read-error-body.js';

describe('readErrorBody', () => {
  it.each([
    [
      '{"error":{"type":"usage_limit_reached","message":"m"}}',
      { error: { type: 'usage_limit_reached', message: 'm' } },
    ],
    ['{"error":"plain"}', { message: 'plain' }],
    ['{"detail":"The model is not supported."}', { message: 'The model is not supported.' }],
    ['{"detail":{"code":"x"}}', { error: { code: 'x' } }],
    ['{"message":"only message"}', { message: 'only message' }],
    ['{"error":"wins","detail":{"code":"x"}}', { message: 'wins' }],
    ['[1,2]', {}],
    ['null', {}],
    ['', {}],
    [
      '<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>',
      { message: '502 Bad Gateway nginx' },
    ],
  ])('%s', (text, expected) => {
    expect(readErrorBody(text)).toEqual(expected);
  });

  it('keeps at most 200 characters of a non-JSON body', () => {
    expect(readErrorBody(`<p>${'x'.repeat(500)}</p>`).message).toHaveLength(200);
  });
});
