import { describe, expect, it } from 'vitest';
import { hasDashboardToken, isLoopbackRequest } from '../src/dashboard/dashboard-guard.js';

describe('dashboard guard', () => {
  it.each([
    ['127.0.0.1:8317', undefined, true],
    ['localhost:8317', 'http://localhost:8317', true],
    ['[::1]:8317', 'http://[::1]:8317', true],
    ['127.0.0.2', undefined, true],
    ['LOCALHOST:1', undefined, true],
    [undefined, undefined, false],
    ['evil.example:8317', undefined, false],
    ['127.0.0.1.nip.io:8317', undefined, false],
    ['localhost.evil.example', undefined, false],
    ['192.168.1.10:8317', undefined, false],
    ['127.0.0.1:8317', 'http://evil.example', false],
    ['127.0.0.1:8317', 'https://127.0.0.1.evil.example', false],
    ['127.0.0.1:8317', 'null', false],
    ['127.0.0.1:8317', 'https://127.0.0.1:8317', false],
  ])('Host %s, Origin %s → %s', (host, origin, expected) => {
    const headers: Record<string, string> = {};
    if (host) headers.host = host;
    if (origin) headers.origin = origin;
    expect(isLoopbackRequest(headers)).toBe(expected);
  });

  it('the token must match exactly', () => {
    const token = 'a'.repeat(43);
    expect(hasDashboardToken({ 'x-ccs-dashboard-token': token }, token)).toBe(true);
    expect(hasDashboardToken({ 'x-ccs-dashboard-token': `${token}a` }, token)).toBe(false);
    expect(hasDashboardToken({ 'x-ccs-dashboard-token': 'b'.repeat(43) }, token)).toBe(false);
    expect(hasDashboardToken({}, token)).toBe(false);
    expect(hasDashboardToken({ authorization: `Bearer ${token}` }, token)).toBe(false);
  });
});
