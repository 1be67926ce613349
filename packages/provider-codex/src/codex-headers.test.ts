import { describe, expect, it } from 'vitest';
import { CODEX_CLIENT_VERSION, codexRequestHeaders } from './codex-headers.js';

const identity = { accessToken: 'tok', chatgptAccountId: 'acct-1' };

describe('codexRequestHeaders', () => {
  it('sends what the Codex CLI sends, plus the per-request extras', () => {
    const headers = codexRequestHeaders(identity, { headers: {} }, { 'session-id': 's-1' });
    expect(headers).toMatchObject({
      authorization: 'Bearer tok',
      'chatgpt-account-id': 'acct-1',
      originator: 'codex_cli_rs',
      version: CODEX_CLIENT_VERSION,
      'session-id': 's-1',
    });
    expect(headers['user-agent']).toMatch(
      new RegExp(`^codex_cli_rs/${CODEX_CLIENT_VERSION} \\(.+; .+\\) ccs/`),
    );
    expect(headers).not.toHaveProperty('x-openai-fedramp');
    expect(codexRequestHeaders({ ...identity, fedramp: true }, { headers: {} })['x-openai-fedramp']).toBe(
      'true',
    );
  });

  it('lets config.yaml override any header except the credentials', () => {
    const headers = codexRequestHeaders(identity, {
      headers: {
        Originator: 'codex-tui',
        'User-Agent': 'custom/1',
        Authorization: 'Bearer leaked',
        'ChatGPT-Account-ID': 'x',
      },
    });
    expect(headers.originator).toBe('codex-tui');
    expect(headers['user-agent']).toBe('custom/1');
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers['chatgpt-account-id']).toBe('acct-1');
  });
});
