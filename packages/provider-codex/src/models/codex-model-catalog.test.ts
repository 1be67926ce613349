import { describe, expect, it, vi } from 'vitest';
import {
  CODEX_MODELS_TTL_MS,
  CODEX_STATIC_MODELS,
  createCodexModelCatalog,
  freePlanFallbackModel,
  isFreePlan,
  PAID_ONLY_CODEX_MODELS,
} from './codex-model-catalog.js';

const options = { baseUrl: 'http://127.0.0.1:9/backend-api', headers: {} };
const credentials = {
  getCredentials: vi.fn(async () => ({ accessToken: 'at-secret', chatgptAccountId: 'acct-1' })),
};

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('static Codex catalog (the provider page\'s "Model Information" table)', () => {
  // Model ID, Name, Max Effort, Notes — verbatim from the seed page.
  const table: Array<[string, string, string, string]> = [
    ['gpt-5-codex', 'GPT-5 Codex', 'high', 'Cross-plan-safe default'],
    ['gpt-5-codex-mini', 'GPT-5 Codex Mini', 'high', 'Cross-plan-safe fast option'],
    ['gpt-5.2-codex', 'GPT-5.2 Codex', 'xhigh', 'Paid Codex plans'],
    ['gpt-5.3-codex', 'GPT-5.3 Codex', 'xhigh', 'Paid Codex plans'],
    ['gpt-5.3-codex-spark', 'GPT-5.3 Codex Spark', 'xhigh', 'Paid Codex plans'],
    ['gpt-5.4', 'GPT-5.4', 'xhigh', 'Paid Codex plans'],
  ];

  it('lists exactly the six models in the page order', () => {
    expect(CODEX_STATIC_MODELS.map((m) => m.id)).toEqual(table.map((row) => row[0]));
  });

  it.each(table)('%s is "%s", max effort %s, %s', (id, name, max, notes) => {
    const catalog = createCodexModelCatalog({ options });
    const model = catalog.get(id);
    expect(model?.displayName).toBe(name);
    expect(model?.effort.max).toBe(max);
    expect(model?.notes).toBe(notes);
    expect(model?.effort.supported).toContain(model?.effort.default);
    expect(model?.effort.supported.at(-1)).toBe(max);
  });

  it('knows the context windows the backend enforces', () => {
    const catalog = createCodexModelCatalog({ options });
    expect(catalog.get('gpt-5-codex')?.contextWindow).toBe(272_000);
    expect(catalog.get('gpt-5.3-codex-spark')?.contextWindow).toBe(128_000);
  });

  it('free plans can use only the cross-plan-safe models', () => {
    const catalog = createCodexModelCatalog({ options });
    expect(catalog.isAvailable('gpt-5-codex', 'free')).toBe(true);
    expect(catalog.isAvailable('gpt-5-codex-mini', 'free')).toBe(true);
    for (const id of ['gpt-5.2-codex', 'gpt-5.3-codex', 'gpt-5.3-codex-spark', 'gpt-5.4']) {
      expect(catalog.isAvailable(id, 'free')).toBe(false);
      expect(catalog.isAvailable(id, 'plus')).toBe(true);
      expect(catalog.isAvailable(id, 'Pro')).toBe(true);
      expect(catalog.isAvailable(id, undefined)).toBeUndefined();
      expect(catalog.isAvailable(id, 'some-new-plan')).toBeUndefined();
    }
    expect(catalog.isAvailable('no-such-model', 'plus')).toBeUndefined();
  });
});

describe('isFreePlan / paid-only defaults', () => {
  it.each([
    ['free', true],
    ['FREE', true],
    ['free_workspace', true],
    ['plus', false],
    ['pro', false],
    ['team', false],
    ['enterprise', false],
    [undefined, undefined],
    ['', undefined],
    ['unknown', undefined],
  ] as const)('isFreePlan(%s) = %s', (plan, expected) => {
    expect(isFreePlan(plan)).toBe(expected);
  });

  it("names the provider page's paid-only defaults and their safe fallbacks", () => {
    expect([...PAID_ONLY_CODEX_MODELS]).toEqual(['gpt-5.3-codex', 'gpt-5.3-codex-spark', 'gpt-5.4']);
    expect(freePlanFallbackModel('gpt-5.3-codex')).toBe('gpt-5-codex');
    expect(freePlanFallbackModel('gpt-5.4')).toBe('gpt-5-codex');
    expect(freePlanFallbackModel('gpt-5.3-codex-spark')).toBe('gpt-5-codex-mini');
    expect(freePlanFallbackModel('gpt-5.2-codex')).toBeUndefined();
    expect(freePlanFallbackModel('gpt-5-codex')).toBeUndefined();
  });
});

