import { request } from 'node:http';
import type {
  AccountInfo,
  AddAccountOptions,
  AuthStrategy,
  Credentials,
  ModelInfo,
  Provider,
} from '@ccs/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardSlotChange } from '../src/index.js';
import { dashboardStateSchema, type RunningDashboard, startDashboard } from '../src/internal.js';

// The dashboard's newer writes over loopback HTTP: every provider's table and sign-in ways, the slot
// editor (checked against the live catalog before the CLI's callback writes), adding an account with an
// API key (which never comes back in any answer), and the CSRF check on both.

const model = (id: string, supported: ModelInfo['effort']['supported'], plans?: string[]): ModelInfo => ({
  id,
  displayName: id.toUpperCase(),
  effort: { supported, default: supported[0]!, max: supported[supported.length - 1]! },
  ...(plans ? { plans } : {}),
  source: 'remote',
});

/** A provider whose catalog's live list differs from its static one, and whose accounts are in memory. */
function memoryProvider(id: string, kinds: AuthStrategy['kind'][], live: ModelInfo[]) {
  const accounts: AccountInfo[] = [];
  const logins: Array<{ credentials: Credentials; options: AddAccountOptions | undefined }> = [];
  const strategies: AuthStrategy[] = kinds.map((kind) => ({
    id: `${id}-${kind}`,
    kind,
    async login(context) {
      if (kind !== 'api-key') throw new Error('not used');
      const key = await context.readSecret!('API key: ');
      context.progress.info(`Checking the key ${key} with the endpoint.`);
      return { apiKey: key };
    },
    needsRefresh: () => false,
    authorize: () => ({}),
  }));
  const provider: Provider = {
    specificationVersion: 'v1',
    id,
    displayName: `Provider ${id}`,
    authStrategies: strategies,
    accounts: {
      list: async () => accounts.map((a) => ({ ...a })),
      getDefault: async () => accounts.find((a) => a.isDefault),
      resolve: async (name) => accounts.find((a) => a.nickname === name)!,
      setDefault: async () => {},
      rename: async () => {},
      remove: async () => {},
      async add(credentials, options) {
        logins.push({ credentials, options });
        const account: AccountInfo = {
          id: `${id}-${accounts.length}`,
          providerId: id,
          nickname: options?.nickname ?? `key-${accounts.length + 1}`,
          isDefault: accounts.length === 0,
          createdAt: '2026-12-01T00:00:00Z',
        };
        accounts.push(account);
        return { account, created: true };
      },
    },
    modelCatalog: {
      specificationVersion: 'v1',
      staticModels: () => live.slice(0, 1),
      list: async () => live,
      get: (m) => live.find((x) => x.id === m),
      isAvailable: (m, plan) => {
        const plans = live.find((x) => x.id === m)?.plans;
        return plans && plan ? plans.includes(plan) : undefined;
      },
    },
    effortPolicy: {} as Provider['effortPolicy'],
    chatModel: () => {
      throw new Error('not used');
    },
  };
  return { provider, accounts, logins };
}

