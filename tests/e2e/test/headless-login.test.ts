import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describe as dump, type E2eContext, useE2eContext } from './helpers/e2e-context.js';

// The login the demo and every other e2e test rely on, both ways the headless flow can finish.
let ctx: E2eContext;
useE2eContext((c) => {
  ctx = c;
});

test('headless login completes through the callback server, and the account is listed', async () => {
  const login = await ctx.login('john@example.com', 'plus', { via: 'callback' });
  expect(login.authorizeUrl).toContain(`${ctx.emu.issuer}/oauth/authorize?`);
  // Secrets never reach the terminal: not the authorization code from the redirect.
  const code = new URL(login.redirectUrl).searchParams.get('code');
  expect(code).toBeTruthy();
  expect(`${login.stdout}${login.stderr}`).not.toContain(code);

  const accounts = await ctx.ccs(['codex', '--accounts', '--json']);
  expect(accounts.code, dump(accounts)).toBe(0);
  const parsed = JSON.parse(accounts.stdout) as { accounts: Array<Record<string, unknown>> };
  expect(parsed.accounts).toEqual([
    expect.objectContaining({ email: 'john@example.com', plan: 'plus', default: true, nickname: 'john' }),
  ]);
  const tokenFiles = readdirSync(join(ctx.sandbox.ccsHome, 'cliproxy/auth'));
  expect(tokenFiles.filter((f) => f.startsWith('codex-') && f.endsWith('.json'))).toHaveLength(1);
});

test('headless login also completes when the redirect URL is pasted on stdin', async () => {
  await ctx.login('sarah@company.com', 'pro', { via: 'paste' });
  const accounts = await ctx.ccs(['codex', '--accounts']);
  expect(accounts.code, dump(accounts)).toBe(0);
  expect(accounts.stdout).toContain('sarah@company.com');
});