describe('live catalog', () => {
  const live = {
    models: [
      {
        slug: 'gpt-5.9-codex',
        display_name: 'GPT-5.9 Codex',
        visibility: 'list',
        priority: 1,
        supported_reasoning_levels: [
          { effort: 'low' },
          { effort: 'medium' },
          { effort: 'high' },
          { effort: 'xhigh' },
        ],
        default_reasoning_level: 'high',
        context_window: 400_000,
        some_future_field: { x: 1 },
      },
      {
        slug: 'gpt-5-codex',
        display_name: 'gpt-5-codex (live)',
        visibility: 'hide',
        supported_reasoning_levels: [{ effort: 'low' }, { effort: 'medium' }, { effort: 'high' }],
        context_window: 256_000,
      },
      { slug: 42, display_name: 'broken entry is skipped' },
    ],
  };

  it('GETs /codex/models with client_version and the account headers, merges over static, caches 5 minutes', async () => {
    let clock = 1_000;
    const fetch = vi.fn(async () => jsonResponse(live));
    const catalog = createCodexModelCatalog({ options, credentials, fetch, now: () => clock });
    const models = await catalog.list({ accountId: 'a1' });

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:9/backend-api/codex/models?client_version=0.169.0');
    const headers = init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer at-secret');
    expect(headers['chatgpt-account-id']).toBe('acct-1');

    expect(models.map((m) => m.id)).toEqual([...CODEX_STATIC_MODELS.map((m) => m.id), 'gpt-5.9-codex']);
    const codex = models.find((m) => m.id === 'gpt-5-codex')!;
    expect(codex.source).toBe('remote');
    expect(codex.contextWindow).toBe(256_000);
    expect(codex.hidden).toBeUndefined(); // the page's models stay visible
    expect(codex.notes).toBe('Cross-plan-safe default');
    const added = catalog.get('gpt-5.9-codex');
    expect(added?.effort).toEqual({
      supported: ['low', 'medium', 'high', 'xhigh'],
      default: 'high',
      max: 'xhigh',
    });

    clock += CODEX_MODELS_TTL_MS - 1;
    await catalog.list({ accountId: 'a1' });
    expect(fetch).toHaveBeenCalledTimes(1);
    clock += 2;
    await catalog.list({ accountId: 'a1' });
    expect(fetch).toHaveBeenCalledTimes(2);
    await catalog.list({ accountId: 'a1', refresh: true });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('concurrent listings share one request', async () => {
    const fetch = vi.fn(async () => jsonResponse(live));
    const catalog = createCodexModelCatalog({ options, credentials, fetch });
    await Promise.all([catalog.list({ accountId: 'a1' }), catalog.list({ accountId: 'a1' })]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an HTTP error', async () => jsonResponse({ detail: 'nope' }, 500)],
    ['a malformed body', async () => jsonResponse({ data: [] })],
    ['a network failure', async () => Promise.reject(new TypeError('fetch failed'))],
  ])('falls back to the static list on %s and reports it', async (_name, impl) => {
    const onError = vi.fn();
    const catalog = createCodexModelCatalog({ options, credentials, fetch: vi.fn(impl), onError });
    const models = await catalog.list({ accountId: 'a1' });
    expect(models.map((m) => m.id)).toEqual(CODEX_STATIC_MODELS.map((m) => m.id));
    expect(models.every((m) => m.source === 'static')).toBe(true);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('never touches the network without an account or credentials', async () => {
    const fetch = vi.fn();
    await createCodexModelCatalog({ options, credentials, fetch }).list();
    await createCodexModelCatalog({ options, fetch }).list({ accountId: 'a1' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
