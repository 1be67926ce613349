import { CcsError, commandHint } from '@ccs/core/internal';
import { describe, expect, it } from 'vitest';
import { reportError, type Terminal } from '../src/output/terminal.js';

function printed(error: CcsError): string[] {
  const lines: string[] = [];
  const term: Terminal = { out: () => {}, err: (line) => lines.push(line), color: false, isTTY: false };
  reportError(error, term);
  return lines;
}

const codex = (code: ConstructorParameters<typeof CcsError>[0], details: Record<string, unknown> = {}) =>
  new CcsError(code, 'It failed.', { details: { providerId: 'codex', ...details } });

describe('the CLI adds the ccs command to library errors from their code and details', () => {
  it("sign-in problems name the provider's --auth command", () => {
    expect(printed(codex('AUTH_REFRESH_FAILED'))).toEqual([
      'error It failed.',
      '  Sign in again with: ccs codex --auth',
    ]);
    expect(commandHint(codex('AUTH_REQUIRED', { unknownAccount: true }))).toBe(
      'See your accounts with ccs codex --accounts, or sign in with ccs codex --auth.',
    );
    expect(commandHint(codex('AUTH_FAILED', { providerId: 'acme', authKind: 'api-key' }))).toBe(
      'Store a valid key with: ccs acme --auth',
    );
  });

  it('a failed sign-in is retried the same way, or the way that works where that one cannot', () => {
    expect(commandHint(codex('LOGIN_TIMEOUT', { loginMethod: 'device' }))).toBe(
      'Run ccs codex --auth --device again, or use ccs codex --auth --headless.',
    );
    expect(commandHint(codex('LOGIN_FAILED', { loginMethod: 'device', deviceLoginDisabled: true }))).toBe(
      'For example: ccs codex --auth --headless',
    );
    expect(commandHint(codex('LOGIN_TIMEOUT', { loginMethod: 'headless' }))).toContain(
      'Run ccs codex --auth --headless again',
    );
    expect(commandHint(codex('LOGIN_FAILED', { loginMethod: 'browser', ports: [1455, 1457] }))).toBe(
      'For a device code: ccs codex --auth --device',
    );
    expect(commandHint(codex('LOGIN_FAILED'))).toBe('Try signing in again with: ccs codex --auth');
  });

  it("the library's own advice comes first, then the command; no provider id, no command", () => {
    const quota = new CcsError('QUOTA_EXCEEDED', 'Out of quota.', {
      suggestion: 'Wait for the reset, or add another account.',
      details: { providerId: 'codex' },
    });
    expect(printed(quota)).toEqual([
      'error Out of quota.',
      '  Wait for the reset, or add another account. Add another account with: ccs codex --auth --add',
    ]);
    expect(commandHint(codex('MODEL_NOT_AVAILABLE'))).toBe('Pick another model with: ccs codex --config');
    expect(commandHint(codex('USAGE', { noAccounts: true }))).toBe('Sign in with: ccs codex --auth');
    expect(commandHint(new CcsError('AUTH_REQUIRED', 'x'))).toBeUndefined();
    expect(commandHint(codex('NETWORK_ERROR'))).toBeUndefined();
  });
});
