import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CcsRun,
  ensureBuilt,
  freePort,
  loginAs,
  makeSandbox,
  type RecordingProxy,
  runCcs,
  type Sandbox,
  startCcs,
  startRecordingProxy,
} from './auth-harness.js';

// Refresh is exercised the way users hit it: `ccs proxy` serving Anthropic requests while the stored
// access token is about to expire, has been revoked upstream, or cannot be refreshed any more.
let emu: Emulator;
let box: Sandbox;
const proxies: CcsRun[] = [];
const relays: RecordingProxy[] = [];
const EMAIL = 'john@example.com';
const WORKSPACE = 'ws-john';

beforeAll(async () => {
  await ensureBuilt();
  emu = await startEmulator({ port: 0 });
}, 300_000);
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.control.reset();
  box = await makeSandbox(emu);
});
afterEach(async () => {
  for (const p of proxies.splice(0)) {
    p.child.kill('SIGTERM');
    await p.exit;
  }
  for (const r of relays.splice(0)) await r.close();
  await box.cleanup();
});

/** Signs in with an access token that expires in `ttl` seconds; later tokens live an hour. */
async function signIn(ttlSeconds: number) {
  emu.control.addAccount({
    email: EMAIL,
    plan: 'plus',
    chatgptAccountId: WORKSPACE,
    accessTokenTtlSeconds: ttlSeconds,
  });
  await loginAs(emu, box.env, EMAIL);
  emu.control.addAccount({
    email: EMAIL,
    plan: 'plus',
    chatgptAccountId: WORKSPACE,
    accessTokenTtlSeconds: 3600,
  });
}

/**
 * The proxy's local key. Read before signing in: `ccs env codex` checks the plan of the account (and so
 * may refresh its token), which would take the refresh away from the proxies under test.
 */
async function localKey(): Promise<string> {
  const done = await runCcs(['env', 'codex'], box.env);
  return /ANTHROPIC_AUTH_TOKEN=(\S+)/.exec(done.stdout)![1]!;
}

async function startProxy(key: string): Promise<{ url: string; key: string }> {
  const port = await freePort();
  const run = startCcs(['proxy', '--port', String(port)], box.env);
  proxies.push(run);
  await run.waitFor(new RegExp(`http://127\\.0\\.0\\.1:${port}`));
  return { url: `http://127.0.0.1:${port}`, key };
}

async function ask(proxy: { url: string; key: string }) {
  const res = await fetch(`${proxy.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': proxy.key, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
  return { status: res.status, text: await res.text() };
}

async function tokenFile() {
  const [name] = (await readdir(box.authDir)).filter((n) => n.endsWith('.json'));
  return JSON.parse(await readFile(join(box.authDir, name!), 'utf8'));
}

describe('token refresh', () => {
  it('refreshes proactively when the access token expires within 5 minutes, and persists the rotated tokens', async () => {
    const key = await localKey();
    await signIn(120);
    const before = await tokenFile();
    const proxy = await startProxy(key);
    expect((await ask(proxy)).status).toBe(200);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
    const refresh = emu.control.requests({ path: '/oauth/token' }).at(-1)!;
    expect(refresh.headers['content-type']).toMatch(/application\/json/);
    expect(refresh.body).toMatchObject({
      grant_type: 'refresh_token',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
    });
    const after = await tokenFile();
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_token).not.toBe(before.access_token);
    expect(Date.parse(after.last_refresh)).toBeGreaterThan(Date.parse(before.last_refresh));
    expect(Date.parse(after.expired)).toBeGreaterThan(Date.now() + 30 * 60_000);
    // The fresh token is used as is: no second refresh.
    expect((await ask(proxy)).status).toBe(200);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
    // Serving requests marks the account as used.
    let lastUsedAt: unknown = null;
    for (let i = 0; i < 20 && !lastUsedAt; i++) {
      const listed = await runCcs(['codex', '--accounts', '--json'], box.env);
      lastUsedAt = JSON.parse(listed.stdout).accounts[0].lastUsedAt;
    }
    expect(Date.parse(String(lastUsedAt))).toBeGreaterThan(Date.now() - 60_000);
  }, 60_000);

  it('refreshes once on a 401 from the backend and retries the request', async () => {
    const key = await localKey();
    await signIn(3600);
    const proxy = await startProxy(key);
    expect((await ask(proxy)).status).toBe(200);
    emu.control.expireAccessTokens(EMAIL);
    const answer = await ask(proxy);
    expect(answer.status).toBe(200);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
  }, 60_000);

  it('a refused refresh token is permanent: one call, no retries, "sign in again with ccs codex --auth"', async () => {
    const key = await localKey();
    await signIn(120);
    emu.control.invalidateRefreshTokens(EMAIL, 'invalidated');
    const proxy = await startProxy(key);
    const first = await ask(proxy);
    expect(first.status).toBe(403);
    expect(first.text).toContain('ccs codex --auth');
    const second = await ask(proxy);
    expect(second.status).toBe(403);
    expect(emu.control.counters().tokenRefreshes).toBe(1);
  }, 60_000);

  it('20 concurrent requests in two processes with an expiring token cause exactly one refresh', async () => {
    const key = await localKey();
    await signIn(120);
    // A slow token endpoint (300 ms), so both processes really are inside their refresh at the same time.
    const relay = await startRecordingProxy(emu.issuer, { tokenDelayMs: 300 });
    box.env.CCS_CODEX_ISSUER = relay.url;
    relays.push(relay);
    const [a, b] = await Promise.all([startProxy(key), startProxy(key)]);
    expect(emu.control.counters().tokenRefreshes).toBe(0);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(i % 2 === 0 ? a : b)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(emu.control.counters().tokenRefreshes).toBe(1);
    expect(emu.control.counters().responses).toBeGreaterThanOrEqual(20);
  }, 60_000);
});
