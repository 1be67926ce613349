import { type AccountInfo, CcsError, type Provider } from '@ccs/core';
import { describe, expect, it } from 'vitest';
import { collectQuota, quotaErrorInfo } from '../src/quota/collect-quota.js';

const account = (id: string): AccountInfo => ({
  id,
  providerId: 'codex',
  nickname: id,
  isDefault: false,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('collectQuota', () => {
  it('reads every account at the same time and reports progress', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const provider = {
      id: 'codex',
      displayName: 'Codex',
      accounts: { list: async () => [account('a'), account('b'), account('c')] },
      quotaSource: {
        async snapshot(id: string) {
          started.push(id);
          // Sequential reads would never get past the first account: the gate opens once all three started.
          if (started.length === 3) release();
          await gate;
          if (id === 'b')
            throw new CcsError('NETWORK_ERROR', 'Could not reach chatgpt.com.', {
              suggestion: 'Check your network.',
            });
          return {
            windows: [],
            fetchedAt: '2026-01-01T00:00:00.000Z',
            source: 'api',
            cached: false,
            weeklyResetAt: null,
          };
        },
      },
    } as unknown as Provider;
    const progress: string[] = [];
    const report = await Promise.race([
      collectQuota(provider, { onSettled: (done, total) => progress.push(`${done}/${total}`) }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('accounts were read one after another')), 2000),
      ),
    ]);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(report.accounts.map((r) => [r.account.id, r.error?.code ?? 'ok'])).toEqual([
      ['a', 'ok'],
      ['b', 'NETWORK_ERROR'],
      ['c', 'ok'],
    ]);
    expect(report.accounts[1]?.error?.action).toBe('Check your network.');
  });

  it('every sign-in failure says how to sign in again', () => {
    for (const code of ['AUTH_REQUIRED', 'AUTH_REFRESH_FAILED', 'AUTH_FAILED'] as const) {
      expect(
        quotaErrorInfo(new CcsError(code, 'The sign-in expired.', { suggestion: 'whatever' }), 'codex'),
      ).toEqual({
        code,
        message: 'The sign-in expired.',
        action: 'reauth needed: run ccs codex --auth',
      });
    }
    expect(quotaErrorInfo(new Error('boom'), 'codex')).toMatchObject({ code: 'INTERNAL' });
  });
});
