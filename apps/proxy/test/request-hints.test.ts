import { CcsError } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { withRequestHint } from '../src/handlers/request-hints.js';

describe('the proxy tells Claude Code users which ccs command helps', () => {
  it('adds the command for the provider the request was routed to, after the library advice', () => {
    const auth = withRequestHint(new CcsError('AUTH_REQUIRED', 'The sign-in is no longer valid.'), 'codex');
    expect(auth.suggestion).toBe('Sign in again with: ccs codex --auth');
    const quota = withRequestHint(
      new CcsError('QUOTA_EXCEEDED', 'Out.', {
        suggestion: 'Wait for the reset, or add another account.',
        retryAfterSeconds: 60,
      }),
      'codex',
    );
    expect(quota.suggestion).toBe(
      'Wait for the reset, or add another account. Add another account with: ccs codex --auth --add',
    );
    expect(quota.retryAfterSeconds).toBe(60);
    const key = withRequestHint(
      new CcsError('AUTH_FAILED', 'Refused.', { details: { providerId: 'acme', authKind: 'api-key' } }),
      'codex',
    );
    expect(key.suggestion).toBe('Store a valid key with: ccs acme --auth');
  });

  it("leaves errors alone that need no command or already name one (the account pool's)", () => {
    const bad = new CcsError('INVALID_REQUEST', 'Bad.');
    expect(withRequestHint(bad, 'codex')).toBe(bad);
    const pool = new CcsError('AUTH_REQUIRED', 'No account.', {
      suggestion: 'Run "ccs codex --auth" to sign in.',
    });
    expect(withRequestHint(pool, 'codex')).toBe(pool);
    const unrouted = new CcsError('AUTH_REQUIRED', 'x');
    expect(withRequestHint(unrouted, undefined)).toBe(unrouted);
  });
});
