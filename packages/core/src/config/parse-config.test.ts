import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CcsError } from '../errors/ccs-error.js';
import { loadConfig, parseConfig } from './parse-config.js';

const FILE = '/home/u/.ccs/cliproxy/config.yaml';

function errorOf(text: string): CcsError {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    if (CcsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected parseConfig to throw');
}

describe('parseConfig', () => {
  it('gives the defaults for an empty file', () => {
    const { config, warnings } = parseConfig('# nothing here\n', FILE);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8317,
      'api-keys': [],
      debug: false,
      routing: { strategy: 'failover' },
      plugins: [],
    });
    expect(warnings).toEqual([]);
  });

  it('reads the CLIProxyAPI key names and the ccs sections', () => {
    const { config } = parseConfig(
      [
        'host: 127.0.0.1',
        'port: 9000',
        'api-keys:',
        '  - ccs-abc',
        'auth-dir: ~/tokens',
        'debug: true',
        'routing:',
        '  strategy: default-only',
        'codex:',
        '  base-url: http://127.0.0.1:4000/backend-api',
        '  callback-port: 1999',
        '  headers:',
        '    originator: me',
        'plugins:',
        '  - ./echo.mjs',
        '  - package: "@acme/ccs-x"',
        '    options: { greeting: hi }',
      ].join('\n'),
      FILE,
    );
    expect(config.port).toBe(9000);
    expect(config['api-keys']).toEqual(['ccs-abc']);
    expect(config.routing.strategy).toBe('default-only');
    expect(config.codex['callback-port']).toBe(1999);
    expect(config.codex.headers).toEqual({ originator: 'me' });
    expect(config.plugins).toEqual(['./echo.mjs', { package: '@acme/ccs-x', options: { greeting: 'hi' } }]);
  });

  it('names file, line and key for a wrong type', () => {
    const error = errorOf('# ccs\nhost: 127.0.0.1\n\napi-keys: []\ndebug: false\n\nport: "eighty"\n');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${FILE}:7: port must be a number between 1 and 65535`);
    // Printed as exactly one line: no second line of advice.
    expect(error.suggestion).toBeUndefined();
  });

  it('names nested keys and list items with their own line', () => {
    expect(errorOf('codex:\n  issuer: https://auth.example\n  callback-port: 70000\n').message).toBe(
      `${FILE}:3: codex.callback-port must be a number between 1 and 65535`,
    );
    expect(errorOf('plugins:\n  - ./a.mjs\n  - path: ./b.mjs\n    options: 3\n').message).toBe(
      `${FILE}:4: plugins[1].options must be a map of options`,
    );
    expect(errorOf('plugins:\n- ./a.mjs\n- { }\n').message).toBe(
      `${FILE}:3: plugins[1] must name exactly one of "path" or "package"`,
    );
    expect(errorOf('codex:\n  issuer: https://auth.example\n  quota-cache-seconds: 1.5\n').message).toBe(
      `${FILE}:3: codex.quota-cache-seconds must be a whole number of seconds (0 or more)`,
    );
    expect(errorOf('codex:\n  quota-cache-seconds: -1\n').message).toBe(
      `${FILE}:2: codex.quota-cache-seconds must be a whole number of seconds (0 or more)`,
    );
    expect(errorOf('codex:\n  quota-cache-seconds: "2m"\n').message).toBe(
      `${FILE}:2: codex.quota-cache-seconds must be a whole number of seconds (0 or more)`,
    );
    expect(errorOf('codex:\n  base-url: ftp://x\n').message).toBe(
      `${FILE}:2: codex.base-url must be an http(s) URL`,
    );
  });

  it('names file, line and the nearest key for a YAML syntax error, in one line', () => {
    const error = errorOf('port: 8317\nrouting:\n  strategy: failover\n    bad: [\n');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(
      new RegExp(`^${FILE}:4: invalid YAML at "routing\\.strategy\\.bad": bad indentation`),
    );
    expect(error.message).not.toContain('\n');
  });

  it('refuses a file that is not a mapping', () => {
    expect(errorOf('- port\n- host\n').message).toBe(
      `${FILE}:1: the file must be a mapping of keys (such as "port: 8317"), not a list or a value.`,
    );
  });

  it('warns about unknown keys with their line, but not about CLIProxyAPI keys CCS writes', () => {
    const { config, warnings } = parseConfig(
      'port: 8317\nrequest-retry: 0\nremote-management:\n  allow-remote: true\nmystery: 1\ncodex:\n  colour: red\n',
      FILE,
    );
    expect(config.port).toBe(8317);
    expect(warnings).toEqual([
      `${FILE}:5: unknown key "mystery" is ignored (it stays in the file).`,
      `${FILE}:7: unknown key "codex.colour" is ignored (it stays in the file).`,
    ]);
  });

  it("reads a CCS-generated file: empty host is loopback, CLIProxyAPI's routing strategy means failover", () => {
    const { config, warnings } = parseConfig('host: ""\nrouting:\n  strategy: round-robin\n', FILE);
    expect(config.host).toBe('127.0.0.1');
    expect(config.routing.strategy).toBe('failover');
    expect(warnings).toEqual([
      `${FILE}:3: routing.strategy "round-robin" is a CLIProxyAPI strategy; ccs uses "failover".`,
    ]);
  });
});

describe('loadConfig', () => {
  it('treats a missing file as defaults', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccs-config-'));
    const loaded = await loadConfig(join(dir, 'config.yaml'));
    expect(loaded.exists).toBe(false);
    expect(loaded.config.port).toBe(8317);
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the file and reports its full path in errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccs-config-'));
    await mkdir(join(dir, 'cliproxy'));
    const file = join(dir, 'cliproxy', 'config.yaml');
    await writeFile(file, 'port: 0\n');
    await expect(loadConfig(file)).rejects.toThrow(`${file}:1: port must be a number between 1 and 65535`);
    await rm(dir, { recursive: true, force: true });
  });

  it('names a folder standing where config.yaml should be, as a config error (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccs-config-'));
    const file = join(dir, 'config.yaml');
    await mkdir(file);
    const error = await loadConfig(file).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      exitCode: 2,
      message: `${file} is a folder, not a config file.`,
    });
    await rm(dir, { recursive: true, force: true });
  });
});
