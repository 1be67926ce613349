import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltBin } from './built-bin.js';

// A demanding user's mistakes, through the built bin: each is exit 2, nothing on stdout, an error line
// saying what is wrong followed by one saying what to do, and never a stack trace. None needs a network.
let bin: string;
let home: string;

beforeAll(() => {
  bin = ensureBuiltBin();
  home = mkdtempSync(join(tmpdir(), 'ccs-usage-errors-'));
}, 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

function ccs(args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      CCS_HOME: join(home, '.ccs'),
      NO_COLOR: '1',
      CCS_NO_BROWSER: '1',
      // Nothing here may reach a network: point both services at a closed loopback port.
      CCS_CODEX_ISSUER: 'http://127.0.0.1:9',
      CCS_CODEX_BASE_URL: 'http://127.0.0.1:9/backend-api',
      CCS_CLAUDE_PATH: '/bin/false',
      ...extraEnv,
    },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
  [
    'an unknown command',
    ['bogus'],
    {},
    /^error Unknown command or provider "bogus"\.\n {2}Loaded providers: codex; commands: proxy/,
  ],
  ['ccs env without a provider', ['env'], {}, /^error Missing the provider\.\n {2}Use: ccs env <provider>/],
  ['ccs env with an unknown flag', ['env', 'codex', '--bogus'], {}, /^error Unknown option --bogus/],
  ['--effort with no value', ['codex', '--effort'], {}, /^error Option --effort needs a value\.\n {2}Run/],
  [
    '--effort with a bad value',
    ['codex', '--effort', 'huge'],
    {},
    /^error Invalid effort "huge"\.\n {2}Use one of/,
  ],
  ['--use with no value', ['codex', '--use'], {}, /^error Option --use needs a value\.\n {2}Run/],
  [
    '--use with an unknown account',
    ['codex', '--use', 'nobody'],
    {},
    /^error No Codex account named "nobody"\.\n {2}/,
  ],
  ['--accounts with a stray argument', ['codex', '--accounts', '--bogus'], {}, /^error Unexpected argument/],
  ['ccs proxy --port abc', ['proxy', '--port', 'abc'], {}, /^error --port must be a port number/],
  ['ccs cliproxy with an unknown subcommand', ['cliproxy', 'foo'], {}, /^error Unknown subcommand/],
  [
    'ccs cliproxy quota with an unknown provider',
    ['cliproxy', 'quota', '--provider', 'x'],
    {},
    /^error Unknown provider "x"\.\n {2}/,
  ],
  [
    'a bad CCS_CODEX_EFFORT',
    ['codex', '-p', 'hi'],
    { CCS_CODEX_EFFORT: 'huge' },
    /^error CCS_CODEX_EFFORT="huge" is not an effort level\.\n {2}Use one of/,
  ],
  [
    'a bad CCS_CODEX_LOGIN_TIMEOUT',
    ['codex', '--auth'],
    { CCS_CODEX_LOGIN_TIMEOUT: 'abc' },
    /^error CCS_CODEX_LOGIN_TIMEOUT must be a number of seconds, not "abc"\.\n {2}Set it to/,
  ],
  [
    'a bad CCS_CODEX_CALLBACK_PORT',
    ['codex', '--accounts'],
    { CCS_CODEX_CALLBACK_PORT: '0' },
    /^error CCS_CODEX_CALLBACK_PORT must be a port number.*\n {2}Fix or unset/,
  ],
  [
    'a bad CCS_CODEX_BASE_URL',
    ['env', 'codex'],
    { CCS_CODEX_BASE_URL: 'notaurl' },
    /^error CCS_CODEX_BASE_URL must be an http\(s\) URL.*\n {2}Fix or unset/,
  ],
  [
    '--json without --accounts',
    ['codex', '--json'],
    {},
    /^error --json only works with --accounts\.\n {2}Example/,
  ],
  [
    '--account without --logout/--nickname',
    ['codex', '--account', 'x'],
    {},
    /^error --account only works.*\n {2}To make/,
  ],
  [
    '--effort with --accounts',
    ['codex', '--effort', 'high', '--accounts'],
    {},
    /^error --effort only applies.*\n {2}Example/,
  ],
  [
    'a flag given twice',
    ['codex', '--use', 'a', '--use', 'b'],
    {},
    /^error Option --use was given twice\.\n {2}Give it once/,
  ],
  [
    '--device with --headless',
    ['codex', '--auth', '--device', '--headless'],
    {},
    /^error Choose either.*\n {2}Use --headless/,
  ],
  [
    'ccs env codex with a stray argument',
    ['env', 'codex', 'extra'],
    {},
    /^error Unexpected argument "extra" for "ccs env codex"\.\n {2}Use: ccs env codex/,
  ],
  [
    'ccs proxy with a stray argument',
    ['proxy', 'extra'],
    {},
    /^error Unexpected argument "extra" for "ccs proxy"\.\n {2}Run "ccs proxy --help"/,
  ],
  [
    'ccs dashboard --port abc',
    ['dashboard', '--port', 'abc', '--no-open'],
    {},
    /^error --port must be a port number.*\n {2}Example: --port 8317/,
  ],
  [
    '--auth with a bad nickname (before any sign-in output)',
    ['codex', '--auth', '--nickname', 'a b'],
    {},
    /^error Invalid nickname "a b".*\n {2}Use 1–50 characters/,
  ],
];

describe('usage mistakes exit 2 with what is wrong and what to do', () => {
  it.each(cases)('%s', (_, args, env, expected) => {
    const result = ccs(args, env);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at |Unexpected error|report this/);
  });
});

describe('a reader that closes the pipe early', () => {
  it.each([['--help'], ['codex', '--accounts', '--json'], ['env', 'codex']])(
    'ccs %s | true: exit 0, no EPIPE stack trace',
    (...args) => {
      const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
      const result = spawnSync('bash', ['-c', `${command} | true; exit "\${PIPESTATUS[0]}"`], {
        env: { PATH: process.env.PATH, HOME: home, CCS_HOME: join(home, '.ccs'), NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(result.status).toBe(0);
    },
  );
});
