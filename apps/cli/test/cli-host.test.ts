import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCliHost, ensureLocalApiKey } from '../src/host/create-cli-host.js';

let home: string;
const env = () => ({ CCS_HOME: home, HOME: home });
const configPath = () => join(home, 'cliproxy', 'config.yaml');

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'ccs-host-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function writeConfig(text: string) {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(home, 'cliproxy'), { recursive: true });
  await writeFile(configPath(), text);
}

describe('createCliHost', () => {
  it('uses defaults without creating any file when config.yaml is missing', async () => {
    const host = await createCliHost({ env: env(), reportWarnings: false });
    expect(host.config.port).toBe(8317);
    expect(host.config.host).toBe('127.0.0.1');
    expect(host.paths.authDir).toBe(join(home, 'cliproxy', 'auth'));
    expect(host.codexOptions.issuer).toBe('https://auth.openai.com');
    expect(await readdir(home)).toEqual([]);
  });

  it('lets CCS_CODEX_* and CCS_CLAUDE_PATH win over config.yaml', async () => {
    await writeConfig(
      'claude-path: /from/config\ncodex:\n  issuer: http://127.0.0.1:1/config\n  base-url: http://127.0.0.1:1/base\n  callback-port: 2000\n',
    );
    const host = await createCliHost({
      env: {
        ...env(),
        CCS_CODEX_ISSUER: 'http://127.0.0.1:9/env',
        CCS_CODEX_CALLBACK_PORT: '3000',
        CCS_CLAUDE_PATH: '/from/env',
      },
      reportWarnings: false,
    });
    expect(host.codexOptions.issuer).toBe('http://127.0.0.1:9/env');
    expect(host.codexOptions.baseUrl).toBe('http://127.0.0.1:1/base');
    expect(host.codexOptions.callbackPort).toBe(3000);
    expect(host.claudePath).toBe('/from/env');
    expect(host.env.CCS_CODEX_BASE_URL).toBe('http://127.0.0.1:1/base');
  });

  it('registers the built-in Codex provider and isolates a broken config plugin', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(home, 'cliproxy', 'plugins'), { recursive: true });
    await writeFile(
      join(home, 'cliproxy', 'plugins', 'future.mjs'),
      "export default { apiVersion: 2, kind: 'provider', meta: { id: 'future', displayName: 'F' } };\n",
    );
    await writeConfig('plugins:\n  - ./plugins/future.mjs\n');
    const host = await createCliHost({ env: env(), reportWarnings: false });
    expect(host.pluginErrors.map((e) => [e.source, e.error.code])).toEqual([
      ['./plugins/future.mjs', 'PLUGIN_API_UNSUPPORTED'],
    ]);
    expect(host.provider('codex').id).toBe('codex');
    expect(() => host.provider('future')).toThrow('targets plugin API 2, but this ccs supports API 1.');
    expect(await readdir(join(home, 'cliproxy'))).toEqual(['config.yaml', 'plugins']);
  });

  it('refuses a malformed CCS_CODEX_* variable with a usage error naming it', async () => {
    await expect(
      createCliHost({ env: { ...env(), CCS_CODEX_CALLBACK_PORT: 'none' }, reportWarnings: false }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      exitCode: 2,
      message: expect.stringContaining('CCS_CODEX_CALLBACK_PORT'),
    });
  });

  it('skips the plugins of config.yaml with loadPlugins: false, keeping the built-in provider', async () => {
    await writeConfig('plugins:\n  - ./plugins/missing.mjs\n');
    const host = await createCliHost({ env: env(), loadPlugins: false, reportWarnings: false });
    expect([...host.providers.keys()]).toEqual(['codex']);
    await expect(createCliHost({ env: env(), reportWarnings: false })).rejects.toMatchObject({
      code: 'PLUGIN_NOT_FOUND',
      exitCode: 2,
    });
  });

  it('names the loaded providers when an unknown one is asked for', async () => {
    const host = await createCliHost({ env: env(), reportWarnings: false });
    expect(() => host.provider('nope')).toThrow(/Unknown provider "nope"/);
  });

  it('rejects a broken config.yaml with a CONFIG_INVALID error naming file and line', async () => {
    await writeConfig('host: 127.0.0.1\nport: seventy\n');
    await expect(createCliHost({ env: env(), reportWarnings: false })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      exitCode: 2,
      message: `${configPath()}:2: port must be a number between 1 and 65535`,
    });
  });
});

describe('ensureLocalApiKey', () => {
  it('generates a random key on first use, writes it 0600 and reuses it afterwards', async () => {
    const host = await createCliHost({ env: env(), reportWarnings: false });
    const key = await ensureLocalApiKey(host);
    expect(key).toMatch(/^ccs-[A-Za-z0-9_-]{32}$/);
    expect((await stat(configPath())).mode & 0o777).toBe(0o600);
    const again = await createCliHost({ env: env(), reportWarnings: false });
    expect(await ensureLocalApiKey(again)).toBe(key);
    const other = await mkdtemp(join(tmpdir(), 'ccs-host-'));
    const third = await ensureLocalApiKey(
      await createCliHost({ env: { CCS_HOME: other }, reportWarnings: false }),
    );
    await rm(other, { recursive: true, force: true });
    expect(third).not.toBe(key);
  });

  it('tightens a cliproxy folder another tool left 0755 to 0700 when it writes there', async () => {
    if (process.platform === 'win32') return;
    const { chmod } = await import('node:fs/promises');
    await writeConfig('port: 9000\n');
    await chmod(join(home, 'cliproxy'), 0o755);
    await ensureLocalApiKey(await createCliHost({ env: env(), reportWarnings: false }));
    expect((await stat(join(home, 'cliproxy'))).mode & 0o777).toBe(0o700);
    expect((await stat(configPath())).mode & 0o777).toBe(0o600);
  });

  it("keeps the user's comments and unknown keys, and puts the key first", async () => {
    await writeConfig('# my comment\nport: 9000 # inline\nmystery: 1\napi-keys:\n  - ccs-internal-managed\n');
    const host = await createCliHost({ env: env(), reportWarnings: false });
    const key = await ensureLocalApiKey(host);
    const text = await readFile(configPath(), 'utf8');
    expect(text).toContain('# my comment\nport: 9000 # inline\nmystery: 1\n');
    expect(text).toContain(`api-keys:\n  - "${key}"\n  - ccs-internal-managed`);
    expect(host.config['api-keys']).toEqual([key, 'ccs-internal-managed']);
  });
});
