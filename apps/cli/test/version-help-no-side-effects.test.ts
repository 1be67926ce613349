import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltBin } from './built-bin.js';

let bin: string;
let sandbox: string;

beforeAll(() => {
  bin = ensureBuiltBin();
  sandbox = mkdtempSync(join(tmpdir(), 'ccs-noside-'));
}, 120_000);

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

function ccs(...args: string[]) {
  const home = join(sandbox, 'home');
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: sandbox,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      CCS_HOME: join(home, '.ccs'),
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      TMPDIR: join(sandbox, 'tmp'),
      NO_COLOR: '1',
    },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return result;
}

describe('ccs --version and --help from the built bin', () => {
  it.each([
    [['--version'], /^\d+\.\d+\.\d+\S*\n$/],
    [['-v'], /^\d+\.\d+\.\d+\S*\n$/],
    [['--help'], /^ccs \S+ - run Claude Code on OpenAI Codex models/],
    [[], /^ccs \S+ - run Claude Code/],
    [['codex', '--help'], /^Usage: ccs codex \[options\]/],
  ])('ccs %j exits 0, prints to stdout only and writes no file', (args, expected) => {
    const result = ccs(...args);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(expected);
    expect(result.stderr).toBe('');
    expect(readdirSync(sandbox)).toEqual([]);
  });
});
