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

function ccsWithConfig(
  text: string,
  args = ['cliproxy', 'quota', '--provider', 'codex'],
  ccsHome = join(home, '.ccs'),
) {
  writeFileSync(configFile, text);
  return spawnSync(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      CCS_HOME: ccsHome,
      CCS_CLAUDE_PATH: '/bin/false',
      NO_COLOR: '1',
      CCS_NO_BROWSER: '1',
    },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const fixIt = () =>
  `  Fix that line (see docs/configuration.md), or move ${configFile} aside to start from the defaults.`;

describe('a malformed config.yaml', () => {
  it('with a YAML syntax error: exit 2, one line naming file, line and key, then what to do', () => {
    const result = ccsWithConfig('port: 8317\ncodex:\n  base-url: "http://127.0.0.1:1\n  issuer: x\n');
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toHaveLength(2);
    expect(lines(result.stderr)[1]).toBe(fixIt());
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
    expect(result.stderr).toBe(
      `error ${configFile}:7: port must be a number between 1 and 65535\n${fixIt()}\n`,
    );
  });

  it('with an unknown plugin: exit 2, one line naming file, line and key', () => {
    const result = ccsWithConfig('port: 8317\nplugins:\n  - ./plugins/nope.mjs\n');
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `error ${configFile}:3: plugins[0]: cannot find plugin "./plugins/nope.mjs" (no file at ${join(home, '.ccs', 'cliproxy', 'plugins', 'nope.mjs')}).`,
      fixIt(),
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

describe('every command that reads config.yaml validates it', () => {
  const commands = [
    ['env', 'codex'],
    ['proxy'],
    ['proxy', '--port', '18317'],
    ['cliproxy', 'quota'],
    ['cliproxy', 'quota', '--json'],
    ['codex', '--accounts'],
    ['codex', '--accounts', '--json'],
    ['codex', '--use', 'someone'],
    ['codex', '--nickname', 'work'],
    ['codex', '--logout'],
    ['codex', '-p', 'hi'],
  ];
  it.each(commands.map((args) => [args.join(' '), args]))(
    'ccs %s: exit 2 naming file and line',
    (_, args) => {
      const result = ccsWithConfig('port: 8317\nhost: [oops\n', args as string[]);
      expect(result.status).toBe(2);
      expect(lines(result.stderr)[0]).toMatch(new RegExp(`^error ${configFile}:\\d+: invalid YAML`));
      expect(result.stdout).toBe('');
    },
  );
});

describe('a CCS_HOME that is a file', () => {
  it.each([
    ['env', 'codex'],
    ['codex', '--accounts', '--json'],
    ['cliproxy', 'quota'],
  ])('ccs %s %s: exit 2 saying CCS_HOME is a file, not an errno about config.yaml', (...args) => {
    const file = join(home, 'not-a-folder');
    writeFileSync(file, 'x');
    const result = ccsWithConfig('', args, file);
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `error CCS_HOME (${file}) is a file, not a folder.`,
      '  Point CCS_HOME at a folder (or unset it for ~/.ccs), or move that file away.',
    ]);
    expect(result.stdout).toBe('');
  });
});

describe('a token folder that is a file', () => {
  it('ccs codex --accounts: exit 2 naming the folder, not an "unexpected error"', () => {
    const auth = join(home, '.ccs', 'cliproxy', 'auth');
    writeFileSync(auth, 'x');
    const result = ccsWithConfig('port: 8317\n', ['codex', '--accounts']);
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `error The token folder (${auth}) is a file, not a folder.`,
      '  Move that file away (ccs creates the folder), or point auth-dir in config.yaml at a folder.',
    ]);
  });
});
