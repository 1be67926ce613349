import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, fingerprint, startEmulator } from '../src/index.js';
import { baseBody, type Loose, postResponses, refresh, signIn, streamEvents } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

describe('request recorder', () => {
  it('records every request with secrets masked and the status sent', async () => {
    emu.control.addAccount({ email: 'rec@example.com', plan: 'plus' });
    const t = await signIn(emu);
    await refresh(emu, t.refresh_token);
    const all = emu.control.requests();
    expect(all.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /oauth/authorize 302',
      'POST /oauth/token 200',
      'POST /oauth/token 200',
    ]);
    const dump = JSON.stringify(all);
    // Nothing secret survives: tokens, the code, the verifier and the state are all masked.
    for (const secret of [t.access_token, t.refresh_token, t.id_token, 'st_123'])
      expect(dump).not.toContain(secret);
    const exchange = all[1]!.body as Record<string, string>;
    expect(exchange.code).toMatch(/^\[masked:[0-9a-f]{8}\]$/);
    expect(exchange.code_verifier).toMatch(/^\[masked:/);
    expect(exchange.grant_type).toBe('authorization_code');
    expect(all[0]!.query.state).toBe(fingerprint('st_123'));
    expect((all[2]!.body as Record<string, string>).refresh_token).toBe(fingerprint(t.refresh_token));
  });

  it('records the parsed responses body and masked Authorization; filters by path suffix', async () => {
    emu.control.addAccount({ email: 'rec@example.com', plan: 'plus' });
    const auth = emu.control.issueTokens('rec@example.com');
    await streamEvents(await postResponses(emu, auth, baseBody(), { originator: 'ccs' }));
    const [r] = emu.control.requests({ path: '/codex/responses' });
    expect(r!.path).toBe('/backend-api/codex/responses');
    expect(r!.headers.authorization).toBe(`Bearer ${fingerprint(auth.accessToken)}`);
    expect(r!.headers.originator).toBe('ccs');
    expect(r!.body).toMatchObject({ model: 'gpt-5.5', stream: true, store: false });
    expect(emu.control.counters().responses).toBe(1);
    expect(emu.control.requests({ path: '/oauth/token' })).toHaveLength(0);
  });

  it('reset forgets accounts, records, turns and counters', async () => {
    emu.control.addAccount({ email: 'rec@example.com', plan: 'plus' });
    emu.control.enqueueTurn({ text: 'x' });
    await signIn(emu);
    emu.control.reset();
    expect(emu.control.accounts()).toEqual([]);
    expect(emu.control.requests()).toEqual([]);
    expect(emu.control.pendingTurns()).toBe(0);
    expect(emu.control.counters().codeExchanges).toBe(0);
  });
});

describe('admin routes', () => {
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${emu.issuer}/__emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('mirror the control API and are not themselves recorded', async () => {
    const acct = (await (
      await admin('POST', '/accounts', { email: 'adm@example.com', plan: 'team' })
    ).json()) as Loose;
    expect(acct).toMatchObject({ email: 'adm@example.com', plan: 'team' });
    expect((await admin('POST', '/turns', { text: 'from a script' })).status).toBe(200);
    const tokens = (await (await admin('POST', '/tokens', { email: 'adm@example.com' })).json()) as Loose;
    const events = await streamEvents(await postResponses(emu, tokens, baseBody()));
    expect(
      events
        .filter((e) => e.event === 'response.output_text.delta')
        .map((e) => e.data.delta)
        .join(''),
    ).toBe('from a script');
    const reqs = (await (await admin('GET', '/requests?path=/codex/responses')).json()) as Loose[];
    expect(reqs).toHaveLength(1);
    expect(((await (await admin('GET', '/counters')).json()) as Loose).responses).toBe(1);
    expect(
      (
        await admin('POST', '/usage', {
          email: 'adm@example.com',
          primary: { usedPercent: 50, windowMinutes: 300, resetAfterSeconds: 60 },
        })
      ).status,
    ).toBe(200);
    expect((await admin('POST', '/authorize-behavior', { error: 'access_denied' })).status).toBe(200);
    expect((await admin('POST', '/device-behavior', { never: true })).status).toBe(200);
    expect((await admin('POST', '/expire-access-tokens', {})).status).toBe(200);
    expect(
      (await admin('POST', '/invalidate-refresh-tokens', { email: 'adm@example.com', reason: 'expired' }))
        .status,
    ).toBe(200);
    expect((await admin('POST', '/plan', { email: 'adm@example.com', plan: 'pro' })).status).toBe(200);
    expect(emu.control.accounts()[0]!.plan).toBe('pro');
    expect((await admin('POST', '/reset')).status).toBe(200);
    expect(emu.control.accounts()).toEqual([]);
  });

  it('answer 400 for invalid bodies and 404 for unknown routes', async () => {
    expect((await admin('POST', '/accounts', { email: '' })).status).toBe(400);
    expect((await admin('POST', '/turns', { fault: 'meltdown' })).status).toBe(400);
    expect((await admin('POST', '/plan', { email: 'nobody@example.com', plan: 'pro' })).status).toBe(400);
    expect((await admin('GET', '/nope')).status).toBe(404);
  });
});

describe('ccs-emulator bin', () => {
  it('prints issuer and baseUrl on its first line, serves, and stops on SIGTERM', async () => {
    // Bundle the bin from source so the test never runs a stale build.
    const src = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
    const esbuild = fileURLToPath(new URL('../../../node_modules/.bin/esbuild', import.meta.url));
    const bin = join(mkdtempSync(join(tmpdir(), 'ccs-emulator-')), 'bin.mjs');
    execFileSync(esbuild, [
      src,
      '--bundle',
      '--platform=node',
      '--format=esm',
      `--outfile=${bin}`,
      '--log-level=warning',
    ]);
    const child = spawn(process.execPath, [bin, '--port', '0', '--account', 'bin@example.com:pro'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no output: ${out}`)), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) {
            clearTimeout(timer);
            resolve(out.split('\n')[0]!);
          }
        });
      });
      const m = /^issuer=(http:\/\/127\.0\.0\.1:\d+) baseUrl=(http:\/\/127\.0\.0\.1:\d+\/backend-api)$/.exec(
        line,
      );
      expect(m).not.toBeNull();
      const accounts = (await (await fetch(`${m![1]}/__emulator/accounts`)).json()) as Loose[];
      expect(accounts[0]).toMatchObject({ email: 'bin@example.com', plan: 'pro' });
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('accounts', () => {
  it('re-adding an email keeps its ids and tokens working, with the new plan', async () => {
    emu.control.useModelScenario('page-era'); // gpt-5.4 was paid-only there
    const first = emu.control.addAccount({ email: 'same@example.com', plan: 'free' });
    const tokens = emu.control.issueTokens('same@example.com');
    const again = emu.control.addAccount({ email: 'same@example.com', plan: 'pro' });
    expect(again.chatgptAccountId).toBe(first.chatgptAccountId);
    const res = await postResponses(emu, tokens, baseBody({ model: 'gpt-5.4' }));
    expect(res.status).toBe(200);
    await res.text();
  });
});
