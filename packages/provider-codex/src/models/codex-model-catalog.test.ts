import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CODEX_MODELS_TTL_MS, createCodexModelCatalog } from './codex-model-catalog.js';
import { CodexModelsCache } from './codex-models-cache.js';
import { CODEX_STATIC_MODELS } from './codex-static-models.js';

const options = { baseUrl: 'http://127.0.0.1:9/backend-api', headers: {} };
const credentials = {
  getCredentials: vi.fn(async () => ({ accessToken: 'at-secret', chatgptAccountId: 'acct-1' })),
};

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 304 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const entry = (slug: string, priority: number, rest: Record<string, unknown> = {}) => ({
  slug,
  display_name: slug.toUpperCase(),
  visibility: 'list',
  priority,
  supported_reasoning_levels: [
    { effort: 'low' },
    { effort: 'medium' },
    { effort: 'high' },
    { effort: 'xhigh' },
  ],
  default_reasoning_level: 'medium',
  context_window: 272_000,
  input_modalities: ['text', 'image'],
  available_in_plans: ['free', 'plus', 'pro'],
  ...rest,
});

// A list as the backend could send it in a year: none of today's slugs, a retirement with an upgrade.
const live = {
  models: [
    entry('gpt-7-nova', 1, {
      supported_reasoning_levels: ['low', 'medium', 'high', 'xhigh', 'max', 'ultra'].map((effort) => ({
        effort,
      })),
      max_context_window: 1_000_000,
      service_tiers: [{ id: 'priority', name: 'Fast' }],
      default_verbosity: 'low',
      support_verbosity: true,
      supports_reasoning_summary_parameter: true,
      some_future_field: { x: 1 },
    }),
    entry('gpt-7-nova-mini', 4, { context_window: 200_000 }),
    entry('gpt-7-text', 5, { input_modalities: ['text'], supports_reasoning_summary_parameter: false }),
    entry('o9-paid', 6, { available_in_plans: ['plus', 'pro'] }),
    entry('gpt-5.6-sol', 9, { upgrade: { model: 'gpt-7-nova' }, visibility: 'hide' }),
    entry('internal', 50, { visibility: 'none' }),
    { slug: 42, display_name: 'broken entry is skipped' },
  ],
};

describe('compiled fallback list (a machine that never saw a live list)', () => {
  it("offers today's models in priority order and keeps the page's models as retired", () => {
    const catalog = createCodexModelCatalog({ options });
    const offered = catalog
      .offlineModels()
      .filter((m) => !m.hidden)
      .map((m) => m.id);
    expect(offered).toEqual([
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.6-luna',
      'gpt-5.5',
      'gpt-5.3-codex-spark',
    ]);
    for (const id of ['gpt-5-codex', 'gpt-5-codex-mini', 'gpt-5.2-codex', 'gpt-5.3-codex', 'gpt-5.4']) {
      expect(catalog.get(id)?.retired).toBe(true);
      expect(catalog.isAvailable(id, 'plus')).toBe(false);
    }
    expect(catalog.get('gpt-5.6-sol')?.effort.max).toBe('ultra');
    expect(catalog.get('gpt-5.6-luna')?.effort.max).toBe('max');
    expect(catalog.get('gpt-5.3-codex-spark')).toMatchObject({
      contextWindow: 128_000,
      inputModalities: ['text'],
      supportsReasoningSummaryParameter: false,
    });
    expect(catalog.get('gpt-5.6-sol')?.availability).toBe('all plans');
  });

  it('defaults by rule: the flagship for default/opus/sonnet, its small sibling for haiku', () => {
    const catalog = createCodexModelCatalog({ options });
    expect(catalog.defaultSlotModels()).toEqual({
      default: 'gpt-5.6-sol',
      opus: 'gpt-5.6-sol',
      sonnet: 'gpt-5.6-sol',
      haiku: 'gpt-5.6-luna',
    });
  });

  it('repairs retired models to the upgrade target, else the best model for the slot', () => {
    const catalog = createCodexModelCatalog({ options });
    expect(catalog.repairModel('gpt-5.4', { plan: 'plus' })).toMatchObject({
      to: 'gpt-5.6-terra',
      reason: 'retired',
    });
    expect(catalog.repairModel('gpt-5-codex', { plan: 'plus' })?.to).toBe('gpt-5.6-sol');
    expect(catalog.repairModel('gpt-5-codex-mini', { plan: 'free' })?.to).toBe('gpt-5.6-luna');
    expect(catalog.repairModel('gpt-5.3-codex', { plan: 'free', slot: 'haiku' })?.to).toBe('gpt-5.6-luna');
    expect(catalog.repairModel('gpt-5.4', {})?.message).toBe(
      'gpt-5.4 is retired for ChatGPT sign-in; using gpt-5.6-terra',
    );
    expect(catalog.repairModel('gpt-5.6-sol', { plan: 'free' })).toBeUndefined();
    expect(catalog.repairModel('no-such-model', { plan: 'free' })).toBeUndefined();
  });
});

