import { describe, expect, it } from 'vitest';
import { parseRedirectUrl, redirectParamsFromUrl, sanitizeOAuthErrorText } from './redirect-params.js';

describe('OAuth redirect error text', () => {
  it('drops terminal escape sequences an issuer could send', () => {
    const url = new URL(
      `http://localhost:1455/auth/callback?state=s&error=access_denied&error_description=${encodeURIComponent('x\u001b]0;pwned\u0007\u001b[2Jy')}`,
    );
    const params = redirectParamsFromUrl(url);
    expect(params.errorDescription).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(params.errorDescription).toContain('x');
    expect(params.errorDescription).toContain('y');
  });

  it('caps very long descriptions', () => {
    const params = parseRedirectUrl(`?state=s&error=server_error&error_description=${'a'.repeat(5000)}`);
    expect(params?.errorDescription?.length).toBeLessThanOrEqual(300);
    expect(sanitizeOAuthErrorText('short')).toBe('short');
  });

  it('keeps codes and states untouched', () => {
    const params = parseRedirectUrl('http://localhost:1455/auth/callback?code=abc_123&state=Zz-9');
    expect(params).toEqual({ code: 'abc_123', state: 'Zz-9', error: undefined, errorDescription: undefined });
  });
});
