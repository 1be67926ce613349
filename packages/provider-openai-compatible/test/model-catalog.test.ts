import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from './helpers.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.up.setModels(['vendor/large-model', 'small-model']));

describe('models: configured list and aliases merged with /v1/models', () => {
  it('lists the configured models first (alias as id), then what only the endpoint has', async () => {
    const provider = fx.provider();
    expect(provider.modelCatalog.staticModels().map((m) => [m.id, m.source])).toEqual([
      ['large', 'static'],
      ['small-model', 'static'],
    ]);
    fx.up.setModels(['vendor/large-model', 'small-model', 'new-model']);
    const listed = await provider.modelCatalog.list({ refresh: true });
    expect(listed.map((m) => [m.id, m.source])).toEqual([
      ['large', 'static'],
      ['small-model', 'static'],
      ['new-model', 'remote'],
    ]);
    expect(provider.modelCatalog.get('new-model')?.source).toBe('remote');
    expect(provider.modelCatalog.upstreamName('large')).toBe('vendor/large-model');
  });

  it('falls back to the configured models when the endpoint refuses or is down', async () => {
    const provider = fx.provider({ 'api-key-entries': [{ 'api-key': 'sk-revoked' }] });
    expect((await provider.modelCatalog.list()).map((m) => m.id)).toEqual(['large', 'small-model']);
  });

  it('effort: configured levels are honoured and capped with a warning; other models run at the endpoint default', () => {
    const policy = fx.provider().effortPolicy;
    expect(policy.resolve({ modelId: 'large', requested: 'high', source: 'explicit' })).toMatchObject({
      effort: 'high',
      capped: false,
      warnings: [],
    });
    expect(policy.resolve({ modelId: 'large', requested: 'xhigh', source: 'explicit' })).toMatchObject({
      effort: 'high',
      capped: true,
      warnings: [expect.stringMatching(/supports effort low, medium, high; using high/)],
    });
    expect(policy.resolve({ modelId: 'small-model', requested: 'high', source: 'explicit' })).toMatchObject({
      effort: 'medium',
      warnings: [expect.stringMatching(/no effort levels .*endpoint's default/)],
    });
  });
});
