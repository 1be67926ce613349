import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuiltBin } from './built-bin.js';

// Through the built bin, as a user meets it: a command that reads config.yaml (`ccs cliproxy quota`)
// must exit 2 with exactly one line on stderr naming file, line and key.
let bin: string;
let home: string;
let configFile: string;

beforeAll(() => {
  bin = ensureBuiltBin();
}, 120_000);

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ccs-config-errors-'));
  mkdirSync(join(home, '.ccs', 'cliproxy'), { recursive: true });
  configFile = join(home, '.ccs', 'cliproxy', 'config.yaml');
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function ccsWithConfig(text: string) {
  writeFileSync(configFile, text);
  return spawnSync(process.execPath, [bin, 'cliproxy', 'quota', '--provider', 'codex'], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      CCS_HOME: join(home, '.ccs'),
      NO_COLOR: '1',
      CCS_NO_BROWSER: '1',
    },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('a malformed config.yaml', () => {
  it('with a YAML syntax error: exit 2, one line naming file, line and key', () => {
    const result = ccsWithConfig('port: 8317\ncodex:\n  base-url: "http://127.0.0.1:1\n  issuer: x\n');
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(
      new RegExp(`^error ${configFile}:\\d+: invalid YAML at "codex\\.[a-z-]+": `),
    );
    expect(result.stdout).toBe('');
  });

  it('with a wrong type: exit 2, one line naming file, line and key', () => {
    const result = ccsWithConfig(
      '# my proxy\nhost: 127.0.0.1\n\napi-keys: []\ndebug: false\n\nport: 99999\n',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error ${configFile}:7: port must be a number between 1 and 65535\n`);
  });

  it('with an unknown plugin: exit 2, one line naming file, line and key', () => {
    const result = ccsWithConfig('port: 8317\nplugins:\n  - ./plugins/nope.mjs\n');
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `error ${configFile}:3: plugins[0]: cannot find plugin "./plugins/nope.mjs" (no file at ${join(home, '.ccs', 'cliproxy', 'plugins', 'nope.mjs')}).`,
    ]);
  });

  it('with an unknown key: a warning naming the line, not an error, and the key stays in the file', () => {
    const text = 'port: 8317\nmy-own-setting: 42 # keep me\n';
    const result = ccsWithConfig(text);
    expect(result.status).not.toBe(2);
    expect(result.stderr).toContain(
      `warning ${configFile}:2: unknown key "my-own-setting" is ignored (it stays in the file).`,
    );
    expect(readFileSync(configFile, 'utf8')).toBe(text);
  });
});