const TOKEN = 'dashboard-token-0123456789abcdef';
const KEY = 'sk-live-9f8e7d6c5b4a39281706';
let running: RunningDashboard | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function call(port: number, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const method = body === undefined ? 'GET' : 'POST';
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function start() {
  const codex = memoryProvider(
    'codex',
    ['oauth-browser', 'oauth-device'],
    [
      model('gpt-5.6-sol', ['low', 'medium', 'high', 'xhigh', 'max', 'ultra'], ['plus', 'pro']),
      model('gpt-5.6-luna', ['low', 'medium', 'high']),
    ],
  );
  const compat = memoryProvider(
    'compat',
    ['api-key'],
    [model('vendor/coder-large', ['low', 'medium', 'high'])],
  );
  const files: Record<string, { models: Record<string, string>; effort?: string }> = {
    codex: {
      models: { default: 'gpt-5.6-sol', opus: 'gpt-5.6-sol', sonnet: 'gpt-5.6-sol', haiku: 'gpt-5.6-luna' },
    },
    compat: {
      models: {
        default: 'vendor/coder-large',
        opus: 'vendor/coder-large',
        sonnet: 'vendor/coder-large',
        haiku: 'vendor/coder-large',
      },
    },
  };
  const saved: Array<[string, DashboardSlotChange]> = [];
  running = await startDashboard({
    providers: new Map([
      ['codex', codex.provider],
      ['compat', compat.provider],
    ]),
    token: TOKEN,
    loadSlotModels: async (p) => ({ source: `/home/u/.ccs/${p.id}.settings.json`, ...files[p.id]! }),
    saveSlotModels: async (p, change) => {
      saved.push([p.id, change]);
      Object.assign(files[p.id]!.models, change.models);
      if (change.effort !== undefined) files[p.id]!.effort = change.effort ?? undefined;
    },
    login: async (req, sink, _signal, input) => {
      if (req.method === 'browser') {
        // A browser sign-in whose callback is never reached: it waits for the pasted address.
        sink.url('http://issuer.example/authorize?state=s1');
        const line = await new Promise<string>((resolve) => input.once('data', (c) => resolve(String(c))));
        return `Signed in through ${line.trim()}.`;
      }
      // What the CLI's callback does, reduced: the provider's strategy, then accounts.add.
      const provider = req.provider === 'compat' ? compat.provider : codex.provider;
      const strategy = provider.authStrategies.find((s) => s.kind === 'api-key')!;
      const credentials = await strategy.login({
        headless: true,
        progress: { info: sink.info, warn: sink.info },
        readSecret: async () => req.apiKey ?? '',
      });
      const { account } = await provider.accounts.add!(credentials, { makeDefault: false });
      return `Added account "${account.nickname}" with key ${req.apiKey}.`;
    },
  });
  const port = running.port;
  const page = {
    'x-ccs-dashboard-token': TOKEN,
    'content-type': 'application/json',
    origin: `http://127.0.0.1:${port}`,
  };
  return { port, page, saved, files, compat, codex };
}

describe('every provider on the page', () => {
  it('state: each provider with its own models, sign-in ways and hint', async () => {
    const { port, page } = await start();
    const state = dashboardStateSchema.parse(
      JSON.parse((await call(port, '/api/dashboard/state', page)).body),
    );
    expect(state.canSignIn).toBe(true);
    expect(state.canEditModels).toBe(true);
    expect(
      state.providers.map((p) => [
        p.id,
        p.signIn.methods,
        p.signIn.command,
        p.models?.source,
        p.models?.slots[3]?.model,
      ]),
    ).toEqual([
      [
        'codex',
        ['browser', 'device'],
        'ccs codex --auth',
        '/home/u/.ccs/codex.settings.json',
        'gpt-5.6-luna',
      ],
      ['compat', ['api-key'], 'ccs compat --auth', '/home/u/.ccs/compat.settings.json', 'vendor/coder-large'],
    ]);
  });

  it('catalog: the live list with each model efforts and plans, and the provider ladder', async () => {
    const { port, page, codex } = await start();
    const r = await call(port, '/api/dashboard/catalog?provider=codex', page);
    expect(r.status).toBe(200);
    const catalog = JSON.parse(r.body);
    expect(catalog.efforts).toEqual(['low', 'medium', 'high', 'xhigh', 'max', 'ultra']);
    expect(
      catalog.models.map((m: { id: string; plans: string[] | null; maxEffort: string }) => [
        m.id,
        m.plans,
        m.maxEffort,
      ]),
    ).toEqual([
      ['gpt-5.6-sol', ['plus', 'pro'], 'ultra'],
      ['gpt-5.6-luna', null, 'high'],
    ]);
    expect(catalog.plan).toBeNull();
    // With a Free default account, the list says which models that plan cannot use.
    await codex.provider.accounts.add!({}, {});
    codex.accounts[0]!.plan = 'free';
    const free = JSON.parse((await call(port, '/api/dashboard/catalog?provider=codex', page)).body);
    expect(free.plan).toBe('free');
    expect(free.models.map((m: { id: string; onPlan: boolean | null }) => [m.id, m.onPlan])).toEqual([
      ['gpt-5.6-sol', false],
      ['gpt-5.6-luna', null],
    ]);
    expect((await call(port, '/api/dashboard/catalog?provider=nope', page)).status).toBe(404);
    expect((await call(port, '/api/dashboard/catalog?provider=codex')).status).toBe(401);
  });
});

describe('the slot editor', () => {
  it('saves a model and effort the catalog knows, as a suffix; clears and sets the default effort', async () => {
    const { port, page, saved, files } = await start();
    const ok = await call(port, '/api/dashboard/models', page, {
      provider: 'codex',
      slot: 'haiku',
      model: 'gpt-5.6-sol',
      effort: 'max',
    });
    expect(ok.status, ok.body).toBe(200);
    expect(JSON.parse(ok.body).message).toBe('Provider codex: the haiku slot now uses gpt-5.6-sol-max.');
    const effort = await call(port, '/api/dashboard/models', page, { provider: 'compat', effort: 'high' });
    expect(effort.status, effort.body).toBe(200);
    expect(saved).toEqual([
      ['codex', { models: { haiku: 'gpt-5.6-sol-max' } }],
      ['compat', { effort: 'high' }],
    ]);
    // The next state shows the new values.
    const state = dashboardStateSchema.parse(
      JSON.parse((await call(port, '/api/dashboard/state', page)).body),
    );
    const codex = state.providers.find((p) => p.id === 'codex')!;
    expect(codex.models?.slots.find((s) => s.slot === 'haiku')).toMatchObject({
      model: 'gpt-5.6-sol (max)',
      modelId: 'gpt-5.6-sol',
      slotEffort: 'max',
      maxEffort: 'ultra',
    });
    expect(state.providers.find((p) => p.id === 'compat')!.models?.effort).toBe('high');
    expect(
      (await call(port, '/api/dashboard/models', page, { provider: 'compat', effort: null })).status,
    ).toBe(200);
    expect(files.compat!.effort).toBeUndefined();
  });

  it('refuses an unknown model (naming the closest) or an effort the model lacks, and writes nothing', async () => {
    const { port, page, saved } = await start();
    const unknown = await call(port, '/api/dashboard/models', page, {
      provider: 'codex',
      slot: 'opus',
      model: 'gpt-5.6-sun',
      effort: null,
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error.message).toBe(
      'Provider codex has no model "gpt-5.6-sun". Closest: gpt-5.6-sol, gpt-5.6-luna.',
    );
    const effort = await call(port, '/api/dashboard/models', page, {
      provider: 'codex',
      slot: 'haiku',
      model: 'gpt-5.6-luna',
      effort: 'ultra',
    });
    expect(effort.status).toBe(400);
    expect(JSON.parse(effort.body).error.message).toMatch(
      /"ultra" is not an effort gpt-5.6-luna supports \(it takes: low, medium, high\)/,
    );
    const ladder = await call(port, '/api/dashboard/models', page, { provider: 'compat', effort: 'ultra' });
    expect(ladder.status).toBe(400);
    expect(JSON.parse(ladder.body).error.message).toMatch(/it takes: low, medium, high/);
    for (const bad of [
      { provider: 'codex', slot: 'turbo', model: 'gpt-5.6-sol', effort: null },
      { provider: 'codex' },
      'text',
    ]) {
      expect((await call(port, '/api/dashboard/models', page, bad)).status).toBe(400);
    }
    expect((await call(port, '/api/dashboard/models', page, { provider: 'nope', effort: null })).status).toBe(
      404,
    );
    expect(saved).toEqual([]);
  });

  it('CSRF: a write without the page own Origin, or from another site, is refused', async () => {
    const { port, page, saved } = await start();
    const body = { provider: 'codex', slot: 'opus', model: 'gpt-5.6-luna', effort: null };
    const { origin: _, ...noOrigin } = page;
    expect((await call(port, '/api/dashboard/models', noOrigin, body)).status).toBe(403);
    expect(
      (await call(port, '/api/dashboard/models', { ...page, origin: 'http://127.0.0.1:1' }, body)).status,
    ).toBe(403);
    expect(
      (await call(port, '/api/dashboard/models', { ...page, 'sec-fetch-site': 'cross-site' }, body)).status,
    ).toBe(403);
    const { 'x-ccs-dashboard-token': __, ...noToken } = page;
    expect((await call(port, '/api/dashboard/models', noToken, body)).status).toBe(401);
    expect(saved).toEqual([]);
  });
});

describe('adding an account with an API key', () => {
  it('the key goes in the POST body only and never comes back', async () => {
    const { port, page, compat } = await start();
    const r = await call(port, '/api/dashboard/login', page, {
      provider: 'compat',
      method: 'api-key',
      apiKey: KEY,
      nickname: 'work',
    });
    expect(r.status, r.body).toBe(200);
    const job = JSON.parse(r.body);
    expect(job.state).toBe('done');
    expect(compat.logins.map((l) => l.credentials)).toEqual([{ apiKey: KEY }]);
    // Even a strategy or a message that repeats it is scrubbed.
    expect(job.lines).toEqual(['Checking the key [API key] with the endpoint.']);
    expect(job.message).toBe('Added account "key-1" with key [API key].');
    const again = await call(port, '/api/dashboard/login', page);
    const state = await call(port, '/api/dashboard/state', page);
    for (const answer of [r, again, state]) expect(answer.body).not.toContain(KEY);
    expect(JSON.parse(state.body).providers[1].accounts.map((a: { nickname: string }) => a.nickname)).toEqual(
      ['key-1'],
    );
  });

  it('refuses a key with another method, a missing key, an unknown provider, and a cross-origin POST', async () => {
    const { port, page, compat } = await start();
    for (const body of [
      { provider: 'compat', method: 'browser', apiKey: KEY },
      { provider: 'compat', method: 'api-key' },
      { provider: 'compat', method: 'password', apiKey: KEY },
    ]) {
      const r = await call(port, '/api/dashboard/login', page, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).not.toContain(KEY);
    }
    expect(
      (await call(port, '/api/dashboard/login', page, { provider: 'nope', method: 'api-key', apiKey: KEY }))
        .status,
    ).toBe(404);
    const foreign = await call(
      port,
      '/api/dashboard/login',
      { ...page, origin: 'http://localhost:9' },
      { provider: 'compat', method: 'api-key', apiKey: KEY },
    );
    expect(foreign.status).toBe(403);
    expect(compat.logins).toEqual([]);
  });
});

describe('a browser sign-in finished by pasting the address it ended on', () => {
  it('goes to the waiting sign-in only, from the page only, and never comes back', async () => {
    const { port, page } = await start();
    const started = JSON.parse(
      (await call(port, '/api/dashboard/login', page, { provider: 'codex', method: 'browser' })).body,
    );
    expect(started).toMatchObject({ state: 'running', url: 'http://issuer.example/authorize?state=s1' });
    const address = 'http://localhost:1455/auth/callback?code=ac_secret_code_123&state=s1';
    const { origin: _, ...noOrigin } = page;
    expect(
      (await call(port, '/api/dashboard/login/paste', noOrigin, { id: started.id, url: address })).status,
    ).toBe(403);
    expect((await call(port, '/api/dashboard/login/paste', page, { id: 'other', url: address })).status).toBe(
      409,
    );
    expect((await call(port, '/api/dashboard/login/paste', page, { id: started.id })).status).toBe(400);
    expect(
      (await call(port, '/api/dashboard/login/paste', page, { id: started.id, url: address })).status,
    ).toBe(200);
    await expect
      .poll(async () => JSON.parse((await call(port, '/api/dashboard/login', page)).body).job.state)
      .toBe('done');
    const after = await call(port, '/api/dashboard/login', page);
    expect(JSON.parse(after.body).job.message).toBe('Signed in through [address].');
    expect(after.body).not.toContain('ac_secret_code_123');
    // Once it ended, a late paste is refused.
    expect(
      (await call(port, '/api/dashboard/login/paste', page, { id: started.id, url: address })).status,
    ).toBe(409);
  });
});
