import { request } from 'node:http';
import {
  type AccountInfo,
  CcsError,
  type ModelInfo,
  type Provider,
  type QuotaSnapshot,
  type QuotaSource,
} from '@ccs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardStateSchema, type RunningDashboard, startDashboard, startProxy } from '../src/internal.js';

const MODELS: ModelInfo[] = [
  {
    id: 'gpt-5.4',
    displayName: 'GPT-5.4',
    effort: { supported: ['low', 'medium', 'high', 'xhigh'], default: 'medium', max: 'xhigh' },
    plans: ['plus', 'pro'],
    source: 'static',
  },
  {
    id: 'gpt-5-codex-mini',
    displayName: 'GPT-5 Codex Mini',
    effort: { supported: ['medium', 'high'], default: 'medium', max: 'high' },
    source: 'static',
  },
];

/** An in-memory provider: two accounts, a quota source that counts upstream reads and caches like Codex. */
function memoryProvider() {
  const accounts: AccountInfo[] = [
    {
      id: 'acct-john-0123456789abcdef',
      providerId: 'codex',
      nickname: 'john',
      email: 'john@example.com',
      plan: 'plus',
      isDefault: true,
      createdAt: '2026-01-01T00:00:00Z',
      lastUsedAt: '2026-11-25T20:00:00Z',
    },
    {
      id: 'acct-old-fedcba9876543210',
      providerId: 'codex',
      nickname: 'old',
      email: 'old@example.com',
      plan: 'free',
      isDefault: false,
      createdAt: '2026-01-02T00:00:00Z',
    },
  ];
  let upstreamReads = 0;
  const cache = new Map<string, QuotaSnapshot>();
  const quotaSource: QuotaSource = {
    async snapshot(accountId, options = {}) {
      if (accountId === accounts[1]!.id && accounts[1]!.nickname === 'old')
        throw new CcsError('AUTH_REFRESH_FAILED', 'Your Codex sign-in has expired for old@example.com.');
      const hit = cache.get(accountId);
      if (hit && !options.refresh) return { ...hit, cached: true };
      upstreamReads += 1;
      const snap: QuotaSnapshot = {
        plan: 'plus',
        source: 'api',
        cached: false,
        fetchedAt: new Date().toISOString(),
        windows: [
          {
            label: 'daily',
            usedPercent: 90,
            used: 45,
            limit: 50,
            windowSeconds: 86_400,
            resetsAt: '2026-11-26T04:00:00Z',
          },
          {
            label: 'weekly',
            usedPercent: 42,
            used: 210,
            limit: 500,
            windowSeconds: 604_800,
            resetsAt: '2026-11-30T13:09:00Z',
          },
        ],
        weeklyResetAt: '2026-11-30T13:09:00Z',
      };
      cache.set(accountId, snap);
      return snap;
    },
  };
  const provider: Provider = {
    specificationVersion: 'v1',
    id: 'codex',
    displayName: 'OpenAI Codex',
    authStrategies: [],
    accounts: {
      list: async () => accounts.map((a) => ({ ...a })),
      getDefault: async () => accounts.find((a) => a.isDefault),
      resolve: async (name) => accounts.find((a) => a.nickname === name)!,
      setDefault: async (id) => {
        for (const a of accounts) a.isDefault = a.id === id;
      },
      rename: async () => {},
      remove: async () => {},
    },
    modelCatalog: {
      specificationVersion: 'v1',
      staticModels: () => MODELS,
      list: async () => MODELS,
      get: (id) => MODELS.find((m) => m.id === id),
      isAvailable: () => true,
    },
    effortPolicy: {} as Provider['effortPolicy'],
    quotaSource,
    chatModel: () => {
      throw new Error('not used');
    },
  };
  return { provider, accounts, reads: () => upstreamReads };
}

