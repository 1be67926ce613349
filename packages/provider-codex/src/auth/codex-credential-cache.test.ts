// The credential source keeps each token file in memory between requests (the proxy asks on every one)
// and must still see every change another process makes: a refresh, an in-place rewrite, a sign-out.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCcsPaths } from '@ccs/core';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codexOptionsSchema } from '../codex-options.js';
import { buildCodexProvider, type CodexProvider } from '../create-codex-provider.js';
import { readCodexIdentity } from './codex-id-token.js';

let emu: Emulator;
let home: string;
let clock: number;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.control.reset();
  home = await mkdtemp(join(tmpdir(), 'ccs-codex-cache-'));
  clock = Date.now();
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** One ccs process's view of the shared CCS_HOME (each has its own in-memory copies). */
function processView(): CodexProvider {
  return buildCodexProvider({
    paths: resolveCcsPaths({ env: { CCS_HOME: home } }),
    options: codexOptionsSchema.parse({ issuer: emu.issuer, baseUrl: emu.baseUrl }),
    now: () => new Date(clock),
  });
}

async function seed(codex: CodexProvider, email: string, ttl = 3600) {
  emu.control.addAccount({ email, plan: 'plus', accessTokenTtlSeconds: ttl });
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

describe('credentials kept in memory between requests', () => {
  it('uses the token another process refreshed, without refreshing again', async () => {
    const proxy = processView();
    const other = processView();
    const account = await seed(proxy, 'john@example.com');
    const first = await proxy.credentials.getCredentials(account.id);
    const refreshed = await other.credentials.getCredentials(account.id, {
      forceRefresh: true,
      rejectedAccessToken: first.accessToken,
    });
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    const next = await proxy.credentials.getCredentials(account.id);
    expect(next.accessToken).toBe(refreshed.accessToken);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
  });

  it('sees a token file another tool rewrote in place', async () => {
    const proxy = processView();
    const account = await seed(proxy, 'john@example.com');
    await proxy.credentials.getCredentials(account.id);
    const path = join(home, 'cliproxy', 'auth', `codex-${account.id}.json`);
    const file = JSON.parse(await readFile(path, 'utf8'));
    const replacement = emu.control.issueTokens('john@example.com').accessToken;
    // Later, as a real tool would: file times tick coarsely (a few ms), and the stamp is ino+size+times.
    await new Promise((resolve) => setTimeout(resolve, 25));
    await writeFile(path, JSON.stringify({ ...file, access_token: replacement }));
    expect((await proxy.credentials.getCredentials(account.id)).accessToken).toBe(replacement);
  });

  it('a sign-out in another process ends the account here at the next request', async () => {
    const proxy = processView();
    const account = await seed(proxy, 'john@example.com');
    await proxy.credentials.getCredentials(account.id);
    await processView().accounts.logout(account.id);
    await expect(proxy.credentials.getCredentials(account.id)).rejects.toMatchObject({
      code: 'AUTH_REQUIRED',
    });
    expect(await proxy.accounts.list()).toEqual([]);
  });

  it('refreshes once the kept token comes due, though the file did not change', async () => {
    const proxy = processView();
    const account = await seed(proxy, 'john@example.com', 3600);
    const first = await proxy.credentials.getCredentials(account.id);
    expect(emu.control.counters().tokenRefreshes).toBe(0);
    clock += 56 * 60_000; // within 5 minutes of the hour's expiry
    const later = await proxy.credentials.getCredentials(account.id);
    expect(later.accessToken).not.toBe(first.accessToken);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
  });

  it('an account signed in by another process is served here', async () => {
    const proxy = processView();
    const first = await seed(proxy, 'john@example.com');
    expect((await proxy.accounts.list()).map((a) => a.id)).toEqual([first.id]);
    const second = await seed(processView(), 'jane@example.com');
    expect((await proxy.accounts.list()).map((a) => a.id).sort()).toEqual([first.id, second.id].sort());
    const creds = await proxy.credentials.getCredentials(second.id);
    expect(creds.email).toBe('jane@example.com');
  });
});
