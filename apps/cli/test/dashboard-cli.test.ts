// `ccs dashboard` and the dashboard on `ccs proxy`, as a user runs them: the BUILT ccs, accounts signed in
// through `ccs codex --auth` against the emulator, the JSON API called over loopback HTTP.
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { dashboardStateSchema } from '@ccs/proxy/internal';
import type { Emulator } from '@ccs/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CcsRun,
  fakeBrowser,
  freePort,
  listAccounts,
  loginAs,
  type Sandbox,
  startCcs,
  useEmulatorSandbox,
} from './auth-harness.js';

let emu: Emulator;
let box: Sandbox;
let running: CcsRun | undefined;

useEmulatorSandbox(
  {
    accounts: [
      { email: 'john@example.com', plan: 'plus' },
      { email: 'work@example.com', plan: 'team' },
    ],
  },
  (e, b) => {
    emu = e;
    box = b;
  },
);
afterEach(async () => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
});

interface Answer {
  status: number;
  body: string;
}

function call(url: URL, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every token ccs keeps on disk, to grep responses for. */
async function storedSecrets(): Promise<string[]> {
  const secrets: string[] = [];
  for (const file of (await readdir(box.authDir)).filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(await readFile(join(box.authDir, file), 'utf8')) as Record<string, unknown>;
    for (const key of ['access_token', 'refresh_token', 'id_token', 'account_id']) {
      if (typeof data[key] === 'string' && (data[key] as string).length >= 8)
        secrets.push(data[key] as string);
    }
  }
  return secrets;
}

async function signInBoth(): Promise<void> {
  await loginAs(emu, box.env, 'john@example.com');
  await loginAs(emu, box.env, 'work@example.com', ['--add', '--nickname', 'work']);
  emu.control.setUsage('john@example.com', {
    primary: { usedPercent: 45, windowMinutes: 300, resetAfterSeconds: 3600 },
    secondary: { usedPercent: 21, windowMinutes: 10_080, resetAfterSeconds: 4 * 86_400 },
  });
}

describe('ccs dashboard (built CLI, emulator)', () => {
  it('prints the tokenised URL first, opens it, serves the state only with the token and from loopback', async () => {
    await signInBoth();
    const browser = await fakeBrowser(box.ccsHome.replace(/ccs$/, ''));
    running = startCcs(['dashboard'], { ...box.env, BROWSER: browser.path });
    const [first] = await running.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/dashboard#token=[\w-]{40,}$/m, 20_000);
    expect(running.stdout().split('\n')[0]).toBe(first);
    const url = new URL(first!);
    const token = url.hash.slice('#token='.length);
    // The browser got the same URL (the token only in its fragment).
    await expect
      .poll(() => readFile(browser.opened, 'utf8').catch(() => ''), { timeout: 10_000 })
      .toBe(first);

    const auth = { 'x-ccs-dashboard-token': token };
    expect((await call(url, '/api/dashboard/state')).status).toBe(401);
    expect((await call(url, '/api/dashboard/state', { ...auth, host: 'attacker.example' })).status).toBe(403);
    expect(
      (await call(url, '/api/dashboard/state', { ...auth, origin: 'http://attacker.example' })).status,
    ).toBe(403);

    // An expired access token is refreshed during the read (automatic re-authentication).
    emu.control.expireAccessTokens('john@example.com');
    const refreshes = emu.control.counters().tokenRefreshes;
    const r = await call(url, '/api/dashboard/state', auth);
    expect(r.status).toBe(200);
    expect(emu.control.counters().tokenRefreshes).toBe(refreshes + 1);
    const state = dashboardStateSchema.parse(JSON.parse(r.body));
    const codex = state.providers.find((p) => p.id === 'codex')!;
    const john = codex.accounts.find((a) => a.nickname === 'john')!;
    expect(john).toMatchObject({ email: 'john@example.com', plan: 'plus', default: true, error: null });
    expect(john.windows.map((w) => [w.label, w.usedPercent])).toEqual([
      ['5h', 45],
      ['weekly', 21],
    ]);
    expect(john.weeklyResetAt).toBe(john.windows[1]!.resetsAt);
    expect(codex.models?.source).toBe(join(box.ccsHome, 'codex.settings.json'));
    expect(codex.models?.slots.map((s) => s.slot)).toEqual(['default', 'opus', 'sonnet', 'haiku']);
    for (const slot of codex.models!.slots) expect(slot.maxEffort).not.toBeNull();

    // Make default (from the page's own origin), then the CLI agrees.
    const work = codex.accounts.find((a) => a.nickname === 'work')!;
    const set = await call(
      url,
      '/api/dashboard/default',
      { ...auth, 'content-type': 'application/json', origin: new URL(url).origin },
      'POST',
      JSON.stringify({ provider: 'codex', account: work.key }),
    );
    expect(set.status).toBe(200);
    const accounts = (await listAccounts(box.env)) as Array<{ nickname: string; default: boolean }>;
    expect(accounts.find((a) => a.nickname === 'work')?.default).toBe(true);

    // No token, upstream account id or token file content in anything the dashboard answered.
    const page = await call(url, '/dashboard');
    const secrets = await storedSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(6); // tokens and account ids of both accounts
    for (const secret of secrets) {
      expect(r.body).not.toContain(secret);
      expect(page.body).not.toContain(secret);
    }
    expect(page.body).not.toContain(token);

    running.child.kill('SIGTERM');
    expect((await running.exit).code).toBe(0);
  }, 90_000);

  it("the page's writes go through the CLI's own checks: the login timeout setting, the live catalog", async () => {
    await signInBoth();
    running = startCcs(['dashboard', '--no-open'], { ...box.env, CCS_CODEX_LOGIN_TIMEOUT: 'soon' });
    const [first] = await running.waitFor(/^http:\S+#token=\S+$/m, 20_000);
    const url = new URL(first!);
    const headers = {
      'x-ccs-dashboard-token': url.hash.slice('#token='.length),
      'content-type': 'application/json',
      origin: url.origin,
    };
    const post = (path: string, body: unknown) =>
      call(url, `/api/dashboard/${path}`, headers, 'POST', JSON.stringify(body));

    // A bad CCS_CODEX_LOGIN_TIMEOUT fails the sign-in before it asks the provider for anything.
    const login = await post('login', { provider: 'codex', method: 'device' });
    expect(JSON.parse(login.body)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/^CCS_CODEX_LOGIN_TIMEOUT must be a number of seconds, not "soon"\./),
    });
    expect(emu.control.requests({ path: '/api/accounts/deviceauth/usercode' })).toHaveLength(0);

    // A model the live catalog does not have is refused with the closest ones, and nothing is written.
    const settings = join(box.ccsHome, 'codex.settings.json');
    const before = await readFile(settings, 'utf8').catch(() => null);
    const bad = await post('models', {
      provider: 'codex',
      slot: 'opus',
      model: 'gpt-5.6-sool',
      effort: null,
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(
      /^OpenAI Codex has no model "gpt-5\.6-sool"\. Closest: gpt-5\.6-sol\b/,
    );
    expect(await readFile(settings, 'utf8').catch(() => null)).toBe(before);
    // A good one is written where `ccs codex` reads it, and the state shows it.
    const ok = await post('models', {
      provider: 'codex',
      slot: 'opus',
      model: 'gpt-5.6-luna',
      effort: 'high',
    });
    expect(ok.status, ok.body).toBe(200);
    expect(JSON.parse(await readFile(settings, 'utf8')).env.ANTHROPIC_DEFAULT_OPUS_MODEL).toBe(
      'gpt-5.6-luna-high',
    );
    const state = dashboardStateSchema.parse(
      JSON.parse((await call(url, '/api/dashboard/state', headers)).body),
    );
    const opus = state.providers[0]!.models!.slots.find((s) => s.slot === 'opus');
    expect(opus).toMatchObject({ model: 'gpt-5.6-luna (high)', slotEffort: 'high' });

    running.child.kill('SIGTERM');
    expect((await running.exit).code).toBe(0);
  }, 90_000);

  it('ccs proxy names the dashboard on its second line; the proxy key does not open it', async () => {
    await signInBoth();
    running = startCcs(['proxy', '--port', String(await freePort())], box.env);
    await running.waitFor(/^Dashboard: http:\S+#token=\S+$/m, 20_000);
    const [proxyUrl, dashLine] = running.stdout().split('\n');
    expect(proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const dash = new URL(dashLine!.slice('Dashboard: '.length));
    expect(`${dash.protocol}//${dash.host}`).toBe(proxyUrl);
    const config = await readFile(join(box.ccsHome, 'cliproxy', 'config.yaml'), 'utf8');
    const apiKey = /api-keys:\s*\n\s*-\s*["']?([^"'\s]+)/.exec(config)?.[1];
    expect(apiKey).toBeTruthy();
    expect(dash.hash).not.toContain(apiKey!);
    expect((await call(dash, '/api/dashboard/state', { 'x-api-key': apiKey! })).status).toBe(401);
    const token = dash.hash.slice('#token='.length);
    const r = await call(dash, '/api/dashboard/state', { 'x-ccs-dashboard-token': token });
    expect(r.status).toBe(200);
    expect(r.body).not.toContain(apiKey!);
    running.child.kill('SIGINT');
    expect((await running.exit).code).toBe(0);
  }, 90_000);

  it("an edit on ccs proxy's dashboard is served from the next request, without a restart", async () => {
    await signInBoth();
    running = startCcs(['proxy', '--port', String(await freePort())], box.env);
    await running.waitFor(/^Dashboard: http:\S+#token=\S+$/m, 20_000);
    const [proxyLine, dashLine] = running.stdout().split('\n');
    const proxyUrl = new URL(proxyLine!);
    const dash = new URL(dashLine!.slice('Dashboard: '.length));
    const config = await readFile(join(box.ccsHome, 'cliproxy', 'config.yaml'), 'utf8');
    const apiKey = /api-keys:\s*\n\s*-\s*["']?([^"'\s]+)/.exec(config)![1]!;
    const ask = async () => {
      const answer = await call(
        proxyUrl,
        '/v1/messages',
        { 'x-api-key': apiKey, 'content-type': 'application/json' },
        'POST',
        JSON.stringify({
          model: 'claude-opus-4-8',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      );
      expect(answer.status, answer.body).toBe(200);
      const sent = emu.control.requests({ path: '/codex/responses' }).at(-1)!.body as {
        model: string;
        reasoning?: { effort?: string };
      };
      return `${sent.model} ${sent.reasoning?.effort}`;
    };
    const before = await ask();
    expect(before).not.toBe('gpt-5.6-luna high');

    const edit = await call(
      dash,
      '/api/dashboard/models',
      {
        'x-ccs-dashboard-token': dash.hash.slice('#token='.length),
        'content-type': 'application/json',
        origin: dash.origin,
      },
      'POST',
      JSON.stringify({ provider: 'codex', slot: 'opus', model: 'gpt-5.6-luna', effort: 'high' }),
    );
    expect(edit.status, edit.body).toBe(200);
    expect(await ask()).toBe('gpt-5.6-luna high');
    running.child.kill('SIGINT');
    expect((await running.exit).code).toBe(0);
  }, 90_000);
});