const TOKEN = 'dashboard-token-0123456789abcdef';
let running: RunningDashboard | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the test can send any Host/Origin (fetch would not let it forge Host). */
function call(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function start() {
  const fake = memoryProvider();
  running = await startDashboard({
    providers: new Map([['codex', fake.provider]]),
    token: TOKEN,
    loadSlotModels: async () => ({
      source: '/home/u/.ccs/codex.settings.json',
      models: { haiku: 'gpt-5-codex-mini', default: 'gpt-5.4-high', opus: 'gpt-5.4', sonnet: 'gpt-5.4' },
    }),
  });
  return { ...fake, port: running.port };
}

const auth = { 'x-ccs-dashboard-token': TOKEN };

describe('dashboard API (loopback HTTP)', () => {
  it('prints a loopback URL with the token in the fragment only', async () => {
    await start();
    const url = new URL(running!.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/dashboard');
    expect(url.hash).toBe(`#token=${TOKEN}`);
    expect(url.search).toBe('');
  });

  it('serves the page with a strict CSP and no secrets; the state needs the token', async () => {
    const { port } = await start();
    const page = await call(port, '/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toMatch(/<html lang="en">/);
    expect(page.body).toContain('<title>ccs dashboard</title>');
    expect(page.body).not.toContain(TOKEN);
    expect(page.body).not.toMatch(/\b(src|href)="https?:/);

    expect((await call(port, '/api/dashboard/state')).status).toBe(401);
    expect((await call(port, '/api/dashboard/state', { 'x-ccs-dashboard-token': `${TOKEN}x` })).status).toBe(
      401,
    );
    expect((await call(port, '/api/dashboard/state', auth)).status).toBe(200);
  });

  it('refuses a non-loopback Host or Origin even with the token (DNS rebinding)', async () => {
    const { port } = await start();
    for (const headers of [
      { ...auth, host: `evil.example:${port}` },
      { ...auth, host: `127.0.0.1:${port}`, origin: 'http://evil.example' },
      { ...auth, host: `127.0.0.1:${port}`, origin: 'null' },
    ]) {
      const r = await call(port, '/api/dashboard/state', headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).not.toContain('john');
    }
    expect((await call(port, '/dashboard', { host: 'rebind.example' })).status).toBe(403);
    const ok = await call(port, '/api/dashboard/state', {
      ...auth,
      host: `localhost:${port}`,
      origin: `http://127.0.0.1:${port}`,
    });
    expect(ok.status).toBe(200);
  });

  it('state: accounts, quota windows, weekly reset, errors with their action, slot models; no ids or tokens', async () => {
    const { port, accounts } = await start();
    const r = await call(port, '/api/dashboard/state', auth);
    expect(r.headers['cache-control']).toBe('no-store');
    const state = dashboardStateSchema.parse(JSON.parse(r.body));
    const codex = state.providers.find((p) => p.id === 'codex')!;
    expect(codex.displayName).toBe('OpenAI Codex');
    const [john, old] = codex.accounts;
    expect(john).toMatchObject({
      nickname: 'john',
      email: 'john@example.com',
      plan: 'plus',
      default: true,
      error: null,
    });
    expect(john!.lastUsedAt).toBe('2026-11-25T20:00:00Z');
    expect(john!.windows.map((w) => [w.label, w.used, w.limit, w.resetsAt])).toEqual([
      ['daily', 45, 50, '2026-11-26T04:00:00Z'],
      ['weekly', 210, 500, '2026-11-30T13:09:00Z'],
    ]);
    expect(john!.weeklyResetAt).toBe('2026-11-30T13:09:00Z');
    expect(old!.error).toEqual({
      code: 'AUTH_REFRESH_FAILED',
      message: 'Your Codex sign-in has expired for old@example.com.',
      action: 'reauth needed: run ccs codex --auth',
    });
    expect(codex.models?.slots.map((s) => [s.slot, s.model, s.maxEffort, s.plans])).toEqual([
      ['default', 'gpt-5.4 (high)', 'xhigh', ['plus', 'pro']],
      ['opus', 'gpt-5.4', 'xhigh', ['plus', 'pro']],
      ['sonnet', 'gpt-5.4', 'xhigh', ['plus', 'pro']],
      ['haiku', 'gpt-5-codex-mini', 'high', null],
    ]);
    for (const a of accounts) expect(r.body).not.toContain(a.id);
    expect(r.body).not.toContain(TOKEN);
  });

  it('reads the cache inside its window; ?refresh=1 asks the upstream again', async () => {
    const { port, reads } = await start();
    await call(port, '/api/dashboard/state', auth);
    const again = dashboardStateSchema.parse(
      JSON.parse((await call(port, '/api/dashboard/state', auth)).body),
    );
    expect(reads()).toBe(1);
    expect(again.providers[0]!.accounts[0]!.cached).toBe(true);
    const fresh = dashboardStateSchema.parse(
      JSON.parse((await call(port, '/api/dashboard/state?refresh=1', auth)).body),
    );
    expect(reads()).toBe(2);
    expect(fresh.providers[0]!.accounts[0]!.cached).toBe(false);
  });

  it('Make default: POST with the token from the page itself changes the default; otherwise nothing changes', async () => {
    const { port, accounts } = await start();
    const state = dashboardStateSchema.parse(
      JSON.parse((await call(port, '/api/dashboard/state', auth)).body),
    );
    const oldKey = state.providers[0]!.accounts[1]!.key;
    const body = JSON.stringify({ provider: 'codex', account: oldKey });
    const json = { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` };
    expect((await call(port, '/api/dashboard/default', json, 'POST', body)).status).toBe(401);
    // CSRF: with the token but without the page's own Origin (a script, another local site) it is refused.
    const { origin: _, ...noOrigin } = json;
    expect((await call(port, '/api/dashboard/default', { ...auth, ...noOrigin }, 'POST', body)).status).toBe(
      403,
    );
    for (const origin of ['http://127.0.0.1:1', 'http://localhost:' + port]) {
      const r = await call(port, '/api/dashboard/default', { ...auth, ...json, origin }, 'POST', body);
      expect(r.status).toBe(403);
    }
    const crossSite = { ...auth, ...json, 'sec-fetch-site': 'same-site' };
    expect((await call(port, '/api/dashboard/default', crossSite, 'POST', body)).status).toBe(403);
    expect(accounts[0]!.isDefault).toBe(true);
    expect(
      (
        await call(
          port,
          '/api/dashboard/default',
          { ...auth, ...json, 'content-type': 'text/plain' },
          'POST',
          body,
        )
      ).status,
    ).toBe(415);
    expect(accounts[0]!.isDefault).toBe(true);
    const unknown = JSON.stringify({ provider: 'codex', account: 'nope' });
    expect((await call(port, '/api/dashboard/default', { ...auth, ...json }, 'POST', unknown)).status).toBe(
      404,
    );
    const r = await call(port, '/api/dashboard/default', { ...auth, ...json }, 'POST', body);
    expect(r.status).toBe(200);
    expect(accounts.map((a) => [a.nickname, a.isDefault])).toEqual([
      ['john', false],
      ['old', true],
    ]);
  });
});

describe('dashboard on the proxy port', () => {
  it('is served at /dashboard with its own token; the API key is neither needed nor accepted', async () => {
    const fake = memoryProvider();
    const apiKey = 'proxy-api-key-0123456789abcdef';
    const proxy = await startProxy({
      providers: new Map([['codex', fake.provider]]),
      apiKey,
      port: 0,
      dashboard: { token: TOKEN },
    });
    try {
      expect(proxy.dashboardUrl).toBe(`${proxy.url}/dashboard#token=${TOKEN}`);
      const page = await call(proxy.port, '/dashboard');
      expect(page.status).toBe(200);
      expect(page.body).not.toContain(apiKey);
      expect((await call(proxy.port, '/api/dashboard/state', { 'x-api-key': apiKey })).status).toBe(401);
      const state = await call(proxy.port, '/api/dashboard/state', auth);
      expect(state.status).toBe(200);
      expect(state.body).not.toContain(apiKey);
      // The Anthropic routes still want the key.
      expect((await call(proxy.port, '/v1/models')).status).toBe(401);
    } finally {
      await proxy.close();
    }
  });
});
