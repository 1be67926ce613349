import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CcsError, type LoginContext } from '@ccs/core';
import { startChatCompletionsUpstream } from '@ccs/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from './helpers.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture();
});
afterEach(() => fx.close());

const warnings: string[] = [];
const loginContext = (secret?: string): LoginContext => ({
  headless: true,
  progress: { info: () => {}, warn: (line) => warnings.push(line) },
  ...(secret !== undefined ? { readSecret: async () => secret } : {}),
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return CcsError.isInstance(outcome) ? outcome.code : String(outcome);
}

describe('API-key accounts', () => {
  it('a key from config.yaml is the default account, read-only', async () => {
    const provider = fx.provider();
    expect(await provider.accounts.list()).toEqual([
      expect.objectContaining({ id: 'config-1', nickname: 'config-1', isDefault: true, providerId: 'acme' }),
    ]);
    expect(await codeOf(provider.accounts.remove('config-1'))).toBe('USAGE');
    expect(await codeOf(provider.accounts.rename('config-1', 'work'))).toBe('USAGE');
  });

  it('--auth: the key is read with readSecret, checked against /models, stored 0600 and never listed', async () => {
    const provider = fx.provider({ 'api-key-entries': [] });
    const [strategy] = provider.authStrategies;
    expect(strategy!.kind).toBe('api-key');
    const credentials = await strategy!.login(loginContext('  sk-good\n'));
    const added = await provider.accounts.add(credentials, { nickname: 'work' });
    expect(added).toMatchObject({ created: true, account: { nickname: 'work', isDefault: true } });
    const files = (await readdir(fx.context.paths.authDir)).filter((f) => f.endsWith('.json'));
    expect(files).toEqual([`acme-${added.account.id}.json`]);
    const file = join(fx.context.paths.authDir, files[0]!);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      type: 'api-key',
      provider: 'acme',
      api_key: 'sk-good',
    });
    expect(JSON.stringify(await provider.accounts.list())).not.toContain('sk-good');
    expect(strategy!.authorize(credentials)).toEqual({ authorization: 'Bearer sk-good' });
    // The same key again replaces the stored one instead of adding a twin.
    expect((await provider.accounts.add(credentials)).created).toBe(false);
    expect(await provider.accounts.list()).toHaveLength(1);
  });

  it('a refused key is not stored; no terminal and no --with-api-key is a usage error', async () => {
    const provider = fx.provider({ 'api-key-entries': [] });
    const [strategy] = provider.authStrategies;
    expect(await codeOf(strategy!.login(loginContext('sk-wrong')))).toBe('LOGIN_FAILED');
    expect(await codeOf(strategy!.login(loginContext()))).toBe('USAGE');
    expect(await codeOf(strategy!.login(loginContext('   ')))).toBe('USAGE');
    expect(await provider.accounts.list()).toEqual([]);
  });

  it('an endpoint without /models still takes the key, with a warning', async () => {
    const bare = await startChatCompletionsUpstream({ apiKeys: ['sk-local'], modelsStatus: 404 });
    try {
      const provider = fx.provider({ 'base-url': bare.baseUrl, 'api-key-entries': [] });
      warnings.length = 0;
      await expect(provider.authStrategies[0]!.login(loginContext('sk-local'))).resolves.toEqual({
        apiKey: 'sk-local',
      });
      expect(warnings.join('\n')).toMatch(
        /Could not check the key with 127\.0\.0\.1:\d+ .*HTTP 404.*storing it anyway/,
      );
    } finally {
      await bare.close();
    }
  });

  it('stored keys: default, rename, remove; config keys stay first unless a stored key is made default', async () => {
    const provider = fx.provider();
    const second = await provider.accounts.add({ apiKey: 'sk-second' });
    expect(second.account).toMatchObject({ nickname: 'key-1', isDefault: false });
    await provider.accounts.setDefault(second.account.id);
    expect((await provider.accounts.getDefault())?.id).toBe(second.account.id);
    await provider.accounts.rename(second.account.id, 'spare');
    expect((await provider.accounts.resolve('SPARE')).id).toBe(second.account.id);
    expect(await codeOf(provider.accounts.resolve('nobody'))).toBe('USAGE');
    await provider.accounts.setDefault('config-1');
    expect((await provider.accounts.getDefault())?.id).toBe('config-1');
    await provider.accounts.remove(second.account.id);
    expect((await provider.accounts.list()).map((a) => a.id)).toEqual(['config-1']);
  });

  it('files of another provider whose id starts the same are not read as ours', async () => {
    const { authDir } = fx.context.paths;
    const provider = fx.provider({ 'api-key-entries': [] });
    await provider.accounts.add({ apiKey: 'sk-good' });
    await writeFile(
      join(authDir, 'acme-two-key-1.json'),
      JSON.stringify({
        type: 'api-key',
        provider: 'acme-two',
        id: 'key-1',
        nickname: 'x',
        api_key: 'k',
        created_at: '2026-01-01',
      }),
      { mode: 0o600 },
    );
    expect((await provider.accounts.list()).map((a) => a.nickname)).toEqual(['key-1']);
  });
});
