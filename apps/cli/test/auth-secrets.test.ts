import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORIZE_URL,
  ensureBuilt,
  freePort,
  makeSandbox,
  playBrowser,
  type RecordingProxy,
  runCcs,
  type Sandbox,
  startCcs,
  startRecordingProxy,
} from './auth-harness.js';

// Runs every sign-in flow, account command, refresh and logout through a relay that keeps the raw
// traffic, collects every token, code, state and verifier that went over the wire, and checks that none of
// them appears in any output of ccs or in any file other than the token files themselves.
let emu: Emulator;
let relay: RecordingProxy;
let box: Sandbox;
const outputs: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  emu = await startEmulator({ port: 0 });
  relay = await startRecordingProxy(emu.issuer);
  box = await makeSandbox(
    { issuer: relay.url, baseUrl: `${relay.url}/backend-api` },
    { DISPLAY: ':99', BROWSER: '/bin/false' },
  );
}, 300_000);
afterAll(async () => {
  await relay?.close();
  await emu?.close();
  await box?.cleanup();
});

async function collect(run: Promise<{ code: number | null; stdout: string; stderr: string }>) {
  const done = await run;
  outputs.push(done.stdout, done.stderr);
  return done;
}

/** Every value that must stay secret, taken from the raw traffic. */
function secretsFromTraffic(): Set<string> {
  const secrets = new Set<string>();
  const keys =
    /(?:^|[?&"\s])(access_token|refresh_token|id_token|code|code_verifier|authorization_code|device_auth_id|state|token)(?:"\s*:\s*"|=)([^"&\s]+)/g;
  for (const body of relay.bodies) {
    for (const m of body.matchAll(keys)) {
      const value = decodeURIComponent(m[2]!);
      if (value.length >= 8) secrets.add(value);
    }
  }
  return secrets;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe('secrets never leak', () => {
  it('no token, code, state or verifier in any output, log or non-token file', async () => {
    emu.control.addAccount({ email: 'john@example.com', plan: 'plus', accessTokenTtlSeconds: 120 });
    emu.control.addAccount({ email: 'sarah@company.com', plan: 'team' });
    emu.control.addAccount({ email: 'dev@example.com', plan: 'pro' });
    const key = /ANTHROPIC_AUTH_TOKEN=(\S+)/.exec(
      (await collect(runCcs(['env', 'codex'], box.env))).stdout,
    )![1]!;

    // Browser flow with a forged callback first, --verbose.
    emu.control.setAuthorizeBehavior({ email: 'john@example.com' });
    const browser = startCcs(['codex', '--auth', '--verbose'], box.env);
    const [, url1] = await browser.waitFor(AUTHORIZE_URL);
    await fetch(
      `http://127.0.0.1:${box.env.CCS_CODEX_CALLBACK_PORT}/auth/callback?code=forgedcode123&state=forgedstate123`,
    );
    const page = await playBrowser(url1!);
    outputs.push(page.text);
    await collect(browser.exit);

    // Headless with a pasted URL.
    emu.control.setAuthorizeBehavior({ email: 'sarah@company.com' });
    const headless = startCcs(['codex', '--auth', '--add', '--headless'], box.env);
    const [, url2] = await headless.waitFor(AUTHORIZE_URL);
    const redirect = (await fetch(url2!, { redirect: 'manual' })).headers.get('location')!;
    headless.write(`${redirect}\n`);
    await collect(headless.exit);

    // Device code.
    emu.control.setDeviceBehavior({ email: 'dev@example.com', approveAfterPolls: 1 });
    await collect(runCcs(['codex', '--auth', '--add', '--device', '--verbose'], box.env, 40_000));

    for (const args of [
      ['--accounts'],
      ['--accounts', '--json'],
      ['--use', 'sarah'],
      ['--nickname', 'boss'],
      ['--use', 'john'],
    ]) {
      expect((await collect(runCcs(['codex', ...args], box.env))).code).toBe(0);
    }

    // A proxy that refreshes john's expiring token, then recovers from a 401.
    const port = await freePort();
    const proxy = startCcs(['proxy', '--port', String(port), '--verbose'], box.env);
    await proxy.waitFor(new RegExp(`127\\.0\\.0\\.1:${port}`));
    const ask = () =>
      fetch(`http://127.0.0.1:${port}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-haiku-4-5',
          max_tokens: 32,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      }).then((r) => r.text());
    outputs.push(await ask());
    emu.control.expireAccessTokens('john@example.com');
    outputs.push(await ask());
    proxy.child.kill('SIGTERM');
    await collect(proxy.exit);
    expect(emu.control.counters().tokenRefreshes).toBeGreaterThanOrEqual(2);

    await collect(runCcs(['codex', '--logout', '--account', 'boss'], box.env));
    emu.control.invalidateRefreshTokens('john@example.com', 'invalidated');
    await collect(runCcs(['codex', '--logout'], box.env));

    const secrets = secretsFromTraffic();
    expect(secrets.size).toBeGreaterThan(15);
    // The grep works: the shown authorize URLs do carry their state (which is allowed only there).
    expect([...secrets].some((secret) => outputs.join('\n').includes(secret))).toBe(true);
    // The authorize URL carries state and challenge and has to be shown; everything else must not.
    const shown = outputs
      .join('\n')
      .replace(/http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+/g, '<authorize-url>');
    const files: Array<[string, string]> = [];
    const root = join(box.home, '..');
    for (const path of await filesUnder(root)) {
      const name = relative(root, path);
      if (/cliproxy\/auth\/codex-[^/]*\.json$/.test(name)) continue; // the token files themselves
      if ((await stat(path)).size > 5_000_000) continue;
      files.push([name, await readFile(path, 'utf8')]);
    }
    expect(files.map(([n]) => n)).toContain('ccs/cliproxy/accounts.json');
    const leaks: string[] = [];
    for (const secret of secrets) {
      if (shown.includes(secret)) leaks.push(`output contains a secret of length ${secret.length}`);
      for (const [name, text] of files) if (text.includes(secret)) leaks.push(`${name} contains a secret`);
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});
