import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CodexProvider, createCodexProvider } from '../create-codex-provider.js';
import { normalizeCodexPlan, readCodexIdentity } from './codex-id-token.js';

let emu: Emulator;
let home: string;
let codex: CodexProvider;
let warnings: string[];

beforeAll(async () => {
  // Interval 0 from the server: the poller's floor (lowered to 10 ms below) decides the pace.
  emu = await startEmulator({ port: 0, deviceIntervalSeconds: 0 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.control.reset();
  home = await mkdtemp(join(tmpdir(), 'ccs-codex-auth-'));
  warnings = [];
  codex = createCodexProvider({
    home,
    issuer: emu.issuer,
    baseUrl: emu.baseUrl,
    callbackPort: 1, // replaced per test: port 1 is never bindable, so tests pass a real one
    onWarning: (m) => warnings.push(m),
    deviceMinIntervalMs: 10,
  });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Seeds an account the way a login would, without the browser dance. */
async function seed(email: string, plan: string, ttl = 3600, chatgptAccountId?: string) {
  emu.control.addAccount({ email, plan, accessTokenTtlSeconds: ttl, chatgptAccountId });
  const t = emu.control.issueTokens(email);
  return codex.accounts.saveLogin({
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    idToken: t.idToken,
    expiresAt: new Date(Date.now() + t.expiresIn * 1000),
    identity: readCodexIdentity(t.idToken),
  });
}

describe('plans', () => {
  it.each([
    'free',
    'go',
    'plus',
    'pro',
    'prolite',
    'team',
    'self_serve_business_usage_based',
    'business',
    'enterprise_cbp_usage_based',
    'enterprise',
    'hc',
    'edu',
    'education',
    'quorum',
    'something_new',
  ])('keeps %s as it is (lower-cased), never dropping it', async (plan) => {
    expect(normalizeCodexPlan(plan.toUpperCase())).toBe(plan);
    const { account } = await seed(`${plan}@example.com`, plan);
    expect(account.plan).toBe(plan);
  });

  it('records the plan the usage endpoint reports', async () => {
    const { account } = await seed('john@example.com', 'plus');
    await codex.accounts.updatePlan(account.id, 'Pro');
    expect((await codex.accounts.list())[0]!.plan).toBe('pro');
  });
});

describe('login through the provider API (no CLI)', () => {
  it('headless: a pasted redirect URL on the given input completes the login', async () => {
    const input = new PassThrough();
    const urls: string[] = [];
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const local = createCodexProvider({ home, issuer: emu.issuer, baseUrl: emu.baseUrl, callbackPort: port });
    emu.control.addAccount({ email: 'api@example.com', plan: 'team' });
    const login = local.login({
      method: 'headless',
      nickname: 'api-user',
      input,
      progress: { info: () => {}, warn: () => {}, url: (u) => urls.push(u) },
    });
    for (let i = 0; i < 100 && urls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const res = await fetch(urls[0]!, { redirect: 'manual' });
    input.write(`${res.headers.get('location')}\n`);
    const { account, created } = await login;
    expect(created).toBe(true);
    expect(account).toMatchObject({
      nickname: 'api-user',
      email: 'api@example.com',
      plan: 'team',
      isDefault: true,
    });
  });

  it('device: polls until approved (interval floor lowered for the test)', async () => {
    emu.control.addAccount({ email: 'dev@example.com', plan: 'pro' });
    emu.control.setDeviceBehavior({ email: 'dev@example.com', approveAfterPolls: 2 });
    const lines: string[] = [];
    const started = Date.now();
    const { account } = await codex.login({
      method: 'device',
      progress: { info: (l) => lines.push(l), warn: (l) => lines.push(l) },
    });
    expect(account.email).toBe('dev@example.com');
    expect(lines.join('\n')).toMatch(/phishing/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects a malformed nickname before any network call', async () => {
    await expect(
      codex.login({ method: 'device', nickname: 'a b', progress: { info: () => {}, warn: () => {} } }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    expect(emu.control.counters().deviceCodeRequests).toBe(0);
  });
});

describe('credential source', () => {
  it('returns the stored token while it is fresh, with identity', async () => {
    const { account } = await seed('john@example.com', 'plus', 3600, 'ws-1');
    const creds = await codex.credentials.getCredentials(account.id);
    expect(creds).toMatchObject({ chatgptAccountId: 'ws-1', plan: 'plus', email: 'john@example.com' });
    expect(emu.control.counters().tokenRefreshes).toBe(0);
  });

  it('forceRefresh with a rejected token that is no longer on disk uses the newer one without a refresh', async () => {
    const { account } = await seed('john@example.com', 'plus');
    const first = await codex.credentials.getCredentials(account.id);
    const forced = await codex.credentials.getCredentials(account.id, {
      forceRefresh: true,
      rejectedAccessToken: first.accessToken,
    });
    expect(forced.accessToken).not.toBe(first.accessToken);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
    const again = await codex.credentials.getCredentials(account.id, {
      forceRefresh: true,
      rejectedAccessToken: first.accessToken,
    });
    expect(again.accessToken).toBe(forced.accessToken);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
  });

  it('10 concurrent callers with an expiring token share one refresh', async () => {
    const { account } = await seed('john@example.com', 'plus', 60);
    emu.control.addAccount({
      email: 'john@example.com',
      plan: 'plus',
      accessTokenTtlSeconds: 3600,
      chatgptAccountId: (await codex.accounts.list())[0]!.upstreamAccountId,
    });
    const all = await Promise.all(
      Array.from({ length: 10 }, () => codex.credentials.getCredentials(account.id)),
    );
    expect(new Set(all.map((c) => c.accessToken)).size).toBe(1);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
  });

  it('a permanent refresh failure is reported once and not retried', async () => {
    const { account } = await seed('john@example.com', 'plus', 60);
    emu.control.invalidateRefreshTokens('john@example.com', 'expired');
    await expect(codex.credentials.getCredentials(account.id)).rejects.toMatchObject({
      code: 'AUTH_REFRESH_FAILED',
      // The library names the provider; the CLI and the proxy turn that into "ccs codex --auth".
      details: { providerId: 'codex' },
    });
    await expect(codex.credentials.getCredentials(account.id)).rejects.toMatchObject({
      code: 'AUTH_REFRESH_FAILED',
    });
    expect(emu.control.counters().tokenRefreshes).toBe(1);
  });

  it('a passing refresh failure keeps using a token that is still valid', async () => {
    const { account } = await seed('john@example.com', 'plus', 200);
    const broken = createCodexProvider({
      home,
      issuer: 'http://127.0.0.1:9', // nothing listens: a network error
      baseUrl: emu.baseUrl,
      onWarning: (m) => warnings.push(m),
    });
    const creds = await broken.credentials.getCredentials(account.id);
    expect(creds.accessToken).toBeTruthy();
    expect(warnings.join('\n')).toMatch(/Could not refresh the sign-in/);
  });
});

describe('account store files', () => {
  it('picks up a CLIProxyAPI token file and keeps unknown keys through a refresh', async () => {
    emu.control.addAccount({ email: 'cpa@example.com', plan: 'plus', accessTokenTtlSeconds: 60 });
    const t = emu.control.issueTokens('cpa@example.com');
    const dir = join(home, 'cliproxy', 'auth');
    await mkdir(dir, { recursive: true });
    const name = 'codex-12345678-cpa@example.com-plus.json';
    await writeFile(
      join(dir, name),
      JSON.stringify({
        type: 'codex',
        access_token: t.accessToken,
        refresh_token: t.refreshToken,
        id_token: t.idToken,
        account_id: t.accountId,
        email: 'cpa@example.com',
        note: 'from CPA',
        priority: 2,
      }),
    );
    const [account] = await codex.accounts.list();
    expect(account).toMatchObject({
      nickname: 'cpa',
      email: 'cpa@example.com',
      plan: 'plus',
      isDefault: true,
    });
    await codex.credentials.getCredentials(account!.id);
    const after = JSON.parse(await readFile(join(dir, name), 'utf8'));
    expect(after).toMatchObject({ note: 'from CPA', priority: 2, type: 'codex' });
    expect(after.refresh_token).not.toBe(t.refreshToken);
  });
});
