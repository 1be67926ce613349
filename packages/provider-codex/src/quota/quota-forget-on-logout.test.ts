import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCodexIdentity } from '../auth/codex-id-token.js';
import { type CodexProvider, createCodexProvider } from '../create-codex-provider.js';

let emu: Emulator;
let home: string;
let codex: CodexProvider;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.control.reset();
  home = await mkdtemp(join(tmpdir(), 'ccs-quota-logout-'));
  codex = createCodexProvider({ home, issuer: emu.issuer, baseUrl: emu.baseUrl });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function signIn(email: string) {
  emu.control.addAccount({ email, plan: 'plus' });
  const t = emu.control.issueTokens(email);
  const { account } = await codex.accounts.saveLogin({
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    idToken: t.idToken,
    expiresAt: new Date(Date.now() + t.expiresIn * 1000),
    identity: readCodexIdentity(t.idToken),
  });
  return account;
}

describe('ccs codex --logout forgets the cached quota', () => {
  it('drops the signed-out account only (one), then every account (all)', async () => {
    const john = await signIn('john@example.com');
    const mary = await signIn('mary@example.com');
    await codex.quotaSource.snapshot(john.id);
    await codex.quotaSource.snapshot(mary.id);
    codex.quotaSource.observe(john.id, { 'x-codex-primary-used-percent': '100' });
    expect(codex.quotaSource.peek(john.id)).toBeDefined();

    await codex.accounts.logout(john.id);
    expect(codex.quotaSource.peek(john.id)).toBeUndefined();
    expect(codex.quotaSource.peek(mary.id)?.windows.length).toBeGreaterThan(0);

    await codex.accounts.logout();
    expect(codex.quotaSource.peek(mary.id)).toBeUndefined();
  });

  it('asks upstream again after a logout and a new sign-in of the same account', async () => {
    const john = await signIn('john@example.com');
    await codex.quotaSource.snapshot(john.id);
    expect((await codex.quotaSource.snapshot(john.id)).cached).toBe(true);
    await codex.accounts.remove(john.id);
    const again = await signIn('john@example.com');
    expect(again.id).toBe(john.id);
    const before = emu.control.counters().usageRequests;
    expect((await codex.quotaSource.snapshot(again.id)).cached).toBe(false);
    expect(emu.control.counters().usageRequests).toBe(before + 1);
  });
});