describe('live list, cached per plan on disk', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'ccs-models-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  const make = (fetch: typeof globalThis.fetch, plan = 'plus', clock = { t: 1_000 }) =>
    createCodexModelCatalog({
      options: { ...options, clientVersion: '0.170.1' },
      credentials,
      cache: new CodexModelsCache(home),
      planOf: async () => plan,
      fetch,
      now: () => clock.t,
    });

  it('GETs /codex/models with client_version and the account headers, and the list wins', async () => {
    const fetch = vi.fn(async () => jsonResponse(live, 200, { etag: '"v1"' }));
    const catalog = make(fetch);
    const models = await catalog.list({ accountId: 'a1' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:9/backend-api/codex/models?client_version=0.170.1');
    const headers = init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer at-secret');
    expect(headers['chatgpt-account-id']).toBe('acct-1');
    expect(headers['if-none-match']).toBeUndefined();

    expect(models.filter((m) => !m.hidden).map((m) => m.id)).toEqual([
      'gpt-7-nova',
      'gpt-7-nova-mini',
      'gpt-7-text',
      'o9-paid',
    ]);
    expect(catalog.get('gpt-7-nova')).toMatchObject({
      effort: { max: 'ultra', default: 'medium' },
      maxContextWindow: 1_000_000,
      serviceTiers: ['priority'],
      defaultVerbosity: 'low',
      source: 'remote',
    });
    expect(catalog.get('o9-paid')?.availability).toBe('paid plans');
    // Today's compiled models the list no longer carries are known but offered to nobody.
    expect(catalog.isAvailable('gpt-5.6-terra', 'plus')).toBe(false);
    expect(catalog.repairModel('gpt-5.6-terra', { plan: 'plus' })).toMatchObject({
      to: 'gpt-7-nova',
      reason: 'unlisted',
    });
    // Hidden with an upgrade, but still served: kept (only what the account cannot use is repaired).
    expect(catalog.repairModel('gpt-5.6-sol', { plan: 'plus' })).toBeUndefined();
    expect(catalog.repairModel('o9-paid', { plan: 'free' })).toMatchObject({
      to: 'gpt-7-nova',
      reason: 'plan',
    });
    expect(catalog.defaultSlotModels({ plan: 'plus' })).toMatchObject({
      default: 'gpt-7-nova',
      haiku: 'gpt-7-nova-mini',
    });

    const file = join(home, 'models', 'codex-plus.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({ plan: 'plus', etag: '"v1"', clientVersion: '0.170.1' });
    expect(JSON.stringify(saved)).not.toContain('at-secret');
  });

  it('a new process reads the cached list offline, then revalidates with If-None-Match after the TTL', async () => {
    const clock = { t: 1_000 };
    await make(
      vi.fn(async () => jsonResponse(live, 200, { etag: '"v1"' })),
      'plus',
      clock,
    ).list({ accountId: 'a1' });

    const fetch = vi.fn(async () => jsonResponse(undefined, 304, { etag: '"v1"' }));
    const next = make(fetch, 'plus', clock);
    expect(next.offlineModels({ plan: 'plus' })[0]?.id).toBe('gpt-7-nova');
    expect(next.get('gpt-7-text')?.inputModalities).toEqual(['text']);
    await next.list({ accountId: 'a1' });
    expect(fetch).not.toHaveBeenCalled();
    clock.t += CODEX_MODELS_TTL_MS;
    const models = await next.list({ accountId: 'a1' });
    expect(fetch).toHaveBeenCalledOnce();
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>)['if-none-match']).toBe('"v1"');
    expect(models[0]?.id).toBe('gpt-7-nova');
  });

  it('a response with a different X-Models-Etag refreshes the list in the background', async () => {
    const fetch = vi.fn(async () => jsonResponse(live, 200, { etag: '"v1"' }));
    const catalog = make(fetch);
    await catalog.list({ accountId: 'a1' });
    catalog.observeResponse('a1', 'plus', { 'x-models-etag': '"v1"' });
    expect(fetch).toHaveBeenCalledTimes(1);
    catalog.observeResponse('a1', 'plus', { 'x-models-etag': '"v2"' });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
  });

  it.each([
    ['an HTTP error', async () => jsonResponse({ detail: 'nope' }, 500)],
    ['a malformed body', async () => jsonResponse({ data: [] })],
    ['a network failure', async () => Promise.reject(new TypeError('fetch failed'))],
  ])('falls back to the best offline list on %s and reports it', async (_name, impl) => {
    const onError = vi.fn();
    const catalog = createCodexModelCatalog({ options, credentials, fetch: vi.fn(impl), onError });
    const models = await catalog.list({ accountId: 'a1' });
    expect(models.map((m) => m.id)).toEqual(CODEX_STATIC_MODELS.map((m) => m.id));
    expect(onError).toHaveBeenCalledOnce();
  });

  it('never touches the network without an account or credentials', async () => {
    const fetch = vi.fn();
    await createCodexModelCatalog({ options, credentials, fetch }).list();
    await createCodexModelCatalog({ options, fetch }).list({ accountId: 'a1' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
