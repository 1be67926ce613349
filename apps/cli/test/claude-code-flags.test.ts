import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLAUDE_CODE_FLAGS } from '../src/commands/provider/claude-code-flags.js';
import { parseProviderArgs } from '../src/commands/provider/parse-provider-args.js';

// The Claude Code installed for the end-to-end tests is the reference: its --help lists the flags ccs
// must pass through untouched, so the data ccs keeps must match it.
const CLAUDE = fileURLToPath(new URL('../../../tests/e2e/node_modules/.bin/claude', import.meta.url));

describe("Claude Code's flags, kept as data", () => {
  it('match the installed Claude Code --help', () => {
    const help = execFileSync(CLAUDE, ['--help'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const listed = [...new Set(help.match(/--[a-zA-Z][a-zA-Z0-9-]*/g) ?? [])].sort();
    expect([...CLAUDE_CODE_FLAGS].sort()).toEqual(listed);
  });

  it('every Claude Code flag near a ccs flag still passes through', () => {
    for (const flag of CLAUDE_CODE_FLAGS) {
      if (['--verbose', '--effort', '--help'].includes(flag)) continue; // ccs owns these
      expect(parseProviderArgs([flag], 'acme').claudeArgs).toEqual([flag]);
    }
  });

  it('a flag one edit from a ccs flag and not Claude Code one is a usage error naming it', () => {
    for (const [typo, meant] of [
      ['--acounts', '--accounts'],
      ['--logot', '--logout'],
      ['--headles', '--headless'],
      ['--nicknme', '--nickname'],
      ['--with-apikey', '--with-api-key'],
    ]) {
      expect(() => parseProviderArgs([typo!], 'acme')).toThrow(`Did you mean ${meant}?`);
    }
    // Far from every ccs flag: Claude Code's business.
    expect(parseProviderArgs(['--something-else'], 'acme').claudeArgs).toEqual(['--something-else']);
  });
});
