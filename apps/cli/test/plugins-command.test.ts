import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCcs } from './auth-harness.js';
import { BROKEN_PLUGINS, keyedPluginSource, writePluginPackage } from './provider-fixtures.js';

// Plugin management and broken plugins, through the built bin: every broken plugin gives its own
// error, only to the commands that need it; config.yaml is only changed by a plugin that works.

let root: string;

function sandbox(name: string, config: string): { env: Record<string, string>; configFile: string } {
  const ccsHome = join(root, name);
  mkdirSync(join(ccsHome, 'cliproxy', 'plugins'), { recursive: true });
  const configFile = join(ccsHome, 'cliproxy', 'config.yaml');
  writeFileSync(configFile, config);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(root, 'home'),
    CCS_HOME: ccsHome,
    CCS_CODEX_BASE_URL: 'http://127.0.0.1:9',
    NO_COLOR: '1',
  };
  return { env, configFile };
}

beforeAll(async () => {
  await ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'ccs-plugins-'));
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('broken plugins: each its own error, only where it is needed', () => {
  let env: Record<string, string>;

  beforeAll(() => {
    const box = sandbox(
      'broken',
      [
        'plugins:',
        '  - ./plugins/keyed.mjs',
        '  - ./plugins/future.mjs',
        '  - ./plugins/explodes.mjs',
        '  - ./plugins/fails-create.mjs',
        '  - ./plugins/keyed-again.mjs',
        '',
      ].join('\n'),
    );
    env = box.env;
    const dir = join(env.CCS_HOME!, 'cliproxy', 'plugins');
    writeFileSync(join(dir, 'keyed.mjs'), keyedPluginSource());
    writeFileSync(join(dir, 'keyed-again.mjs'), keyedPluginSource());
    for (const [file, source] of Object.entries(BROKEN_PLUGINS)) writeFileSync(join(dir, file), source);
  });

  it('plugins list --json shows the loaded ones and each failure with its own reason', async () => {
    const result = await runCcs(['plugins', 'list', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const { plugins } = JSON.parse(result.stdout) as {
      plugins: Array<{
        id: string | null;
        source: string;
        version: string | null;
        loaded: boolean;
        error: { code: string; message: string } | null;
      }>;
    };
    const bySource = Object.fromEntries(plugins.map((p) => [p.source, p]));
    expect(bySource['built-in @ccs/provider-codex']).toMatchObject({
      id: 'codex',
      loaded: true,
      error: null,
    });
    expect(bySource['./plugins/keyed.mjs']).toMatchObject({ id: 'keyed', version: '2.0.0', loaded: true });
    expect(bySource['./plugins/future.mjs']!.error).toMatchObject({ code: 'PLUGIN_API_UNSUPPORTED' });
    expect(bySource['./plugins/future.mjs']!.error!.message).toContain('targets plugin API 2');
    expect(bySource['./plugins/explodes.mjs']!.error!.message).toContain(
      'could not be loaded: boom at import',
    );
    expect(bySource['./plugins/fails-create.mjs']!.error!.message).toContain(
      'failed to start: no credentials file',
    );
    expect(bySource['./plugins/keyed-again.mjs']!.error!.message).toContain(
      'uses an id already taken by ./plugins/keyed.mjs',
    );
  });

  it('a command for a working provider works, with one warning per broken plugin', async () => {
    const result = await runCcs(['keyed', '--accounts'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No Keyed AI accounts yet');
    expect(result.stderr.match(/The other providers still work\./g)).toHaveLength(4);
  });

  it('asking for a broken provider gives its own load error (exit 2)', async () => {
    const future = await runCcs(['future', '--accounts'], env);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/error Plugin "future" \(\.\/plugins\/future\.mjs\) targets plugin API 2/);
    const fails = await runCcs(['fails-create', '--help'], env);
    expect(fails.code).toBe(2);
    expect(fails.stderr).toMatch(/error Plugin "fails-create" .* failed to start: no credentials file/);
    const quota = await runCcs(['cliproxy', 'quota', '--provider', 'future'], env);
    expect(quota.code).toBe(2);
    expect(quota.stderr).toContain('targets plugin API 2');
  });

  it('a create() that never settles is a timeout error, not a silent exit 0', async () => {
    const box = sandbox('hangs', 'plugins:\n  - ./plugins/hangs.mjs\n');
    writeFileSync(join(box.env.CCS_HOME!, 'cliproxy', 'plugins', 'hangs.mjs'), BROKEN_PLUGINS['hangs.mjs']!);
    const started = Date.now();
    const result = await runCcs(['hangs', '--accounts'], box.env, 40_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /error Plugin "hangs" \(\.\/plugins\/hangs\.mjs\) did not finish starting within 10 s\./,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 45_000);
});

describe('ccs plugins add / remove', () => {
  const CONFIG =
    '# my settings\nport: 9123\n\nplugins:\n  # the echo one\n  - ./plugins/none-yet.mjs\n\nrouting:\n  strategy: failover\n';
  let env: Record<string, string>;
  let configFile: string;
  let pluginDir: string;

  beforeAll(() => {
    const box = sandbox('manage', CONFIG);
    env = box.env;
    configFile = box.configFile;
    writeFileSync(join(env.CCS_HOME!, 'cliproxy', 'plugins', 'none-yet.mjs'), keyedPluginSource('first'));
    pluginDir = writePluginPackage(join(root, 'src'), 'ccs-provider-acme', keyedPluginSource('acme'));
  });

  it('adds a plugin folder by path, keeping comments and every other key', async () => {
    const result = await runCcs(['plugins', 'add', pluginDir], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Added plugin "acme" (Keyed AI 2.0.0) from ${pluginDir}.`);
    const text = readFileSync(configFile, 'utf8');
    expect(text).toBe(CONFIG.replace('none-yet.mjs\n', `none-yet.mjs\n  - ${JSON.stringify(pluginDir)}\n`));
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    const help = await runCcs(['acme', '--help'], env);
    expect(help.stdout).toContain('Usage: ccs acme');
  });

  it('refuses a broken plugin or a taken id before touching config.yaml', async () => {
    const before = readFileSync(configFile, 'utf8');
    const broken = writePluginPackage(
      join(root, 'src'),
      'ccs-provider-future',
      BROKEN_PLUGINS['future.mjs']!,
    );
    const refused = await runCcs(['plugins', 'add', broken], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('targets plugin API 2');
    expect(refused.stderr).toContain('was not changed');
    const twin = writePluginPackage(join(root, 'src'), 'ccs-provider-acme-twin', keyedPluginSource('acme'));
    const taken = await runCcs(['plugins', 'add', twin], env);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('uses an id already taken');
    const again = await runCcs(['plugins', 'add', pluginDir], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is already listed under plugins:');
    const missing = await runCcs(['plugins', 'add', join(root, 'nowhere')], env);
    expect(missing.code).toBe(2);
    expect(readFileSync(configFile, 'utf8')).toBe(before);
  });

  it('installs a packed plugin with npm into $CCS_HOME/cliproxy and registers it by package name', async () => {
    const packDir = writePluginPackage(
      join(root, 'pack'),
      'ccs-provider-packed',
      keyedPluginSource('packed'),
    );
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', root], {
      cwd: packDir,
      encoding: 'utf8',
    }).trim();
    const result = await runCcs(['plugins', 'add', join(root, tarball)], env, 120_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added plugin "packed" (Keyed AI 2.0.0) from ccs-provider-packed.');
    expect(
      existsSync(join(env.CCS_HOME!, 'cliproxy', 'node_modules', 'ccs-provider-packed', 'index.mjs')),
    ).toBe(true);
    expect(readFileSync(configFile, 'utf8')).toContain('  - "ccs-provider-packed"\n');
    const list = JSON.parse((await runCcs(['plugins', 'list', '--json'], env)).stdout);
    expect(list.plugins.map((p: { id: string }) => p.id)).toEqual(['codex', 'first', 'acme', 'packed']);
  }, 150_000);

  it('removes a plugin by id and leaves the rest of the file as it was', async () => {
    const removed = await runCcs(['plugins', 'remove', 'acme'], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed plugin "acme" (${pluginDir})`);
    const text = readFileSync(configFile, 'utf8');
    expect(text).toBe(CONFIG.replace('none-yet.mjs\n', 'none-yet.mjs\n  - "ccs-provider-packed"\n'));
    const gone = await runCcs(['acme', '--accounts'], env);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('Unknown command or provider "acme"');
    const builtIn = await runCcs(['plugins', 'remove', 'codex'], env);
    expect(builtIn.code).toBe(2);
    expect(builtIn.stderr).toContain('built into ccs');
    const unknown = await runCcs(['plugins', 'remove', 'nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No plugin "nope" is listed');
  });
});
