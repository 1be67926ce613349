import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import type { Loose } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

function get(path: string, email: string, headers: Record<string, string> = {}) {
  const t = emu.control.issueTokens(email);
  return fetch(`${emu.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${t.accessToken}`, 'chatgpt-account-id': t.accountId, ...headers },
  });
}
type Model = {
  slug: string;
  visibility: string;
  priority: number;
  supported_reasoning_levels: { effort: string }[];
};

describe('GET /codex/models', () => {
  it("lists today's models in the ModelInfo shape, the same for free and plus", async () => {
    emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
    emu.control.addAccount({ email: 'free@example.com', plan: 'free' });
    const res = await get('/codex/models?client_version=0.169.0', 'plus@example.com');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(emu.control.modelsEtag());
    const { models } = (await res.json()) as { models: (Model & Record<string, unknown>)[] };
    expect(models.map((m) => m.slug)).toEqual([
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.6-luna',
      'gpt-5.5',
      'gpt-5.3-codex-spark',
      'codex-auto-review',
    ]);
    const sol = models[0]!;
    expect(sol).toMatchObject({
      display_name: 'GPT-5.6 Sol',
      default_reasoning_level: 'low',
      context_window: 272000,
    });
    expect(sol.supported_reasoning_levels.map((l) => l.effort)).toEqual([
      'low',
      'medium',
      'high',
      'xhigh',
      'max',
      'ultra',
    ]);
    expect(models.find((m) => m.slug === 'gpt-5.3-codex-spark')).toMatchObject({
      input_modalities: ['text'],
      supports_reasoning_summary_parameter: false,
      service_tiers: [],
    });
    expect(models.find((m) => m.slug === 'codex-auto-review')?.visibility).toBe('hide');
    for (const retired of ['gpt-5-codex', 'gpt-5.3-codex', 'gpt-5.4'])
      expect(models.map((m) => m.slug)).not.toContain(retired);
    const free = (await (await get('/codex/models?client_version=0.169.0', 'free@example.com')).json()) as {
      models: Model[];
    };
    expect(free.models.map((m) => m.slug)).toEqual(models.map((m) => m.slug));
  });

  it('page-era scenario: lists models in the ModelInfo shape, filtered by plan', async () => {
    emu.control.useModelScenario('page-era');
    emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
    emu.control.addAccount({ email: 'free@example.com', plan: 'free' });
    const res = await get('/codex/models?client_version=0.169.0', 'plus@example.com');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    const { models } = (await res.json()) as { models: (Model & Record<string, unknown>)[] };
    const g55 = models.find((m) => m.slug === 'gpt-5.5')!;
    expect(g55).toMatchObject({
      display_name: 'GPT-5.5',
      default_reasoning_level: 'medium',
      visibility: 'list',
      priority: 0,
      context_window: 272000,
    });
    expect(g55.supported_reasoning_levels.map((l) => l.effort)).toEqual(['low', 'medium', 'high', 'xhigh']);
    expect(g55.available_in_plans).toContain('free');
    expect(models.map((m) => m.slug)).toContain('gpt-5.4');
    // The default model is the first listed one by priority.
    const listed = models.filter((m) => m.visibility === 'list').sort((a, b) => a.priority - b.priority);
    expect(listed[0]!.slug).toBe('gpt-5.5');

    const free = (await (await get('/codex/models?client_version=0.169.0', 'free@example.com')).json()) as {
      models: Model[];
    };
    const freeSlugs = free.models.map((m) => m.slug);
    expect(freeSlugs).toContain('gpt-5.5');
    expect(freeSlugs).toContain('gpt-5.4-mini');
    expect(freeSlugs).not.toContain('gpt-5.4');
    expect(freeSlugs).not.toContain('gpt-5.3-codex');
  });

  it('hides models newer than the client version and requires client_version', async () => {
    emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
    const old = (await (await get('/codex/models?client_version=0.100.0', 'plus@example.com')).json()) as {
      models: Model[];
    };
    expect(old.models.map((m) => m.slug)).not.toContain('gpt-5.5');
    expect((await get('/codex/models', 'plus@example.com')).status).toBe(400);
  });

  it('answers 304 for a matching If-None-Match', async () => {
    emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
    const first = await get('/codex/models?client_version=0.169.0', 'plus@example.com');
    const etag = first.headers.get('etag')!;
    const again = await get('/codex/models?client_version=0.169.0', 'plus@example.com', {
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
  });

  it('needs a valid token', async () => {
    const res = await fetch(`${emu.baseUrl}/codex/models?client_version=0.169.0`);
    expect(res.status).toBe(401);
  });
});

describe('GET /wham/usage', () => {
  it('has a default body with both windows', async () => {
    emu.control.addAccount({ email: 'pro@example.com', plan: 'pro' });
    const res = await get('/wham/usage', 'pro@example.com');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Loose;
    expect(body.plan_type).toBe('pro');
    expect(body.rate_limit).toMatchObject({
      allowed: true,
      limit_reached: false,
      primary_window: { limit_window_seconds: 18000 },
      secondary_window: { limit_window_seconds: 604800 },
    });
    expect(typeof body.rate_limit.primary_window.reset_at).toBe('number');
    expect(emu.control.counters().usageRequests).toBe(1);
  });

  it('follows setUsage, including a weekly-only account and additional limits', async () => {
    emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
    emu.control.setUsage('plus@example.com', {
      primary: { usedPercent: 100, windowMinutes: 10080, resetAfterSeconds: 7200 },
      secondary: null,
      additional: [
        {
          limitName: 'GPT-5.3-Codex-Spark',
          meteredFeature: 'codex_bengalfox',
          primary: { usedPercent: 5, windowMinutes: 300, resetAfterSeconds: 100 },
        },
      ],
    });
    const body = (await (await get('/wham/usage', 'plus@example.com')).json()) as Loose;
    expect(body.rate_limit).toMatchObject({
      allowed: false,
      limit_reached: true,
      primary_window: { used_percent: 100, limit_window_seconds: 604800, reset_after_seconds: 7200 },
      secondary_window: null,
    });
    expect(body.additional_rate_limits[0]).toMatchObject({
      limit_name: 'GPT-5.3-Codex-Spark',
      metered_feature: 'codex_bengalfox',
      rate_limit: { primary_window: { used_percent: 5 } },
    });
  });

  it('serves a raw body verbatim', async () => {
    emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
    const raw = { plan_type: 'plus', rate_limit: null, extra_future_field: 1 };
    emu.control.setUsage('plus@example.com', { raw });
    expect(await (await get('/wham/usage', 'plus@example.com')).json()).toEqual(raw);
  });
});
