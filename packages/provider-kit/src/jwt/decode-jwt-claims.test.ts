import { describe, expect, it } from 'vitest';
import { decodeJwtClaims, jwtExpiry } from './decode-jwt-claims.js';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown, header: unknown = { alg: 'RS256', typ: 'JWT' }) =>
  `${b64url(header)}.${b64url(claims)}.c2lnbmF0dXJl`;

describe('decodeJwtClaims', () => {
  it('decodes the payload, including nested claims and non-ASCII text', () => {
    const claims = {
      email: 'zoë@example.com',
      exp: 1_900_000_000,
      'https://api.openai.com/auth': { chatgpt_plan_type: 'plus', chatgpt_account_id: 'acc-1' },
    };
    expect(decodeJwtClaims(jwt(claims))).toEqual(claims);
  });

  it('accepts padded base64url payloads and surrounding whitespace', () => {
    const payload = Buffer.from(JSON.stringify({ a: 1 })).toString('base64url');
    const padded = payload + '='.repeat((4 - (payload.length % 4)) % 4);
    expect(padded).toMatch(/=$/);
    expect(decodeJwtClaims(` h.${padded}.s\n`)).toEqual({ a: 1 });
  });

  it('accepts payloads that need characters - and _ (base64url, not base64)', () => {
    // '??>' encodes to "Pz8-" in base64url and "Pz8+" in base64.
    const claims = { s: '??>???' };
    const token = jwt(claims);
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(decodeJwtClaims(token)).toEqual(claims);
  });

  it.each([
    ['empty', ''],
    ['one segment', 'abc'],
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['empty payload', 'a..c'],
    ['not base64url', 'a.@@@@.c'],
    ['base64 not JSON', `a.${Buffer.from('hello').toString('base64url')}.c`],
    ['JSON array', `a.${b64url([1, 2])}.c`],
    ['JSON string', `a.${b64url('x')}.c`],
    ['JSON null', `a.${b64url(null)}.c`],
    ['an opaque API key', 'sk-proj-abcdef1234567890'],
  ])('returns undefined for %s', (_name, token) => {
    expect(decodeJwtClaims(token)).toBeUndefined();
  });

  it('returns undefined for non-string input instead of throwing', () => {
    expect(decodeJwtClaims(undefined as unknown as string)).toBeUndefined();
  });
});

describe('jwtExpiry', () => {
  it('turns exp seconds into a Date', () => {
    expect(jwtExpiry(jwt({ exp: 1_700_000_000 }))?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it.each([
    ['missing exp', {}],
    ['string exp', { exp: '1700000000' }],
    ['zero exp', { exp: 0 }],
  ])('is undefined with %s', (_name, claims) => {
    expect(jwtExpiry(jwt(claims))).toBeUndefined();
  });

  it('is undefined for garbage', () => {
    expect(jwtExpiry('not-a-jwt')).toBeUndefined();
  });
});
